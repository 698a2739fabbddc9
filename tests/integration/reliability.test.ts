import request from 'supertest';
import type { Child } from '@panong/shared';
import { lineClient } from '../../functions/src/adapters/lineClient';
import { retryKeyFor } from '../../functions/src/ports/line';
import { withRetry } from '../../functions/src/core/retry';
import { sign, textEvent } from '../../functions/src/dev/webhookEvents';
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

const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 150 };
/** Same, with room for a loaded CI machine: only the timeout test needs the short timeout. */
const patient = { ...fast, timeoutMs: 5000 };

describe('LINE API failures', () => {
  it(
    'a timed-out push is retried with the same key and ' + 'delivered once, even though the slow one landed too',
    async () => {
      const client = lineClient({ channelAccessToken: 'test-access-token', origin: h.origin });
      h.fake.fail('/v2/bot/message/push', 0, 1, 400); // first call: answered after 400 ms (after our 150 ms timeout)
      await withRetry(() => client.push(TEACHER, [{ type: 'text', text: 'ทดสอบ' }], retryKeyFor('t1')), fast);
      await new Promise((r) => setTimeout(r, 500));
      expect(h.fake.textsTo(TEACHER)).toEqual(['ทดสอบ']);
      expect(
        h.fake.calls
          .filter((c) => c.path.endsWith('/push'))
          .map((c) => c.status)
          .sort(),
      ).toEqual([200, 409]);
    },
  );

  it('429 and 5xx are retried; other 4xx stop at once', async () => {
    const client = lineClient({ channelAccessToken: 'test-access-token', origin: h.origin });
    h.fake.fail('/v2/bot/message/push', 429, 1);
    h.fake.fail('/v2/bot/message/push', 503, 1);
    await withRetry(() => client.push(TEACHER, [{ type: 'text', text: 'ok' }], retryKeyFor('t2')), patient);
    expect(h.fake.calls.map((c) => c.status)).toEqual([429, 503, 200]);
    h.fake.fail('/v2/bot/message/push', 400, 1);
    await expect(
      withRetry(() => client.push(TEACHER, [{ type: 'text', text: 'x' }], retryKeyFor('t3')), patient),
    ).rejects.toMatchObject({ status: 400 });
    expect(h.fake.calls.at(-1)!.status).toBe(400);
    expect(h.fake.calls).toHaveLength(4);
  });

  it('a webhook whose reply and push both fail answers 5xx, so LINE redelivers, and then answers once', async () => {
    const event = textEvent({ userId: TEACHER, text: 'วิธีใช้', replyToken: h.fake.issueReplyToken(TEACHER) });
    h.fake.fail('/v2/bot/message/reply', 400, 1);
    h.fake.fail('/v2/bot/message/push', 500, 1);
    await h.webhook([event]).expect(500);
    await h.webhook([{ ...event, deliveryContext: { isRedelivery: true } }]).expect(200);
    expect(h.fake.textsTo(TEACHER)).toHaveLength(1);
  });
});

describe('hostile webhook bodies', () => {
  it('refuses an oversized body with 413 and a wrongly shaped one with 400, storing nothing', async () => {
    const big = JSON.stringify({
      events: [textEvent({ userId: TEACHER, text: 'x'.repeat(1_100_000), replyToken: 'r' })],
    });
    await request(h.app)
      .post('/webhook')
      .set('content-type', 'application/json')
      .set('x-line-signature', sign(SECRET, big))
      .send(big)
      .expect(413);
    const bad = JSON.stringify({ events: 'nope' });
    await request(h.app)
      .post('/webhook')
      .set('content-type', 'application/json')
      .set('x-line-signature', sign(SECRET, bad))
      .send(bad)
      .expect(400);
    expect(await h.store.count('webhookEvents')).toBe(0);
    expect(h.fake.sent).toHaveLength(0);
  });
});

describe('no national ID or phone number in chat', () => {
  it('after every role searched every child by ID and by name', async () => {
    const children = (await h.store.query<Child>('children')).map((c) => c.data);
    for (const user of [VOLUNTEER, TEACHER, AREA_COORD, ADMIN]) {
      const events = children
        .slice(0, 20)
        .flatMap((c) => [
          textEvent({ userId: user, text: c.nationalId, replyToken: h.fake.issueReplyToken(user) }),
          textEvent({ userId: user, text: c.firstName, replyToken: h.fake.issueReplyToken(user) }),
        ]);
      await h.webhook(events).expect(200);
    }
    const sent = everythingSent(h.fake);
    expect(h.fake.sent.length).toBeGreaterThan(100);
    for (const c of children) {
      expect(sent).not.toContain(c.nationalId);
      expect(sent).not.toContain(c.guardianPhone!);
    }
    const logs = h.logger.lines.join('\n');
    for (const c of children) expect(logs).not.toContain(c.nationalId);
  });
});
