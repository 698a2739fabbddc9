import request from 'supertest';
import { programmeFields, summarize, type Child, type StatusCounts, type User } from '@panong/shared';
import { recordCheckIn } from '../../functions/src/stories/fieldWork/checkIn';
import { dashboardFor } from '../../functions/src/stories/reports/dashboard';
import { ADMIN, AREA_COORD, harness, TEACHER, VOLUNTEER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

/** Headline numbers recomputed from the children themselves. */
async function recount(pred: (c: Child) => boolean) {
  const counts: Partial<StatusCounts> & Record<string, number> = { total: 0 };
  for (const { data } of await h.store.query<Child>('children')) {
    if (!pred(data)) continue;
    for (const f of ['total', data.status, ...programmeFields(data)]) counts[f] = (counts[f] ?? 0) + 1;
  }
  return summarize(counts);
}

async function someProgress() {
  const teacher = (await h.store.get<User>(`users/${TEACHER}`))!;
  const kids = (await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']] })).map(
    (c) => c.data,
  );
  await recordCheckIn(h.deps, teacher, kids[0]!.id, {
    idempotencyKey: 'k-dash-000000000001',
    outcome: { status: 'found' },
  });
  await recordCheckIn(h.deps, teacher, kids[0]!.id, {
    idempotencyKey: 'k-dash-000000000002',
    outcome: { status: 'returned', destination: 'vocational' },
  });
  await recordCheckIn(h.deps, teacher, kids[1]!.id, {
    idempotencyKey: 'k-dash-000000000003',
    outcome: { status: 'not_found', reason: 'moved_unknown' },
  });
}

describe('dashboard', () => {
  it('serves each role its own scope, equal to a recount, from counters', async () => {
    await someProgress();
    const admin = await h.api(ADMIN).get('/dashboard').expect(200);
    expect(admin.body.summary).toEqual(await recount(() => true));
    expect(admin.body.rows).toHaveLength(4); // one row per area (Bangkok, Chiang Rai, Khon Kaen, Chiang Mai)
    for (const r of admin.body.rows) expect(r.summary).toEqual(await recount((c) => c.areaCode === r.code));

    const area = await h.api(AREA_COORD).get('/dashboard').expect(200);
    expect(area.body.summary).toEqual(await recount((c) => c.areaCode === '1001'));
    expect(area.body.rows.map((r: { code: string }) => r.code).sort()).toEqual(['10010001', '10010002']);

    const teacher = await h.api(TEACHER).get('/dashboard').expect(200);
    expect(teacher.body.summary).toEqual(await recount((c) => c.schoolCode === '10010001'));
    expect(teacher.body.summary).toMatchObject({ returned: 1, notFound: 1 });

    const volunteer = await h.api(VOLUNTEER).get('/dashboard').expect(200);
    expect(volunteer.body.summary).toEqual(await recount((c) => c.assigneeIds.includes(VOLUNTEER)));
  });

  it('reads one document per area for the national view (no national document), never the children', async () => {
    const view = await dashboardFor(h.store, (await h.store.get<User>(`users/${ADMIN}`))!);
    expect(view.reads).toBe(4);
    expect(await h.store.get('stats/national')).toBeUndefined();
  });

  it('public numbers need no login and carry no personal data', async () => {
    await someProgress();
    const res = await request(h.app).get('/public/stats').expect(200);
    expect(res.body.summary).toEqual(await recount(() => true));
    const body = JSON.stringify(res.body);
    for (const { data } of await h.store.query<Child>('children')) {
      expect(body).not.toContain(data.firstName);
      expect(body).not.toContain(data.nationalId);
    }
  });
});

describe('check-in map', () => {
  it(
    'serves pins for the scope from the unit documents, without names ' +
      '(the record id opens the card); the country gets one point per area',
    async () => {
      const teacher = (await h.store.get<User>(`users/${TEACHER}`))!;
      const [a, b] = (
        await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']], limit: 2 })
      ).map((c) => c.data);
      await recordCheckIn(h.deps, teacher, a!.id, {
        idempotencyKey: 'k-map-0000000000001',
        location: { lat: 13.7, lng: 100.5, source: 'gps' },
        outcome: { status: 'found' },
      });
      await recordCheckIn(h.deps, teacher, b!.id, {
        idempotencyKey: 'k-map-0000000000002',
        location: { lat: 13.8, lng: 100.6, source: 'gps' },
        outcome: { status: 'not_found', reason: 'nobody_home' },
      });
      await recordCheckIn(h.deps, teacher, a!.id, {
        idempotencyKey: 'k-map-0000000000003',
        outcome: { status: 'returned', destination: 'school' },
      });
      const res = await h.api(AREA_COORD).get('/dashboard/map').expect(200);
      expect(res.body.points).toEqual(
        expect.arrayContaining([
          { lat: 13.7, lng: 100.5, status: 'returned', childId: a!.id },
          { lat: 13.8, lng: 100.6, status: 'not_found', childId: b!.id },
        ]),
      );
      expect(res.body.points).toHaveLength(2);
      expect(JSON.stringify(res.body)).not.toContain(a!.firstName);
      const { checkInMap } = await import('../../functions/src/stories/reports/dashboard');
      const national = await checkInMap(h.store, (await h.store.get<User>(`users/${ADMIN}`))!);
      expect(national.reads).toBe(4); // the area documents
      expect(national.points).toEqual([
        {
          lat: expect.closeTo(13.75, 6),
          lng: expect.closeTo(100.55, 6),
          status: 'area',
          count: 2,
          name: 'สพป.กรุงเทพมหานคร',
        },
      ]);
      // A pin that moves moves the area's aggregate with it.
      await recordCheckIn(h.deps, teacher, a!.id, {
        idempotencyKey: 'k-map-0000000000004',
        location: { lat: 13.9, lng: 100.7, source: 'pin' },
      });
      expect((await checkInMap(h.store, (await h.store.get<User>(`users/${ADMIN}`))!)).points[0]).toMatchObject({
        lat: expect.closeTo(13.85, 6),
        lng: expect.closeTo(100.65, 6),
        count: 2,
      });
      const other = await h.api(TEACHER).get('/dashboard/map').expect(200);
      expect(other.body.points).toHaveLength(2);
    },
  );
});
