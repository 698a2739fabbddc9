import request from 'supertest';
import type { Child, User } from '@panong/shared';
import { recordCheckIn } from '../../functions/src/stories/fieldWork/checkIn';
import { takeSnapshots } from '../../functions/src/stories/reports/snapshots';
import { AREA_COORD, harness, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

describe('weekly snapshots and trends', () => {
  it(
    'keeps one snapshot per unit and week (a re-run overwrites), ' +
      'and shows the weeks oldest first with Buddhist-Era labels',
    async () => {
      const first = await takeSnapshots(h.store, '2026-11-15', '2026-11-15T16:00:00.000Z');
      expect(first.week).toBe('2026-11-09');
      const units = first.units;
      expect(units).toBe(1 + 4 + 8); // the country, 4 areas, 8 schools with children
      await takeSnapshots(h.store, '2026-11-15', '2026-11-15T16:05:00.000Z');
      expect(await h.store.count('snapshots')).toBe(units);

      const teacher = (await h.store.get<User>(`users/${TEACHER}`))!;
      const kids = (
        await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']], limit: 3 })
      ).map((c) => c.data);
      for (const [i, c] of kids.entries())
        await recordCheckIn(h.deps, teacher, c.id, {
          idempotencyKey: `k-trend-${String(i).padStart(12, '0')}`,
          outcome: { status: 'found' },
        });
      await recordCheckIn(h.deps, teacher, kids[0]!.id, {
        idempotencyKey: 'k-trend-returned-0001',
        outcome: { status: 'returned', destination: 'school' },
      });
      await takeSnapshots(h.store, '2026-11-22', '2026-11-22T16:00:00.000Z');

      const weeks = (await h.api(AREA_COORD).get('/dashboard/trend').expect(200)).body.weeks as Array<{
        week: string;
        label: string;
        found: number;
        returned: number;
      }>;
      expect(weeks.map((w) => [w.week, w.label])).toEqual([
        ['2026-11-09', '9 พ.ย. 2569'],
        ['2026-11-16', '16 พ.ย. 2569'],
      ]);
      expect(weeks[1]!.found - weeks[0]!.found).toBe(3);
      expect(weeks[1]!.returned - weeks[0]!.returned).toBe(1);
      const national = (await request(h.app).get('/public/trend').expect(200)).body.weeks;
      expect(national).toHaveLength(2);
      expect(JSON.stringify(national)).not.toContain(kids[0]!.firstName);
    },
  );

  it('states the change since last week in the Friday report', async () => {
    await takeSnapshots(h.store, '2026-11-15', '2026-11-15T16:00:00.000Z');
    const teacher = (await h.store.get<User>(`users/${TEACHER}`))!;
    const kid = (await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']], limit: 1 }))[0]!
      .data;
    await recordCheckIn(h.deps, teacher, kid.id, {
      idempotencyKey: 'k-trend-friday-00001',
      outcome: { status: 'found' },
    });
    const csv = (await h.api(AREA_COORD).get('/reports/weekly?kind=friday&format=csv&date=2026-11-20').expect(200))
      .text;
    expect(csv).toContain('เทียบกับสัปดาห์ก่อน (9 พ.ย. 2569): พบตัว +1 · กลับเข้าเรียน 0 · ไม่พบตัว 0 · ยังไม่ได้ติดตาม -1');
  });
});
