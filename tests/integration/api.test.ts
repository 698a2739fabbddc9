import request from 'supertest';
import { onFirestore } from '../helpers/stores';
import { nationalCounts } from '../../functions/src/stories/reports/dashboard';
import { recordCheckIn, type CheckInInput } from '../../functions/src/stories/fieldWork/checkIn';
import { STATUSES, type Child, type StatusCounts, type User } from '@panong/shared';
import { everythingSent, harness, TEACHER, VOLUNTEER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

const key = (n = Math.random()) => `k-${String(n).replace('.', '')}-0000000000000000`.slice(0, 40);

async function assigned(): Promise<Child> {
  return (
    await h.store.query<Child>('children', { where: [['assigneeIds', 'array-contains', VOLUNTEER]], limit: 1 })
  )[0]!.data;
}
async function outsideSchool(): Promise<Child> {
  return (await h.store.query<Child>('children', { where: [['schoolCode', '==', '40010001']], limit: 1 }))[0]!.data;
}

/** Counters recomputed from the children themselves. */
async function recount(scope: (c: Child) => boolean): Promise<Record<string, number>> {
  const counts: Record<string, number> = { total: 0 };
  for (const { data } of await h.store.query<Child>('children')) {
    if (!scope(data)) continue;
    counts.total = (counts.total ?? 0) + 1;
    counts[data.status] = (counts[data.status] ?? 0) + 1;
  }
  return counts;
}
/** National figures as the product computes them: the sum of the area documents. */
const national = async () => (await nationalCounts(h.store)).counts as StatusCounts;
function nonZero(c: Partial<StatusCounts> | undefined): Record<string, number> {
  return Object.fromEntries(
    ['total', ...STATUSES].map((k) => [k, (c as Record<string, number>)?.[k] ?? 0]).filter(([, v]) => v !== 0),
  );
}

describe('LIFF ID token', () => {
  it('refuses a missing, forged, expired or wrong-audience token', async () => {
    const child = await assigned();
    const path = `/api/children/${child.id}`;
    await request(h.app).get(path).expect(401);
    await request(h.app).get(path).set('authorization', 'Bearer not-a-token').expect(401);
    await request(h.app)
      .get(path)
      .set('authorization', `Bearer ${h.token(VOLUNTEER, { expiresInSec: -10 })}`)
      .expect(401);
    const res = await request(h.app)
      .get(path)
      .set('authorization', `Bearer ${h.token(VOLUNTEER, { audience: '999' })}`)
      .expect(401);
    expect(res.body.error).toContain('ยืนยันตัวตนไม่สำเร็จ');
    expect(JSON.stringify(res.body)).not.toContain(child.firstName);
  });

  it('asks LINE once per token, and again once the token expires', async () => {
    const { lineIdTokenVerifier } = await import('../../functions/src/adapters/idToken');
    let now = Date.now();
    const verify = lineIdTokenVerifier({ origin: h.origin, channelId: '1650000001', now: () => new Date(now) });
    const token = h.token(VOLUNTEER, { expiresInSec: 60 });
    expect(await verify(token)).toEqual({ userId: VOLUNTEER, name: expect.any(String) });
    await verify(token);
    await verify(token);
    const verifyCalls = () => h.fake.calls.filter((c) => c.path === '/oauth2/v2.1/verify').length;
    expect(verifyCalls()).toBe(1);
    now += 61_000; // past the token's expiry: asked again, and LINE refuses it
    await expect(verify(token)).rejects.toThrow();
    expect(verifyCalls()).toBe(1 + 1);
  });

  it('asks an unregistered LINE user to register', async () => {
    const res = await request(h.app)
      .get('/api/me')
      .set('authorization', `Bearer ${h.token('U0000000000000000000000000nobody')}`)
      .expect(403);
    expect(res.body.error).toContain('ลงทะเบียน');
  });
});

describe('child view', () => {
  it('shows the child with a masked ID and the allowed next statuses', async () => {
    const child = await assigned();
    const res = await h.api(VOLUNTEER).get(`/children/${child.id}`).expect(200);
    expect(res.body).toMatchObject({
      name: `${child.firstName} ${child.lastName}`,
      status: 'not_tracked',
      statusLabel: 'ยังไม่ได้ติดตาม',
    });
    expect(res.body.maskedId.replace(/\D/g, '')).toBe(child.nationalId.slice(-4));
    expect(JSON.stringify(res.body)).not.toContain(child.nationalId);
    expect(res.body.allowedNext.map((s: { status: string }) => s.status)).toEqual(
      expect.arrayContaining(['found', 'not_found']),
    );
  });

  it('answers a child outside the scope exactly like a missing one', async () => {
    const outside = await outsideSchool();
    const a = await h.api(VOLUNTEER).get(`/children/${outside.id}`).expect(404);
    const b = await h.api(VOLUNTEER).get('/children/nope').expect(404);
    expect(a.body).toEqual(b.body);
    expect(JSON.stringify(a.body)).not.toContain(outside.firstName);
  });
});

describe('check-in', () => {
  it('takes a pinned location, which has no GPS accuracy', async () => {
    const child = await assigned();
    const body = {
      idempotencyKey: key(),
      location: { lat: 13.71, lng: 100.52, source: 'pin' },
      outcome: { status: 'found' },
    };
    const res = await h.api(VOLUNTEER).post(`/children/${child.id}/checkins`, body).expect(201);
    expect(res.body.child.lastCheckIn).toMatchObject({ lat: 13.71, lng: 100.52 });
    expect((await h.api(VOLUNTEER).get(`/children/${child.id}`).expect(200)).body.status).toBe('found');
  });

  it('records the event with who/when/where, moves the status and the counters together', async () => {
    const child = await assigned();
    const body = {
      idempotencyKey: key(),
      location: { lat: 13.7, lng: 100.5, accuracy: 12, source: 'gps' },
      outcome: { status: 'found', note: 'พบที่บ้านยาย' },
    };
    const res = await h.api(VOLUNTEER).post(`/children/${child.id}/checkins`, body).expect(201);
    expect(res.body.child.status).toBe('found');
    expect(res.body.child.history[0]).toMatchObject({
      toLabel: 'พบตัว',
      by: 'คุณ',
      location: { lat: 13.7, lng: 100.5, accuracy: 12 },
    });
    const events = await h.store.query(`children/${child.id}/events`);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      by: VOLUNTEER,
      byRole: 'volunteer',
      from: 'not_tracked',
      to: 'found',
      at: expect.any(String),
    });
    expect(nonZero(await national())).toEqual(await recount(() => true));
    for (const [path, scope] of [
      [`stats/school_${child.schoolCode}`, (c: Child) => c.schoolCode === child.schoolCode],
      [`stats/area_${child.areaCode}`, (c: Child) => c.areaCode === child.areaCode],
    ] as const) {
      expect(nonZero(await h.store.get(path))).toEqual(await recount(scope));
    }
  });

  it('writes at most 4 shared documents per check-in and never a national one (no hot document)', async () => {
    const child = await assigned();
    const volunteer = (await h.store.get<User>(`users/${VOLUNTEER}`))!;
    const written = async (input: Omit<CheckInInput, 'idempotencyKey'>) => {
      const before = h.store.commits.length;
      await recordCheckIn(h.deps, volunteer, child.id, { idempotencyKey: key(), ...input } as CheckInInput);
      return h.store.commits.slice(before).flat();
    };
    const statusWithPin = await written({
      location: { lat: 13.7, lng: 100.5, source: 'gps', accuracy: 8 },
      outcome: { status: 'found' },
    });
    const pinOnly = await written({ location: { lat: 13.71, lng: 100.51, source: 'line' } });
    const statusOnly = await written({ outcome: { status: 'returned', destination: 'school' } });
    // A return also schedules the child's own follow-ups (2 weeks, 1 month, end of term): not shared by anyone.
    expect(statusOnly.filter((p) => p.startsWith('followups/'))).toHaveLength(3);
    for (const paths of [statusWithPin, pinOnly, statusOnly]) {
      expect(paths.filter((p) => !p.startsWith(`followups/${child.id}_`)).length).toBeLessThanOrEqual(4);
      expect(
        paths.filter((p) => p.startsWith('stats/') && !p.startsWith('stats/area_') && !p.startsWith('stats/school_')),
      ).toEqual([]);
    }
  });

  it('records a double tap (same idempotency key) once', async () => {
    const child = await assigned();
    const body = { idempotencyKey: key(), outcome: { status: 'not_found', reason: 'nobody_home' } };
    const [a, b] = await Promise.all([
      h.api(VOLUNTEER).post(`/children/${child.id}/checkins`, body),
      h.api(VOLUNTEER).post(`/children/${child.id}/checkins`, body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await h.store.query(`children/${child.id}/events`)).toHaveLength(1);
    expect((await national()).not_found).toBe(1);
  });

  it('refuses an invalid transition in Thai and changes nothing', async () => {
    const child = await assigned();
    const res = await h
      .api(VOLUNTEER)
      .post(`/children/${child.id}/checkins`, {
        idempotencyKey: key(),
        outcome: { status: 'returned', destination: 'school' },
      })
      .expect(409);
    expect(res.body.error).toBe('เปลี่ยนสถานะจาก "ยังไม่ได้ติดตาม" เป็น "กลับเข้าเรียนแล้ว" ไม่ได้');
    expect(await h.store.query(`children/${child.id}/events`)).toHaveLength(0);
    expect((await h.store.get<Child>(`children/${child.id}`))!.status).toBe('not_tracked');
  });

  it('refuses missing details with a Thai message', async () => {
    const child = await assigned();
    await h
      .api(VOLUNTEER)
      .post(`/children/${child.id}/checkins`, { idempotencyKey: key(), outcome: { status: 'found' } })
      .expect(201);
    const res = await h
      .api(VOLUNTEER)
      .post(`/children/${child.id}/checkins`, {
        idempotencyKey: key(),
        outcome: { status: 'referred', partnerId: 'cm-pdhs' },
      })
      .expect(400);
    expect(res.body.error).toBe('กรุณาเลือกสาเหตุ');
  });

  it('ignores a userId in the body: the event is by the token holder', async () => {
    const child = await (async () =>
      (await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']], limit: 1 }))[0]!.data)();
    await h
      .api(TEACHER)
      .post(`/children/${child.id}/checkins`, {
        userId: VOLUNTEER,
        by: VOLUNTEER,
        idempotencyKey: key(),
        outcome: { status: 'found' },
      })
      .expect(201);
    const [event] = await h.store.query(`children/${child.id}/events`);
    expect(event!.data).toMatchObject({ by: TEACHER, byRole: 'teacher' });
  });

  it('refuses check-ins on a child outside the scope and oversized bodies, storing nothing', async () => {
    const outside = await outsideSchool();
    await h
      .api(VOLUNTEER)
      .post(`/children/${outside.id}/checkins`, { idempotencyKey: key(), outcome: { status: 'found' } })
      .expect(404);
    const child = await assigned();
    await h
      .api(VOLUNTEER)
      .post(`/children/${child.id}/checkins`, {
        idempotencyKey: key(),
        outcome: { status: 'found', note: 'x'.repeat(40_000) },
      })
      .expect(413);
    await h
      .api(VOLUNTEER)
      .post(`/children/${child.id}/checkins`, {
        idempotencyKey: key(),
        location: { lat: 200, lng: 0 },
        outcome: { status: 'found' },
      })
      .expect(400);
    expect(await h.store.query(`children/${outside.id}/events`)).toHaveLength(0);
    expect(await h.store.query(`children/${child.id}/events`)).toHaveLength(0);
  });

  it('keeps all 50 concurrent check-ins on one child and counters equal a recount', async () => {
    const child = await assigned();
    await h
      .api(VOLUNTEER)
      .post(`/children/${child.id}/checkins`, { idempotencyKey: key(), outcome: { status: 'found' } })
      .expect(201);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.api(VOLUNTEER).post(`/children/${child.id}/checkins`, {
          idempotencyKey: key(i + 1),
          outcome: i % 2 ? { status: 'found', note: `เยี่ยมครั้งที่ ${i}` } : { status: 'returned', destination: 'school' },
        }),
      ),
    );
    // Once returned, "found" means dropped out again, so every one of the 50 is a valid move.
    // Firestore may refuse some under contention with 503 (nothing written); the page retries with the same key.
    const refused = results.flatMap((r, i) => (r.status === 201 ? [] : [i]));
    for (const i of refused) expect([results[i]!.status, results[i]!.body]).toEqual([503, expect.anything()]);
    if (!onFirestore) expect(refused).toEqual([]);
    for (const i of refused) {
      const body = {
        idempotencyKey: key(i + 1),
        outcome: i % 2 ? { status: 'found', note: `เยี่ยมครั้งที่ ${i}` } : { status: 'returned', destination: 'school' },
      };
      await h.api(VOLUNTEER).post(`/children/${child.id}/checkins`, body).expect(201);
    }
    expect(await h.store.query(`children/${child.id}/events`)).toHaveLength(51);
    expect(nonZero(await national())).toEqual(await recount(() => true));
    expect((await h.store.get<Child>(`children/${child.id}`))!.version).toBe(52);
  });

  it('never logs a national ID or phone number', async () => {
    const child = await assigned();
    h.deps.logger.error('diagnostic', { detail: `child ${child.nationalId} guardian ${child.guardianPhone}` });
    await h.api(VOLUNTEER).get(`/children/${child.nationalId}`).expect(404);
    const logs = h.logger.lines.join('\n');
    expect(logs).not.toContain(child.nationalId);
    expect(logs).not.toContain(child.guardianPhone!);
    expect(everythingSent(h.fake)).not.toContain(child.nationalId);
  });
});

describe('responses with personal data', () => {
  it('are never cached and never sniffed', async () => {
    const child = await assigned();
    const res = await h.api(VOLUNTEER).get(`/children/${child.id}`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("production refuses a LINE API origin other than LINE's (ID tokens would be verified elsewhere)", async () => {
    const { loadConfig } = await import('../../functions/src/config');
    const env = {
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      LINE_LOGIN_CHANNEL_ID: '1',
      LIFF_ID: 'l',
      PRODUCTION: 'true',
    };
    expect(() => loadConfig({ ...env, LINE_API_ORIGIN: 'https://evil.example' })).toThrow(/LINE_API_ORIGIN/);
    expect(loadConfig(env).LINE_API_ORIGIN).toBe('https://api.line.me');
    expect(loadConfig({ ...env, PRODUCTION: 'false', LINE_API_ORIGIN: 'http://127.0.0.1:9' }).LINE_API_ORIGIN).toBe(
      'http://127.0.0.1:9',
    );
  });

  it(
    'the functions read nothing the platform owns: a PORT that is ' +
      "no port number (the Functions emulator's socket) is ignored",
    async () => {
      const { loadConfig, localPort } = await import('../../functions/src/config');
      const env = {
        LINE_CHANNEL_SECRET: 's',
        LINE_CHANNEL_ACCESS_TOKEN: 't',
        LINE_LOGIN_CHANNEL_ID: '1',
        LIFF_ID: 'l',
        PRODUCTION: 'true',
      };
      const config = loadConfig({ ...env, PORT: '/tmp/fire_emu_123.sock', DATA_DIR: '', STORE: 'other' });
      expect(config.LIFF_ID).toBe('l');
      expect(Object.keys(config)).not.toEqual(expect.arrayContaining(['PORT']));
      // the local server still checks its own
      expect(() => localPort({ PORT: '/tmp/fire_emu_123.sock' })).toThrow(/PORT/);
      expect(localPort({})).toBe(8080);
    },
  );
});

describe('who looked at a child', () => {
  it(
    'records each view (LIFF page and chat search cards) with ' +
      'who and when; the area coordinator sees that history',
    async () => {
      const child = await assigned();
      await h.api(VOLUNTEER).get(`/children/${child.id}`).expect(200);
      const say = (userId: string, text: string) =>
        h.webhook([
          {
            type: 'message',
            webhookEventId: `01VIEW${Math.random().toString(36).slice(2, 12).toUpperCase()}0000000000`.slice(0, 26),
            timestamp: Date.now(),
            mode: 'active',
            source: { type: 'user', userId },
            replyToken: h.fake.issueReplyToken(userId),
            message: { id: '1', type: 'text', text },
            deliveryContext: { isRedelivery: false },
          },
        ]);
      await say(TEACHER, child.nationalId).expect(200);
      const { AREA_COORD } = await import('../helpers/harness');
      const res = await h.api(AREA_COORD).get(`/children/${child.id}/views`).expect(200);
      expect(res.body.views).toEqual([
        { by: TEACHER, role: 'ครู', at: expect.any(String), via: 'ผลค้นหาในแชท' },
        { by: VOLUNTEER, role: 'อาสาสมัคร', at: expect.any(String), via: 'เปิดหน้าข้อมูลเด็ก' },
      ]);
      await h.api(TEACHER).get(`/children/${child.id}/views`).expect(403);
    },
  );
});
