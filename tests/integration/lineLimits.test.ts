/**
 * Every message the bot sends stays inside LINE's limits at the largest inputs the product accepts
 * (names and school names at the import's maximum lengths, Thai combining marks, 12 results): the fake
 * LINE API refuses what LINE would refuse (400), with the reasons in `fake.refused`.
 */
import { nameSearchKeys, withCheckDigit, type Child } from '@panong/shared';
import { addChildren, newChild } from '../../functions/src/core/children';
import { runReminders } from '../../functions/src/stories/reports/reminders';
import { messageLimitViolations } from '../../functions/src/dev/lineLimits';
import { postbackEvent, textEvent, locationEvent } from '../../functions/src/dev/webhookEvents';
import { harness, SCHOOL_COORD, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

// 100 characters of Thai with tone marks and vowels above and below (one grapheme each with its base).
const longThai = (seed: string, n: number) => (seed + 'ญิ์ฐุ่ฏู้ปี๊ฟื๋'.repeat(20)).slice(0, n);

describe('LINE message limits', () => {
  it('the checker refuses what LINE refuses', () => {
    const label = 'ก'.repeat(21);
    expect(
      messageLimitViolations([
        {
          type: 'template',
          altText: 'x',
          template: { type: 'buttons', text: 'x', actions: [{ type: 'uri', label, uri: 'https://x' }] },
        },
      ]),
    ).toEqual([expect.stringContaining('label: at most 20')]);
    const bubble = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [] } };
    expect(
      messageLimitViolations([
        { type: 'flex', altText: 'x', contents: { type: 'carousel', contents: Array(13).fill(bubble) } },
      ]),
    ).toEqual([expect.stringContaining('12 bubbles')]);
    expect(
      messageLimitViolations([
        {
          type: 'text',
          text: 'x',
          quickReply: { items: [{ type: 'action', action: { type: 'postback', label: 'x', data: 'd'.repeat(301) } }] },
        },
      ]),
    ).toEqual([expect.stringContaining('data: at most 300')]);
    // 20 Thai graphemes with marks are 20, not 40 code units.
    expect(
      messageLimitViolations([
        {
          type: 'text',
          text: 'x',
          quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'กิ่'.repeat(20), text: 'x' } }] },
        },
      ]),
    ).toEqual([]);
  });

  it("search results, location prompts and reminders at the import's maximum lengths are all delivered", async () => {
    const school = { code: '10010001', name: longThai('โรงเรียน', 200) };
    const kids: Child[] = Array.from({ length: 14 }, (_, i) =>
      newChild(
        `max${i}`,
        {
          nationalId: withCheckDigit(`3${String(i).padStart(11, '9')}`),
          firstName: longThai(`สมมาก${i}`, 100),
          lastName: longThai('นามสกุล', 100),
          grade: 'ม.3',
          schoolCode: school.code,
          schoolName: school.name,
          areaCode: '1001',
          areaName: longThai('สพป.', 200),
          currentAddress: longThai('บ้าน', 500),
        },
        '2026-11-01T00:00:00.000Z',
      ),
    );
    kids.forEach((k) => (k.searchKeys = nameSearchKeys(k.firstName, k.lastName)));
    await addChildren(h.store, kids);
    const send = (events: unknown[]) => h.webhook(events).expect(200);
    await send([textEvent({ userId: TEACHER, text: 'สมมาก', replyToken: h.fake.issueReplyToken(TEACHER) })]);
    await send([
      postbackEvent({
        userId: TEACHER,
        data: `action=select&child=${kids[0]!.id}`,
        replyToken: h.fake.issueReplyToken(TEACHER),
      }),
    ]);
    await send([
      locationEvent({ userId: TEACHER, lat: 13.7, lng: 100.5, replyToken: h.fake.issueReplyToken(TEACHER) }),
    ]);
    await runReminders(h.deps, 'monday', '2026-11-23', async () => undefined);
    expect(h.fake.refused).toEqual([]);
    const carousel = h.fake.sent
      .flatMap((s) => s.messages)
      .find((m) => m.type === 'flex' && (m.contents as { type: string }).type === 'carousel');
    expect((carousel!.contents as { contents: unknown[] }).contents).toHaveLength(12);
    expect(h.fake.textsTo(SCHOOL_COORD).length).toBeGreaterThan(0); // the Monday card arrived
  });
});
