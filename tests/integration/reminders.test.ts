import type { StatusCounts, User } from '@panong/shared';
import { runReminders, SEND_CONCURRENCY } from '../../functions/src/stories/reports/reminders';
import type { Write } from '../../functions/src/ports/store';
import { onFirestore } from '../helpers/stores';
import { textEvent } from '../../functions/src/dev/webhookEvents';
import {
  ADMIN,
  AREA_COORD,
  CHIANG_MAI_TEACHER,
  harness,
  SCHOOL_COORD,
  TEACHER,
  VOLUNTEER,
  type Harness,
} from '../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  // These tests count the Bangkok demo school's recipients: the Chiang Mai demo teacher is left out.
  await h.store.batch([{ kind: 'delete', path: `users/${CHIANG_MAI_TEACHER}` }]);
});
afterEach(() => h.close());

const noSleep = async () => undefined;
const MONDAY = '2026-11-23';
const sends = () => h.fake.calls.filter((c) => c.path.endsWith('/push') || c.path.endsWith('/multicast'));
const delivered = () => h.fake.sent.filter((s) => s.kind !== 'reply');
const recipients = () => delivered().flatMap((s) => s.to);

async function addTeachers(n: number, school = '10010001', area = '1001'): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `U${String(i).padStart(32, 'f')}`);
  for (let i = 0; i < ids.length; i += 500) {
    await h.store.batch(
      ids.slice(i, i + 500).map((id) => ({
        kind: 'set' as const,
        path: `users/${id}`,
        data: { id, role: 'teacher', areaCode: area, schoolCode: school, registeredAt: '2026-11-01' },
      })),
    );
  }
  return ids;
}

function bodyTexts(message: Record<string, unknown>): string[] {
  const out: string[] = [];
  JSON.stringify(message, (k, v) => (k === 'text' && typeof v === 'string' ? (out.push(v), v) : v));
  return out;
}

describe('Monday at the real spread', () => {
  it(
    'reaches 2 people in each of 1,000 schools once each, with ' +
      'their own numbers, sending in parallel at LINE latency',
    async () => {
      const SCHOOLS = onFirestore ? 200 : 1000;
      const schools = Array.from({ length: SCHOOLS }, (_, i) => `${9000 + (i % 50)}${String(i).padStart(4, '0')}`);
      const writes: Write[] = schools.flatMap((code, i) => [
        {
          kind: 'set' as const,
          path: `stats/school_${code}`,
          data: {
            level: 'school',
            schoolCode: code,
            areaCode: code.slice(0, 4),
            name: `โรงเรียน ${i}`,
            total: 10 + i,
            not_tracked: i,
          },
        },
        ...[0, 1].map((k) => ({
          kind: 'set' as const,
          path: `users/U${code}${k}`.padEnd(39, 'e'),
          data: {
            id: `U${code}${k}`.padEnd(33, 'e'),
            role: k ? 'teacher' : 'school_coordinator',
            areaCode: code.slice(0, 4),
            schoolCode: code,
            registeredAt: '2026-11-01',
          },
        })),
      ]);
      for (let i = 0; i < writes.length; i += 500) await h.store.batch(writes.slice(i, i + 500));
      h.fake.latencyMs = 150;
      const report = await runReminders(h.deps, 'monday', MONDAY);
      expect(report).toMatchObject({ sent: SCHOOLS * 2 + 2, failed: 0 }); // + the demo school's two
      const to = recipients();
      expect(new Set(to).size).toBe(to.length); // nobody twice
      expect(sends()).toHaveLength(SCHOOLS + 1); // one multicast per school: identical recipients only
      expect(h.fake.maxInFlight).toBeGreaterThan(10);
      expect(h.fake.maxInFlight).toBeLessThanOrEqual(SEND_CONCURRENCY + 2); // + the quota reads
      // Each school hears its own numbers: the 7th school's "to track" is 10 + 7.
      const seventh = delivered().find((d) => d.to.includes(`U${schools[7]}0`.padEnd(33, 'e')))!;
      expect(bodyTexts(seventh.messages[0]!)).toContain('17');
      // A scheduler retry of the same run sends nothing more.
      const again = await runReminders(h.deps, 'monday', MONDAY);
      expect(again).toMatchObject({ alreadyDone: true, sent: 0 });
    },
  );
});

describe('Monday and Friday reminders', () => {
  it(
    'Monday reaches the school coordinator and teachers ' + 'with their school numbers; Friday the area coordinator',
    async () => {
      const school = (await h.store.get<StatusCounts>('stats/school_10010001'))!;
      const report = await runReminders(h.deps, 'monday', MONDAY, noSleep);
      expect(report).toMatchObject({ recipients: 2, sent: 2, failed: 0 });
      expect(recipients().sort()).toEqual([SCHOOL_COORD, TEACHER].sort());
      const [sent] = delivered();
      expect(sent!.kind).toBe('multicast'); // identical text → one call
      const texts = bodyTexts(sent!.messages[0]!);
      expect(texts).toEqual(
        expect.arrayContaining([
          'วันนี้ส่งรายงานโรงเรียน → สพท.',
          '23 พ.ย. 2569',
          'ยังไม่ได้ติดตาม',
          String(school.not_tracked),
          String(school.total),
        ]),
      );
      expect(JSON.stringify(sent)).toContain('https://liff.line.me/1650000001-test/dashboard.html');

      await runReminders(h.deps, 'friday', '2026-11-27', noSleep);
      const friday = delivered().at(-1)!;
      expect(friday.to).toEqual([AREA_COORD]);
      expect(bodyTexts(friday.messages[0]!)).toContain('วันนี้ส่งรายงาน สพท. → สพฐ.');
      expect(recipients()).not.toContain(VOLUNTEER);
      expect(recipients()).not.toContain(ADMIN);
    },
  );

  it("counts last week's status changes", async () => {
    const child = (await h.store.query('children', { where: [['schoolCode', '==', '10010001']], limit: 1 }))[0]!;
    const lastWeek = { ...h.deps, clock: () => new Date('2026-11-18T04:00:00Z') };
    const { recordCheckIn } = await import('../../functions/src/stories/fieldWork/checkIn');
    const teacher = (await h.store.get<User>(`users/${TEACHER}`))!;
    await recordCheckIn(lastWeek, teacher, child.id, {
      idempotencyKey: 'k-lastweek-000000001',
      outcome: { status: 'found' },
    });
    await runReminders(h.deps, 'monday', MONDAY, noSleep);
    const flex = JSON.stringify(delivered()[0]!.messages[0]);
    expect(flex).toMatch(/เปลี่ยนแปลงสัปดาห์ที่แล้ว","size":"sm","color":"#555555","flex":4},\{"type":"text","text":"1"/);
  });

  it('groups 1,202 identical recipients into multicasts of at most 500', async () => {
    await addTeachers(1200);
    const report = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(report.recipients).toBe(1202);
    expect(delivered().map((s) => s.to.length)).toEqual([500, 500, 202]);
    expect(new Set(recipients()).size).toBe(1202);
    // One stored content for the school, shared by its three batches.
    expect(await h.store.query('reminderRuns/monday-2026-11-23/contents')).toHaveLength(1);
  });

  it('a duplicated or concurrent run of the same schedule sends nothing twice', async () => {
    await addTeachers(700);
    const [a, b] = await Promise.all([
      runReminders(h.deps, 'monday', MONDAY, noSleep),
      runReminders(h.deps, 'monday', MONDAY, noSleep),
    ]);
    const again = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(again.alreadyDone).toBe(true);
    expect(recipients()).toHaveLength(702);
    expect(new Set(recipients()).size).toBe(702);
    expect(a.recipients + b.recipients).toBe(1404); // both adopted the same plan
  });

  it('retries a 500 and a 429 with the same retry key and delivers once', async () => {
    h.fake.fail('/v2/bot/message/multicast', 500, 1);
    h.fake.fail('/v2/bot/message/multicast', 429, 1);
    const report = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(report.sent).toBe(2);
    expect(sends().map((c) => c.status)).toEqual([500, 429, 200]);
    expect(new Set(sends().map((c) => c.retryKey)).size).toBe(1);
    expect(delivered()).toHaveLength(1);
  });

  it('counts a 409 (already accepted retry key) as sent: a crash after sending does not resend', async () => {
    await runReminders(h.deps, 'monday', MONDAY, noSleep);
    // Simulate the crash: the batch was sent but its mark was lost.
    const [batch] = await h.store.query('reminderRuns/monday-2026-11-23/batches');
    await h.store.batch([
      { kind: 'update', path: `reminderRuns/monday-2026-11-23/batches/${batch!.id}`, data: { state: 'pending' } },
    ]);
    const report = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(report.sent).toBe(2);
    expect(sends().map((c) => c.status)).toEqual([200, 409]);
    expect(delivered()).toHaveLength(1);
  });

  it('stops on other 4xx, logs it, and the next run resumes only what failed', async () => {
    await addTeachers(3, '57010001', '5701');
    h.fake.fail('/v2/bot/message/multicast', 400, 1);
    const first = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(first.failed).toBe(2); // first batch in priority order
    expect(h.logger.lines.some((l) => l.includes('reminder batch failed'))).toBe(true);
    const second = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(second.failed).toBe(0);
    expect(second.sent).toBe(2);
    expect(recipients().sort()).toEqual([SCHOOL_COORD, TEACHER, ...recipientsOf(3)].sort());
  });

  it('under a quota shortfall sends to the most overdue first and tells admins what was skipped', async () => {
    const b = await addTeachers(3, '57010001', '5701');
    // School 57010001 is more overdue once school 10010001 has tracked someone.
    const child = (await h.store.query('children', { where: [['schoolCode', '==', '10010001']], limit: 1 }))[0]!;
    const { recordCheckIn } = await import('../../functions/src/stories/fieldWork/checkIn');
    await recordCheckIn(h.deps, (await h.store.get<User>(`users/${TEACHER}`))!, child.id, {
      idempotencyKey: 'k-quota-00000000001',
      outcome: { status: 'found' },
    });
    h.fake.quota = { limit: 1000, used: 995 }; // 5 left, 1 kept for the admin notice
    const report = await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(report).toMatchObject({ sent: 3, skippedForQuota: 2 });
    expect(
      recipients()
        .filter((r) => r !== ADMIN)
        .sort(),
    ).toEqual(b.sort());
    const notice = h.fake.textsTo(ADMIN).join('\n');
    expect(notice).toContain('ข้ามผู้รับ 2 คน');
    expect(notice).toContain('school_10010001');
  });

  it('lets a user turn reminders off and on in chat', async () => {
    const say = (text: string) =>
      h.webhook([textEvent({ userId: TEACHER, text, replyToken: h.fake.issueReplyToken(TEACHER) })]).expect(200);
    await say('ปิดแจ้งเตือน');
    expect((await h.store.get<User>(`users/${TEACHER}`))!.remindersOff).toBe(true);
    await runReminders(h.deps, 'monday', MONDAY, noSleep);
    expect(recipients()).toEqual([SCHOOL_COORD]);
    await say('เปิดแจ้งเตือน');
    expect((await h.store.get<User>(`users/${TEACHER}`))!.remindersOff).toBe(false);
    expect(h.fake.textsTo(TEACHER)).toEqual([
      expect.stringContaining('ปิดการแจ้งเตือน'),
      expect.stringContaining('เปิดการแจ้งเตือน'),
    ]);
  });
});

function recipientsOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `U${String(i).padStart(32, 'f')}`);
}
