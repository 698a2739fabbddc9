import request from 'supertest';
import type { Child, User } from '@panong/shared';
import { createInvite } from '../../functions/src/stories/chat/invites';
import { addChildren, newChild } from '../../functions/src/core/children';
import { syntheticChildren } from '../../functions/src/dev/demoData';
import { locationEvent, postbackEvent, sign, textEvent } from '../../functions/src/dev/webhookEvents';
import {
  ADMIN,
  AREA_COORD,
  everythingSent,
  harness,
  SECRET,
  TEACHER,
  VOLUNTEER,
  type Harness,
} from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

const say = (userId: string, text: string, extra: { webhookEventId?: string } = {}) =>
  h.webhook([textEvent({ userId, text, replyToken: h.fake.issueReplyToken(userId), ...extra })]);

async function childrenOf(where: (c: Child) => boolean): Promise<Child[]> {
  return (await h.store.query<Child>('children')).map((s) => s.data).filter(where);
}

describe('POST /webhook signature and body', () => {
  it(
    'answers 401 without a signature and 401 with a ' + 'wrong one, to LINE not to a person, and does nothing',
    async () => {
      const body = JSON.stringify({ events: [textEvent({ userId: TEACHER, text: 'สม', replyToken: 'rt1' })] });
      const unsigned = await request(h.app)
        .post('/webhook')
        .set('content-type', 'application/json')
        .send(body)
        .expect(401);
      const wrong = await request(h.app)
        .post('/webhook')
        .set('x-line-signature', sign('other-secret', body))
        .set('content-type', 'application/json')
        .send(body)
        .expect(401);
      expect(unsigned.body).toEqual({ error: 'invalid_signature' });
      expect(wrong.body).toEqual({ error: 'invalid_signature' });
      expect(h.fake.sent).toHaveLength(0);
      expect(await h.store.count('webhookEvents')).toBe(0);
    },
  );

  it('answers 400 to a correctly signed body that is not JSON', async () => {
    const body = '{"events": [';
    const res = await request(h.app)
      .post('/webhook')
      .set('x-line-signature', sign(SECRET, body))
      .set('content-type', 'application/json')
      .send(body)
      .expect(400);
    expect(res.body).toEqual({ error: 'invalid_request' });
  });

  it('answers 200 to the verification call with no events', async () => {
    const body = '{"events":[]}';
    await request(h.app)
      .post('/webhook')
      .set('x-line-signature', sign(SECRET, body))
      .set('content-type', 'application/json')
      .send(body)
      .expect(200);
  });
});

describe('exactly once per webhookEventId', () => {
  it('a redelivered event gets no second answer', async () => {
    const event = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(TEACHER) });
    await h.webhook([event]).expect(200);
    await h.webhook([{ ...event, deliveryContext: { isRedelivery: true } }]).expect(200);
    expect(h.fake.sent).toHaveLength(1);
  });

  it('concurrent duplicates in flight produce one answer', async () => {
    const event = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(TEACHER) });
    await Promise.all([h.webhook([event]), h.webhook([event]), h.webhook([event, event])]);
    expect(h.fake.sent).toHaveLength(1);
  });

  it('falls back to push with X-Line-Retry-Key when the reply token is refused', async () => {
    const event = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: 'expired-token' });
    h.fake.fail('/v2/bot/message/reply', 400);
    await h.webhook([event]).expect(200);
    const push = h.fake.calls.find((c) => c.path === '/v2/bot/message/push');
    expect(push?.status).toBe(200);
    expect(push?.retryKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(h.fake.textsTo(TEACHER)[0]).toContain('วิธีใช้');
  });

  it('a store failure mid-event answers 5xx, writes nothing, and the redelivery succeeds', async () => {
    const invite = await createInvite(h.deps, { role: 'teacher', area: '1001', school: '10010002' });
    const newbie = 'U00000000000000000000000000new01';
    const event = textEvent({
      userId: newbie,
      text: `ลงทะเบียน ${invite.code}`,
      replyToken: h.fake.issueReplyToken(newbie),
    });
    h.store.failCommitIf = (paths) => (paths.some((p) => p.startsWith('users/')) ? new Error('disk full') : undefined);
    await h.webhook([event]).expect(500);
    expect(await h.store.get(`users/${newbie}`)).toBeUndefined();
    expect((await h.store.get<{ usedBy?: string }>(`invites/${invite.code}`))?.usedBy).toBeUndefined();
    expect(h.fake.sent).toHaveLength(0);
    h.store.failCommitIf = undefined;
    await h.webhook([{ ...event, deliveryContext: { isRedelivery: true } }]).expect(200);
    expect((await h.store.get<User>(`users/${newbie}`))?.role).toBe('teacher');
    expect(h.fake.textsTo(newbie)).toHaveLength(1);
  });
});

describe('registration', () => {
  const newbie = 'U00000000000000000000000000new02';

  it('links the sender to the invite role and scope, once', async () => {
    const invite = await createInvite(h.deps, { role: 'volunteer', area: '1001', school: '10010001' });
    await say(newbie, `ลงทะเบียน ${invite.code.toLowerCase()}`).expect(200);
    expect(await h.store.get<User>(`users/${newbie}`)).toMatchObject({
      role: 'volunteer',
      areaCode: '1001',
      schoolCode: '10010001',
    });
    expect(h.fake.textsTo(newbie).at(-1)).toContain('ลงทะเบียนสำเร็จ');

    const other = 'U00000000000000000000000000new03';
    await say(other, `register ${invite.code}`).expect(200);
    expect(await h.store.get(`users/${other}`)).toBeUndefined();
    expect(h.fake.textsTo(other).at(-1)).toContain('ใช้ไม่ได้');
  });

  it('answers an expired, a used and an unknown code alike (nothing to learn from guessing)', async () => {
    const invite = await createInvite(
      { ...h.deps, clock: () => new Date(Date.now() - 30 * 86_400_000) },
      { role: 'teacher', area: '1001', school: '10010001', days: 7 },
    );
    const used = await createInvite(h.deps, { role: 'teacher', area: '1001', school: '10010001' });
    await say('U00000000000000000000000000new04', `ลงทะเบียน ${used.code}`).expect(200);
    await say(newbie, `ลงทะเบียน ${invite.code}`).expect(200);
    await say(newbie, `ลงทะเบียน ${used.code}`).expect(200);
    await say(newbie, 'ลงทะเบียน ZZZZ9999').expect(200);
    expect(await h.store.get(`users/${newbie}`)).toBeUndefined();
    const [a, b, c] = h.fake.textsTo(newbie);
    expect(a).toContain('ใช้ไม่ได้');
    expect([b, c]).toEqual([a, a]);
  });

  it(
    'limits wrong codes to 5 an hour per LINE user, audits ' +
      'each, alerts admins once, then refuses even a good code',
    async () => {
      const guesser = 'U00000000000000000000000guesser1';
      for (let i = 0; i < 7; i++) await say(guesser, `ลงทะเบียน GUESS${String(i).padStart(3, '0')}`).expect(200);
      const good = await createInvite(h.deps, { role: 'volunteer', area: '1001', school: '10010001' });
      await say(guesser, `ลงทะเบียน ${good.code}`).expect(200);
      expect(await h.store.get(`users/${guesser}`)).toBeUndefined();
      expect(
        h.fake
          .textsTo(guesser)
          .slice(4)
          .every((t) => t.includes('หลายครั้งเกินไป')),
      ).toBe(true);
      expect(
        (await h.store.query<{ action: string; userId?: string }>('audit')).filter(
          (a) => a.data.action === 'invite.failed' && a.data.userId === guesser,
        ),
      ).toHaveLength(5);
      const alerts = h.fake.textsTo(ADMIN).filter((t) => t.includes('ใส่รหัสลงทะเบียนผิด'));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).not.toContain(guesser); // only the last 4 characters
    },
  );

  it('gives admin and area-coordinator invites longer codes, and asks before an invite changes a role', async () => {
    expect((await createInvite(h.deps, { role: 'admin', area: '1001' })).code).toHaveLength(12);
    expect((await createInvite(h.deps, { role: 'area_coordinator', area: '1001' })).code).toHaveLength(12);
    const promotion = await createInvite(h.deps, { role: 'area_coordinator', area: '1001' });
    await say(TEACHER, `ลงทะเบียน ${promotion.code}`).expect(200);
    expect((await h.store.get<User>(`users/${TEACHER}`))!.role).toBe('teacher');
    expect(h.fake.textsTo(TEACHER).at(-1)).toContain(`ยืนยัน ลงทะเบียน ${promotion.code}`);
    await say(TEACHER, `ยืนยัน ลงทะเบียน ${promotion.code}`).expect(200);
    expect((await h.store.get<User>(`users/${TEACHER}`))!.role).toBe('area_coordinator');
  });

  it('asks an unregistered user to register before searching', async () => {
    await say(newbie, 'สมชาย').expect(200);
    expect(h.fake.textsTo(newbie)[0]).toContain('ยังไม่ได้ลงทะเบียน');
  });
});

describe('search in chat', () => {
  it('finds an assigned child by national ID typed in Thai digits, with masked ID and a check-in button', async () => {
    const [child] = await childrenOf((c) => c.assigneeIds.includes(VOLUNTEER));
    const thaiDigits = child!.nationalId.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    await say(VOLUNTEER, thaiDigits).expect(200);
    const flex = h.fake.messagesTo(VOLUNTEER).find((m) => m.type === 'flex')!;
    const json = JSON.stringify(flex);
    expect(json).toContain(child!.firstName);
    expect(json).toContain(child!.nationalId.slice(-1));
    expect(json).not.toContain(child!.nationalId);
    expect(json).toContain(`https://liff.line.me/1650000001-test/checkin.html?child=${child!.id}`);
  });

  it('answers a child outside the scope exactly like no match', async () => {
    const [outside] = await childrenOf((c) => c.schoolCode !== '10010001');
    await say(VOLUNTEER, outside!.nationalId).expect(200);
    await say(VOLUNTEER, '1101700230708').expect(200); // valid ID, nobody has it
    const [a, b] = h.fake.textsTo(VOLUNTEER);
    expect(a).toBe(b);
    expect(everythingSent(h.fake)).not.toContain(outside!.firstName);
  });

  it('refuses a 13-digit number with a wrong checksum', async () => {
    await say(TEACHER, '1101700230709').expect(200);
    expect(h.fake.textsTo(TEACHER)[0]).toContain('ไม่ถูกต้อง');
  });

  it('matches partial names within the scope only: volunteer < teacher < area < admin', async () => {
    const all = await childrenOf(() => true);
    const name = all.find((c) => c.assigneeIds.includes(VOLUNTEER))!.firstName;
    const partial = [...name].slice(0, 3).join('');
    const count = async (userId: string) => {
      await say(userId, partial).expect(200);
      const flex = h.fake.messagesTo(userId).find((m) => m.type === 'flex');
      return flex ? (flex.contents as { contents: unknown[] }).contents.length : 0;
    };
    const expected = (pred: (c: Child) => boolean) =>
      Math.min(12, all.filter((c) => c.firstName.startsWith(partial) && pred(c)).length);
    expect(await count(VOLUNTEER)).toBe(expected((c) => c.assigneeIds.includes(VOLUNTEER)));
    expect(await count(TEACHER)).toBe(expected((c) => c.schoolCode === '10010001'));
    expect(await count(AREA_COORD)).toBe(expected((c) => c.areaCode === '1001'));
    expect(await count(ADMIN)).toBe(expected(() => true));
    expect(await count(VOLUNTEER)).toBeGreaterThan(0);
  });

  it('caps results at 12 bubbles under 50 KB and says how many there were', async () => {
    const many = syntheticChildren(30, 7).map((c, i) =>
      newChild(`extra${i}`, { ...c, firstName: 'สมปอง' }, c.updatedAt),
    );
    await addChildren(h.store, many);
    await say(ADMIN, 'สม').expect(200);
    const msgs = h.fake.messagesTo(ADMIN);
    const flex = msgs.find((m) => m.type === 'flex');
    const total = (await childrenOf((c) => c.searchKeys.includes('สม'))).length;
    expect(String(msgs[0]!.text)).toContain(`พบ ${total} รายการ`);
    expect(total).toBeGreaterThan(12);
    expect((flex!.contents as { contents: unknown[] }).contents.length).toBe(12);
    expect(Buffer.byteLength(JSON.stringify(flex))).toBeLessThan(50 * 1024);
  });
});

describe('location message', () => {
  it('attaches to the child the user chose last, once per event', async () => {
    const [child] = await childrenOf((c) => c.assigneeIds.includes(VOLUNTEER));
    await h
      .webhook([
        postbackEvent({
          userId: VOLUNTEER,
          data: `action=select&child=${child!.id}`,
          replyToken: h.fake.issueReplyToken(VOLUNTEER),
        }),
      ])
      .expect(200);
    const loc = locationEvent({
      userId: VOLUNTEER,
      lat: 13.75,
      lng: 100.5,
      replyToken: h.fake.issueReplyToken(VOLUNTEER),
    });
    await h.webhook([loc]).expect(200);
    await h.webhook([loc]).expect(200);
    const events = await h.store.query(`children/${child!.id}/events`);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      type: 'location',
      by: VOLUNTEER,
      location: { lat: 13.75, lng: 100.5, source: 'line' },
    });
    expect((await h.store.get<Child>(`children/${child!.id}`))!.lastCheckIn).toMatchObject({
      lat: 13.75,
      lng: 100.5,
      by: VOLUNTEER,
    });
    expect(h.fake.textsTo(VOLUNTEER).at(-1)).toContain(`บันทึกตำแหน่งของ ${child!.firstName}`);
  });

  it('cannot be pointed at a child outside the scope', async () => {
    const [outside] = await childrenOf((c) => c.schoolCode !== '10010001');
    await h
      .webhook([
        postbackEvent({
          userId: VOLUNTEER,
          data: `action=select&child=${outside!.id}`,
          replyToken: h.fake.issueReplyToken(VOLUNTEER),
        }),
      ])
      .expect(200);
    expect((await h.store.get<User>(`users/${VOLUNTEER}`))!.lastOpenedChildId).toBeUndefined();
    expect(everythingSent(h.fake)).not.toContain(outside!.firstName);
  });
});

describe('one bad event never blocks the others', () => {
  it('skips a malformed event (ids that could name a store path) and answers the rest', async () => {
    const good = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(TEACHER) });
    const evil = {
      ...textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: 'x' }),
      webhookEventId: '../../users/U0000000000000000000000000demo05',
    };
    const postback = {
      type: 'postback',
      webhookEventId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      timestamp: Date.now(),
      mode: 'active',
      source: { type: 'user', userId: TEACHER },
      replyToken: h.fake.issueReplyToken(TEACHER),
      postback: { data: 'action=select&child=../../users/x' },
      deliveryContext: { isRedelivery: false },
    };
    await h.webhook([evil, good, postback]).expect(200);
    expect(h.fake.textsTo(TEACHER)[0]).toContain('วิธีใช้');
    expect(h.fake.textsTo(TEACHER)[1]).toContain('ไม่พบข้อมูลเด็กรายนี้');
    expect((await h.store.query('webhookEvents')).map((e) => e.id).sort()).toEqual(
      [good.webhookEventId, postback.webhookEventId].sort(),
    );
    expect(await h.store.get(`users/${ADMIN}`)).toMatchObject({ role: 'admin' }); // untouched
  });

  it(
    'marks an event that fails for good as done (logged), ' + 'and retries only a transient failure on redelivery',
    async () => {
      const poison = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: 'unknown-token' });
      const later = textEvent({ userId: VOLUNTEER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(VOLUNTEER) });
      h.fake.fail('/v2/bot/message/reply', 400, 1);
      h.fake.fail('/v2/bot/message/push', 400, 1); // LINE refuses both: it will refuse them again
      await h.webhook([poison, later]).expect(200);
      expect(h.fake.textsTo(VOLUNTEER)).toHaveLength(1);
      expect(await h.store.get(`webhookEvents/${poison.webhookEventId}`)).toMatchObject({ state: 'done' });
      expect(h.logger.lines.join('\n')).toContain('failed for good');

      const flaky = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(TEACHER) });
      const fine = textEvent({ userId: VOLUNTEER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(VOLUNTEER) });
      h.store.failCommitIf = (paths) =>
        paths.includes(`webhookEvents/${flaky.webhookEventId}`) ? new Error('store unavailable') : undefined;
      await h.webhook([flaky, fine]).expect(500); // LINE will redeliver
      expect(h.fake.textsTo(VOLUNTEER)).toHaveLength(2); // the other event was answered anyway
      h.store.failCommitIf = undefined;
      await h
        .webhook([
          { ...flaky, deliveryContext: { isRedelivery: true } },
          { ...fine, deliveryContext: { isRedelivery: true } },
        ])
        .expect(200);
      expect(h.fake.textsTo(TEACHER)).toHaveLength(1);
      expect(h.fake.textsTo(VOLUNTEER)).toHaveLength(2); // not answered twice
    },
  );
});

describe("the README's first example and people who leave", () => {
  it(
    "finds สม and มาลี for the simulator's default user (the " +
      'volunteer), and says nothing to someone who blocked the account',
    async () => {
      for (const name of ['สม', 'มาลี']) {
        await say(VOLUNTEER, name).expect(200);
        expect(h.fake.textsTo(VOLUNTEER).at(-1)).not.toContain('ไม่พบเด็ก');
      }
      const stranger = 'U0000000000000000000000stranger1';
      const unfollow = {
        type: 'unfollow',
        webhookEventId: '01UNFOLLOW0000000000000000',
        timestamp: Date.now(),
        mode: 'active',
        source: { type: 'user', userId: stranger },
        deliveryContext: { isRedelivery: false },
      };
      await h.webhook([unfollow]).expect(200);
      expect(h.fake.sent.filter((m) => m.to.includes(stranger))).toEqual([]);
    },
  );
});
