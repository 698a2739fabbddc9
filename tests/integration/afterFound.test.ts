import request from 'supertest';
import { listRowOf } from '../../functions/src/dev/nationalList';
import type { Child } from '@panong/shared';
import { createInvite } from '../../functions/src/stories/chat/invites';
import { importPartners } from '../../functions/src/stories/afterFound/partners';
import { runReminders } from '../../functions/src/stories/reports/reminders';
import { CHIANG_MAI_TEACHER, harness, NFE_AGENCY, PDHS_AGENCY, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

let n = 0;
const key = () => `k-after-found-${String(++n).padStart(8, '0')}-${Date.now()}`;
const child = async (id: string) => (await h.store.get<Child>(`children/${id}`))!;
/** The i-th child of the Chiang Mai teacher's school (demo children alternate between two schools). */
const cmChild = (i: number) => `cm${String(2 * i - 1).padStart(6, '0')}`;
/** A Chiang Mai child the demo teacher finds: the start of every referral here. */
async function foundChild(i = 1): Promise<Child> {
  const id = cmChild(i);
  await h
    .api(CHIANG_MAI_TEACHER)
    .post(`/children/${id}/checkins`, { idempotencyKey: key(), outcome: { status: 'found' } })
    .expect(201);
  return child(id);
}
const refer = (id: string, partnerId: string, cause = 'poverty') =>
  h
    .api(CHIANG_MAI_TEACHER)
    .post(`/children/${id}/checkins`, { idempotencyKey: key(), outcome: { status: 'referred', partnerId, cause } });
const referralsOf = async (user: string) =>
  (await h.api(user).get('/referrals').expect(200)).body.referrals as Array<Record<string, unknown>>;
const area = async () => (await h.store.get<Record<string, number>>('stats/area_5001'))!;

describe('partner directory', () => {
  it('loads Thai headers with per-row errors, and a re-run updates without duplicating', async () => {
    const rows = [
      {
        รหัสหน่วยงาน: 'cr-pdhs',
        ชื่อหน่วยงาน: 'พมจ.เชียงราย',
        จังหวัด: 'จังหวัดเชียงราย',
        ประเภท: 'msdhs',
        สาเหตุที่รับ: 'poverty;family',
        ติดต่อ: '053-111-111',
        เขตพื้นที่: '5701',
      },
      { รหัสหน่วยงาน: 'cr-bad', ชื่อหน่วยงาน: 'ผิด', จังหวัด: 'เชียงราย', ประเภท: 'สถานีวิทยุ', สาเหตุที่รับ: 'poverty' },
      { รหัสหน่วยงาน: 'cr-bad2', ชื่อหน่วยงาน: 'ผิดสาเหตุ', จังหวัด: 'เชียงราย', ประเภท: 'ngo', สาเหตุที่รับ: 'poverty;ขี้เกียจ' },
      { รหัสหน่วยงาน: 'cr-pdhs', ชื่อหน่วยงาน: 'ซ้ำ', จังหวัด: 'เชียงราย', ประเภท: 'ngo' },
    ];
    const first = await importPartners(h.store, rows, '2026-11-26T00:00:00.000Z');
    expect(first).toMatchObject({ rows: 4, created: 1, updated: 0 });
    expect(first.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(first.errors[0]!.message).toMatch(/ประเภทต้องเป็น/);
    expect(first.errors[1]!.message).toMatch(/สาเหตุต้องเป็น/);
    expect(first.errors[2]!.message).toBe('รหัสหน่วยงานซ้ำกับแถว 2');
    expect(await h.store.get('partners/cr-pdhs')).toMatchObject({
      province: 'เชียงราย',
      causes: ['poverty', 'family'],
      areas: ['5701'],
      kind: 'msdhs',
    });
    const again = await importPartners(
      h.store,
      [{ ...rows[0]!, ชื่อหน่วยงาน: 'สำนักงาน พมจ.เชียงราย' }],
      '2026-11-27T00:00:00.000Z',
    );
    expect(again).toMatchObject({ created: 0, updated: 1 });
    expect(await h.store.count('partners', [['province', '==', 'เชียงราย']])).toBe(1);
  });

  it('has the 21 Chiang Mai partners in the demo, and offers a child only its province, the cause first', async () => {
    expect(await h.store.count('partners', [['province', '==', 'เชียงใหม่']])).toBe(21);
    const offered = (
      await h
        .api(CHIANG_MAI_TEACHER)
        .get(`/partners?child=${cmChild(1)}&cause=disability`)
        .expect(200)
    ).body.partners as Array<{ id: string; causes: string[] }>;
    expect(offered).toHaveLength(21);
    const takers = offered.findIndex((p) => p.causes.length > 0 && !p.causes.includes('disability'));
    expect(offered.slice(0, takers).every((p) => p.causes.length === 0 || p.causes.includes('disability'))).toBe(true);
    expect(offered.slice(0, takers).map((p) => p.id)).toContain('cm-special8');
    // A Bangkok child is offered none of them.
    expect((await h.api(TEACHER).get('/partners?child=c000001').expect(200)).body.partners).toEqual([]);
  });

  it('lets an area coordinator manage the partners of its own province only; a teacher not at all', async () => {
    const CM_AREA = 'U00000000000000000000000cmarea02';
    await h.store.batch([
      {
        kind: 'set',
        path: `users/${CM_AREA}`,
        data: { id: CM_AREA, role: 'area_coordinator', areaCode: '5001', registeredAt: '2026-11-01' },
      },
    ]);
    const listed = (await h.api(CM_AREA).get('/partners').expect(200)).body.partners as Array<{ id: string }>;
    expect(listed.map((p) => p.id)).toContain('cm-esa1');
    expect(listed).toHaveLength(21);
    const rows = [
      { partner_id: 'cm-ngo1', name: 'มูลนิธิเด็กเชียงใหม่', province: 'เชียงใหม่', kind: 'ngo', causes: 'family' },
      { partner_id: 'bkk-ngo1', name: 'มูลนิธิในกรุงเทพ', province: 'กรุงเทพมหานคร', kind: 'ngo', causes: '' },
    ];
    const report = (await h.api(CM_AREA).post('/partners', { rows }).expect(200)).body;
    expect(report).toMatchObject({ created: 1, errors: [{ row: 3, message: 'เพิ่มได้เฉพาะหน่วยงานในจังหวัดเชียงใหม่' }] });
    expect(await h.store.get('partners/bkk-ngo1')).toBeUndefined();
    expect((await h.api(TEACHER).get('/partners').expect(403)).body.error).toMatch(/เฉพาะผู้ดูแลระบบ/);
  });

  it('invites agency users of a known partner only', async () => {
    const invite = await createInvite(h.deps, { role: 'agency', partner: 'cm-pdhs' });
    expect(invite).toMatchObject({ role: 'agency', partnerId: 'cm-pdhs' });
    await expect(createInvite(h.deps, { role: 'agency', partner: 'nope' })).rejects.toThrow(/ไม่พบหน่วยงานรหัส nope/);
    await expect(createInvite(h.deps, { role: 'agency', area: '5001' })).rejects.toThrow(/--partner/);
  });
});

describe('referral lifecycle', () => {
  it(
    'teacher refers, one partner declines with a reason, another ' +
      'accepts and closes as returned: the chain is on the case',
    async () => {
      const c = await foundChild();
      const first = await refer(c.id, 'cm-pdhs').expect(201);
      expect(first.body.child.status).toBe('referred');
      const [sent] = await referralsOf(PDHS_AGENCY);
      expect(sent).toMatchObject({
        childId: c.id,
        partnerId: 'cm-pdhs',
        state: 'sent',
        cause: 'poverty',
        overdue: false,
      });
      expect(await referralsOf(NFE_AGENCY)).toEqual([]);

      // Before accepting: masked ID, no guardian phone; another partner gets "not found".
      const seen = (await h.api(PDHS_AGENCY).get(`/children/${c.id}`).expect(200)).body;
      expect(seen.maskedId.replace(/\D/g, '')).toBe(c.nationalId.slice(-4)); // last 4 digits only
      expect(seen.guardianPhone).toBeNull();
      expect(JSON.stringify(seen)).not.toContain(c.nationalId);
      const other = await h.api(NFE_AGENCY).get(`/children/${c.id}`).expect(404);
      const missing = await h.api(NFE_AGENCY).get('/children/cm999999').expect(404);
      expect(other.body).toEqual(missing.body);

      // A decline needs a reason; without one nothing changes.
      const before = await child(c.id);
      const noReason = await h.api(PDHS_AGENCY).post(`/referrals/${sent!.id}`, { action: 'decline' }).expect(400);
      expect(noReason.body.error).toBe('กรุณาระบุเหตุผลที่ปฏิเสธ');
      expect((await child(c.id)).version).toBe(before.version);
      await h
        .api(PDHS_AGENCY)
        .post(`/referrals/${sent!.id}`, { action: 'decline', reason: 'เกินขอบเขตงานของหน่วยงาน' })
        .expect(201);
      // The referrer hears of it, and the declining partner no longer sees the child.
      expect(JSON.stringify(h.fake.messagesTo(CHIANG_MAI_TEACHER))).toContain('ปฏิเสธการส่งต่อ');
      await h.api(PDHS_AGENCY).get(`/children/${c.id}`).expect(404);

      const second = await refer(c.id, 'cm-nfe', 'work').expect(201);
      expect(second.body.child.referral).toMatchObject({ partnerId: 'cm-nfe', state: 'sent' });
      // While a referral is open the case cannot be referred again.
      expect((await refer(c.id, 'cm-vec', 'work').expect(409)).body.error).toMatch(/ส่งต่อซ้ำไม่ได้/);
      const [nfe] = await referralsOf(NFE_AGENCY);
      // accept first
      await h.api(NFE_AGENCY).post(`/referrals/${nfe!.id}`, { action: 'close', outcome: 'returned' }).expect(409);
      await h.api(NFE_AGENCY).post(`/referrals/${nfe!.id}`, { action: 'accept' }).expect(201);
      await h.api(NFE_AGENCY).post(`/referrals/${nfe!.id}`, { action: 'accept' }).expect(200); // a double tap
      expect((await h.api(NFE_AGENCY).get(`/children/${c.id}`).expect(200)).body.guardianPhone).toBe(c.guardianPhone);
      await h
        .api(NFE_AGENCY)
        .post(`/referrals/${nfe!.id}`, {
          action: 'update',
          note: 'เยี่ยมบ้าน คุยกับผู้ปกครองแล้ว',
          location: { lat: 18.8, lng: 98.95, source: 'gps' },
        })
        .expect(201);
      await h
        .api(NFE_AGENCY)
        .post(`/referrals/${nfe!.id}`, { action: 'close', outcome: 'returned', destination: 'non_formal' })
        .expect(201);

      const after = (await h.api(CHIANG_MAI_TEACHER).get(`/children/${c.id}`).expect(200)).body;
      expect(after.status).toBe('returned');
      const chain = (after.history as Array<{ type: string; outcome: Record<string, unknown>; by: string }>)
        .reverse()
        .map((e) => `${e.type}:${String(e.outcome.action ?? e.outcome.partnerName ?? '')}`);
      expect(chain).toEqual([
        'status_change:',
        'status_change:สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเชียงใหม่',
        'referral:decline',
        'check_in:สำนักงานส่งเสริมการเรียนรู้จังหวัดเชียงใหม่ (สกร.)',
        'referral:accept',
        'referral:update',
        'referral:close',
      ]);
      const events = await h.store.query<{ by: string; at: string; location?: unknown; outcome: { action?: string } }>(
        `children/${c.id}/events`,
      );
      const update = events.find((e) => e.data.outcome.action === 'update')!.data;
      expect(update).toMatchObject({ by: NFE_AGENCY, at: expect.any(String), location: { lat: 18.8, lng: 98.95 } });
      // Returned through the partner: follow-ups scheduled, counters in step.
      expect(
        (await h.api(CHIANG_MAI_TEACHER).get('/followups').expect(200)).body.followups.filter(
          (f: { childId: string }) => f.childId === c.id,
        ),
      ).toHaveLength(3);
      expect(await area()).toMatchObject({
        returned: 1,
        referred: 0,
        ref_declined: 1,
        ref_closed: 1,
        ref_sent: 0,
        ref_accepted: 0,
        ref_in_progress: 0,
        fu_open: 3,
      });
    },
  );

  it('refuses an unknown partner and a partner of another province, changing nothing', async () => {
    const c = await foundChild(2);
    await importPartners(
      h.store,
      [{ partner_id: 'cr-pdhs', name: 'พมจ.เชียงราย', province: 'เชียงราย', kind: 'msdhs', causes: 'poverty' }],
      '2026-11-26T00:00:00.000Z',
    );
    expect((await refer(c.id, 'nope').expect(400)).body.error).toBe('ไม่พบหน่วยงานที่เลือก กรุณาเลือกหน่วยงานจากรายการ');
    expect((await refer(c.id, 'cr-pdhs').expect(400)).body.error).toMatch(/ไม่ได้ดูแลพื้นที่ของเด็กรายนี้/);
    const after = await child(c.id);
    expect(after).toMatchObject({ status: 'found', version: c.version });
    expect(await h.store.count('referrals')).toBe(0);
  });

  it('a forwarded child found by the partner goes back to the school as found, and the school is told', async () => {
    const id = cmChild(3);
    await h
      .api(CHIANG_MAI_TEACHER)
      .post(`/children/${id}/checkins`, {
        idempotencyKey: key(),
        outcome: { status: 'not_found', reason: 'moved_unknown' },
      })
      .expect(201);
    await h
      .api(CHIANG_MAI_TEACHER)
      .post(`/children/${id}/checkins`, {
        idempotencyKey: key(),
        outcome: { status: 'forwarded', partnerId: 'cm-pdhs' },
      })
      .expect(201);
    const [r] = await referralsOf(PDHS_AGENCY);
    expect(r).toMatchObject({ kind: 'search', state: 'sent' });
    expect(r!.cause).toBeUndefined();
    const noLocation = await h.api(PDHS_AGENCY).post(`/referrals/${r!.id}`, { action: 'found' }).expect(400);
    expect(noLocation.body.error).toBeTruthy();
    await h
      .api(PDHS_AGENCY)
      .post(`/referrals/${r!.id}`, { action: 'found', location: { lat: 18.81, lng: 98.96, source: 'gps' } })
      .expect(201);
    expect(await child(id)).toMatchObject({
      status: 'found',
      lastCheckIn: { lat: 18.81, lng: 98.96, by: PDHS_AGENCY },
    });
    expect(JSON.stringify(h.fake.messagesTo(CHIANG_MAI_TEACHER))).toContain('พบตัวเด็กแล้ว');
    const kid = await child(id);
    const messages = JSON.stringify(h.fake.sent.map((s) => s.messages));
    expect(messages).not.toContain(kid.nationalId);
    expect(messages).not.toContain(kid.guardianPhone!);
  });

  it('marks referrals overdue after 7 days unanswered, and counts them in the Monday reminder', async () => {
    const c = await foundChild(4);
    await refer(c.id, 'cm-pdhs').expect(201);
    const later = new Date(Date.now() + 8 * 86_400_000);
    h.deps.clock = () => later;
    const [r] = await referralsOf(CHIANG_MAI_TEACHER);
    expect(r).toMatchObject({ state: 'sent', overdue: true });
    const ymd = later.toISOString().slice(0, 10);
    await runReminders(h.deps, 'monday', ymd);
    const monday = JSON.stringify(h.fake.messagesTo(CHIANG_MAI_TEACHER));
    expect(monday).toContain('ส่งต่อหน่วยงานเกินกำหนด');
    expect(monday).toMatch(/ส่งต่อหน่วยงานเกินกำหนด[^}]*\},\{[^}]*"text":"1"/);
  });

  it('sends each partner one daily digest, exactly once under a double fire', async () => {
    for (const i of [5, 6]) await refer((await foundChild(i)).id, 'cm-pdhs').expect(201);
    const date = new Date().toISOString().slice(0, 10);
    const [a, b] = await Promise.all([
      runReminders(h.deps, 'referrals', date),
      runReminders(h.deps, 'referrals', date),
    ]);
    expect(Math.max(a.sent, b.sent)).toBe(1); // the one PDHS user; the NFE partner has nothing waiting
    const digests = h.fake.sent.filter((s) => s.to.includes(PDHS_AGENCY));
    expect(digests).toHaveLength(1); // delivered once: both runs share one plan and one retry key
    expect(JSON.stringify(digests[0]!.messages)).toContain('รอตอบรับ 2 เรื่อง');
    expect(h.fake.sent.filter((s) => s.to.includes(NFE_AGENCY))).toEqual([]);
    expect((await runReminders(h.deps, 'referrals', date)).alreadyDone).toBe(true);
  });
});

describe('follow-up after return', () => {
  const returned = async (i: number) => {
    const c = await foundChild(i);
    await h
      .api(CHIANG_MAI_TEACHER)
      .post(`/children/${c.id}/checkins`, {
        idempotencyKey: key(),
        outcome: { status: 'returned', destination: 'school' },
      })
      .expect(201);
    return c;
  };

  it('schedules 2 weeks, 1 month and the end of the next term when the term ends first', async () => {
    h.deps.clock = () => new Date('2026-09-25T03:00:00.000Z');
    const c = await returned(7);
    const mine = (await h.api(CHIANG_MAI_TEACHER).get('/followups').expect(200)).body.followups.filter(
      (f: { childId: string }) => f.childId === c.id,
    );
    expect(mine.map((f: { due: string; done: boolean }) => [f.due, f.done])).toEqual([
      ['2026-10-09', false],
      ['2026-10-25', false],
      ['2027-03-31', false],
    ]);
  });

  it(
    'records screening, flags at-risk children, and a child ' +
      'no longer attending is a re-dropout with the return kept',
    async () => {
      const COORD = 'U00000000000000000000000cmcoord01';
      await h.store.batch([
        {
          kind: 'set',
          path: `users/${COORD}`,
          data: {
            id: COORD,
            role: 'school_coordinator',
            areaCode: '5001',
            schoolCode: '50010001',
            registeredAt: '2026-11-01',
          },
        },
      ]);
      const c = await returned(8);
      const fu = {
        idempotencyKey: key(),
        attending: true,
        daysAttended: 9,
        group: 'at_risk',
        support: 'ทุนอาหารกลางวัน',
      };
      const first = await h.api(CHIANG_MAI_TEACHER).post(`/children/${c.id}/followups`, fu).expect(201);
      expect(first.body).toMatchObject({ status: 'returned', screening: 'at_risk', flagged: true });
      await h.api(CHIANG_MAI_TEACHER).post(`/children/${c.id}/followups`, fu).expect(200); // same key: recorded once
      expect(await area()).toMatchObject({ fu_done: 1, fu_open: 2, scr_at_risk: 1, attending_last: 1 });
      expect(h.fake.textsTo(COORD)).toEqual([expect.stringContaining('ผลคัดกรอง: เสี่ยง')]); // once, though posted twice

      const bad = await h
        .api(CHIANG_MAI_TEACHER)
        .post(`/children/${c.id}/followups`, {
          idempotencyKey: key(),
          attending: true,
          daysAttended: 11,
          group: 'normal',
        })
        .expect(400);
      expect(bad.body.error).toMatch(/0–10/);
      await h
        .api(CHIANG_MAI_TEACHER)
        .post(`/children/${c.id}/followups`, {
          idempotencyKey: key(),
          attending: false,
          daysAttended: 0,
          group: 'problem',
          note: 'ไปทำงานกับพ่อ',
        })
        .expect(201);
      const after = await child(c.id);
      expect(after).toMatchObject({ status: 'found', reDropouts: 1, screening: 'problem', flagged: true });
      expect(h.fake.textsTo(COORD).at(-1)).toContain('หลุดจากระบบอีกครั้ง');
      expect(JSON.stringify(h.fake.messagesTo(COORD))).not.toContain(c.nationalId);
      const history = (await h.store.query<{ to: string; type: string }>(`children/${c.id}/events`)).map((e) => e.data);
      // the earlier return is kept
      expect(history.some((e) => e.to === 'returned' && e.type === 'status_change')).toBe(true);
      expect(await area()).toMatchObject({
        re_dropout: 1,
        returned: 0,
        found: 1,
        fu_open: 0,
        fu_done: 2,
        attending_last: 0,
        scr_at_risk: 0,
        scr_problem: 1,
      });
      const open = (await h.api(CHIANG_MAI_TEACHER).get('/followups').expect(200)).body.followups.filter(
        (f: { childId: string }) => f.childId === c.id,
      );
      expect(open.filter((f: { done: boolean }) => !f.done)).toEqual([]);
    },
  );

  it('lets a child screened at risk be referred while staying in school, and no one else', async () => {
    const c = await returned(6);
    // not flagged: a returned child is not referred
    expect((await refer(c.id, 'cm-pdhs').expect(409)).body.error).toMatch(/ไม่ได้/);
    await h
      .api(CHIANG_MAI_TEACHER)
      .post(`/children/${c.id}/followups`, { idempotencyKey: key(), attending: true, group: 'at_risk' })
      .expect(201);
    const view = (await h.api(CHIANG_MAI_TEACHER).get(`/children/${c.id}`).expect(200)).body;
    expect(view.allowedNext.map((n: { status: string }) => n.status)).toContain('referred');
    const res = await refer(c.id, 'cm-pdhs', 'family').expect(201);
    expect(res.body.child).toMatchObject({ status: 'returned', referral: { partnerId: 'cm-pdhs', state: 'sent' } });
    expect(await referralsOf(PDHS_AGENCY)).toHaveLength(1);
  });

  it('refuses a follow-up of a child that has not returned, changing nothing', async () => {
    const c = await foundChild(9);
    const res = await h
      .api(CHIANG_MAI_TEACHER)
      .post(`/children/${c.id}/followups`, { idempotencyKey: key(), attending: true, group: 'normal' })
      .expect(409);
    expect(res.body.error).toBe('บันทึกการติดตามได้เฉพาะเด็กที่กลับเข้าเรียนแล้ว');
    expect((await child(c.id)).version).toBe(c.version);
    expect(await h.store.count('followups')).toBe(0);
  });
});

describe('groups and rounds', () => {
  const row = (c: Child, extra: Record<string, string>) => ({ ...listRowOf(c), ...extra });

  it(
    'keeps one case per national ID across rounds, adds the ' +
      'round, and re-opens a returned child with its outcome kept',
    async () => {
      const { importRows } = await import('../../functions/src/stories/lists/importList');
      const kids = await Promise.all([1, 2, 3].map((i) => child(cmChild(i))));
      const first = await importRows(
        h.deps,
        kids.map((c) => ({ ...row(c, { กลุ่ม: 'นักเรียนทุน กสศ. ช่วงชั้นรอยต่อ', รอบ: '๒๕๖๔/๑' }) })),
      );
      expect(first).toMatchObject({ updated: 3, errors: [] });
      expect(await child(kids[0]!.id)).toMatchObject({ group: 'eef_transition', rounds: ['2564/1'] });
      const returned = kids[0]!;
      await h
        .api(CHIANG_MAI_TEACHER)
        .post(`/children/${returned.id}/checkins`, { idempotencyKey: key(), outcome: { status: 'found' } })
        .expect(201);
      await h
        .api(CHIANG_MAI_TEACHER)
        .post(`/children/${returned.id}/checkins`, {
          idempotencyKey: key(),
          outcome: { status: 'returned', destination: 'vocational' },
        })
        .expect(201);

      const bad = await importRows(h.deps, [row(kids[1]!, { group: 'nope' })]);
      expect(bad.errors[0]!.message).toMatch(/กลุ่มต้องเป็นหนึ่งใน/);
      const second = await importRows(h.deps, [
        ...kids.slice(0, 2).map((c) => row(c, { group: 'eef_transition', round: '2564/2' })),
      ]);
      expect(second).toMatchObject({ created: 0, updated: 2 });
      expect(await h.store.count('children', [['nationalId', '==', returned.nationalId]])).toBe(1);
      const reopened = await child(returned.id);
      expect(reopened).toMatchObject({ status: 'not_tracked', rounds: ['2564/1', '2564/2'] });
      const relisted = (
        await h.store.query<{ type: string; from: string; outcome: Record<string, unknown> }>(
          `children/${returned.id}/events`,
        )
      )
        .map((e) => e.data)
        .find((e) => e.type === 'relisted' && e.outcome.round === '2564/2')!;
      expect(relisted).toMatchObject({
        from: 'returned',
        outcome: { round: '2564/2', previousOutcome: { destination: 'vocational' } },
      });
      // Its follow-ups are cancelled; counters per group match a recount.
      expect(await area()).toMatchObject({
        fu_open: 0,
        g_eef_transition_total: 3,
        g_eef_transition_not_tracked: 3,
        g_eef_transition_returned: 0,
      });
      // Each round counts the children it named: the dashboards and the public page filter by round.
      expect(await area()).toMatchObject({
        r_2564_1_total: 3,
        r_2564_2_total: 2,
        r_2564_2_not_tracked: 2,
        r_2564_1_returned: 0,
      });
      const byRound = (await request(h.app).get('/public/stats?round=2564/2').expect(200)).body;
      expect(byRound.summary).toMatchObject({ toTrack: 2, notTracked: 2 });
      expect(byRound.rounds).toEqual(['2564/1', '2564/2']);
      expect((await request(h.app).get('/public/stats?group=eef_transition').expect(200)).body.summary.toTrack).toBe(3);
    },
  );
});

describe('Friday report after found', () => {
  it(
    'adds per school referrals by partner and state, overdue, ' +
      'follow-ups, screening, re-dropouts and the list groups',
    async () => {
      const { importRows } = await import('../../functions/src/stories/lists/importList');
      const CM_AREA = 'U00000000000000000000000cmarea01';
      await h.store.batch([
        {
          kind: 'set',
          path: `users/${CM_AREA}`,
          data: { id: CM_AREA, role: 'area_coordinator', areaCode: '5001', registeredAt: '2026-11-01' },
        },
      ]);
      const [a, b] = await Promise.all([1, 2].map((i) => child(cmChild(i))));
      await importRows(
        h.deps,
        [a!, b!].map((c) => ({ ...listRowOf(c), group: 'dmc_term_gap' })),
      );
      await foundChild(1);
      await refer(a!.id, 'cm-pdhs').expect(201);
      const [r] = await referralsOf(PDHS_AGENCY);
      await h.api(PDHS_AGENCY).post(`/referrals/${r!.id}`, { action: 'decline', reason: 'ไม่ใช่พื้นที่รับผิดชอบ' }).expect(201);
      await refer(a!.id, 'cm-nfe').expect(201);
      await foundChild(2);
      await h
        .api(CHIANG_MAI_TEACHER)
        .post(`/children/${b!.id}/checkins`, {
          idempotencyKey: key(),
          outcome: { status: 'returned', destination: 'school' },
        })
        .expect(201);
      await h
        .api(CHIANG_MAI_TEACHER)
        .post(`/children/${b!.id}/followups`, { idempotencyKey: key(), attending: false, group: 'problem' })
        .expect(201);
      h.deps.clock = () => new Date(Date.now() + 8 * 86_400_000);
      const date = h.deps.clock().toISOString().slice(0, 10);

      const csv = (await h.api(CM_AREA).get(`/reports/weekly?kind=friday&format=csv&date=${date}`).expect(200)).text;
      const lines = csv.split(/\r\n/);
      const school = lines.find((l) => l.startsWith('โรงเรียนบ้านป่าตึง,'))!.split(',');
      const head = lines.find((l) => l.startsWith('หน่วย,เป้าหมายติดตาม'))!.split(',');
      const cell = (name: string) => school[head.indexOf(name)];
      expect(cell('ส่งต่อ: รอตอบรับ')).toBe('1');
      expect(cell('ส่งต่อ: ปฏิเสธ')).toBe('1');
      expect(cell('ส่งต่อเกินกำหนด')).toBe('1'); // the NFE referral, unanswered for 8 days
      expect(cell('หลุดซ้ำ')).toBe('1');
      expect(cell('คัดกรอง: มีปัญหา')).toBe('1');
      expect(lines).toContain('โรงเรียนบ้านป่าตึง,สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเชียงใหม่,0,0,0,1,0');
      expect(lines).toContain('โรงเรียนบ้านป่าตึง,สำนักงานส่งเสริมการเรียนรู้จังหวัดเชียงใหม่ (สกร.),1,0,0,0,0');
      expect(lines.find((l) => l.startsWith('โรงเรียนบ้านป่าตึง,หายจากระบบ DMC ระหว่างภาคเรียน,'))).toBe(
        'โรงเรียนบ้านป่าตึง,หายจากระบบ DMC ระหว่างภาคเรียน,2,0,2,0,0,1',
      ); // both found (one referred, one a re-dropout)
    },
  );
});
