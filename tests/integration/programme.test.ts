/** The programme numbers of an area come from its counters: the first visit of a child listed 12 days ago. */
import { summarize, type Child } from '@panong/shared';
import { ADMIN, AREA_COORD, harness, SCHOOL_COORD, TEACHER, VOLUNTEER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

it('counts the days from listing to the first visit once, per area, and reports it on the dashboard', async () => {
  const kids = (await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']] })).map(
    (k) => k.data,
  );
  const [a, b] = kids.filter((c) => c.status === 'not_tracked');
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 - 3600_000).toISOString();
  await h.store.batch([
    { kind: 'update', path: `children/${a!.id}`, data: { listedAt: daysAgo(12), firstVisitAt: null } },
    { kind: 'update', path: `children/${b!.id}`, data: { listedAt: daysAgo(2), firstVisitAt: null } },
  ]);
  const before = summarize((await h.store.get<Record<string, number>>('stats/area_1001'))!);
  const visit = (c: Child, key: string, outcome: Record<string, string>) =>
    h.api(TEACHER).post(`/children/${c.id}/checkins`, { idempotencyKey: key, outcome }).expect(201);
  await visit(a!, 'programme-visit-0001', { status: 'not_found', reason: 'nobody_home' });
  await visit(a!, 'programme-visit-0002', { status: 'found' }); // a second visit is not a first one
  await visit(b!, 'programme-visit-0003', { status: 'found' });
  const area = (await h.store.get<Record<string, number>>('stats/area_1001'))!;
  expect(area.ttv_14).toBe(1);
  expect(area.ttv_2).toBe(1);
  expect(summarize(area).visited).toBe(before.visited + 2);
  const dash = (await h.api(AREA_COORD).get('/dashboard').expect(200)).body;
  expect(dash.summary.firstVisitP90Days).toBe(summarize(area).firstVisitP90Days);
  const friday = (await h.api(AREA_COORD).get('/reports/weekly?kind=friday&format=csv').expect(200)).text;
  expect(friday).toContain('เยี่ยมครั้งแรกภายใน (มัธยฐาน วัน)');
});

it('counts open cases per field worker from counters: assignment, a return and an unassignment move it', async () => {
  const open = new Set(['not_tracked', 'found', 'not_found']);
  // Brute force: the volunteer's children that still need field work.
  const bruteForce = async () =>
    (await h.store.query<Child>('children')).filter(
      (c) => c.data.assigneeIds.includes(VOLUNTEER) && open.has(c.data.status),
    ).length;
  const shown = async (user: string) => {
    const dash = (await h.api(user).get('/dashboard').expect(200)).body as {
      workers?: Array<{ name: string; open: number }>;
    };
    return dash.workers?.find((w) => w.name.startsWith('อาสาฯ สมใจ'))?.open;
  };
  const start = await bruteForce();
  expect(start).toBeGreaterThan(0);
  expect(await shown(SCHOOL_COORD)).toBe(start);
  expect(await shown(AREA_COORD)).toBe(start);
  expect(await shown(ADMIN)).toBe(start);

  const kids = (await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']] }))
    .map((k) => k.data)
    .filter((c) => !c.assigneeIds.includes(VOLUNTEER) && c.status === 'not_tracked');
  const [a, b] = kids;
  await h
    .api(SCHOOL_COORD)
    .post('/assignments', { childIds: [a!.id, b!.id], assigneeId: VOLUNTEER })
    .expect(200);
  expect(await shown(AREA_COORD)).toBe(start + 2);
  await h
    .api(TEACHER)
    .post(`/children/${a!.id}/checkins`, { idempotencyKey: 'worker-visit-00001', outcome: { status: 'found' } })
    .expect(201);
  expect(await shown(AREA_COORD)).toBe(start + 2); // found: still the worker's to bring back
  await h
    .api(TEACHER)
    .post(`/children/${a!.id}/checkins`, {
      idempotencyKey: 'worker-visit-00002',
      outcome: { status: 'returned', destination: 'school' },
    })
    .expect(201);
  await h
    .api(SCHOOL_COORD)
    .post('/assignments', { childIds: [b!.id], assigneeId: VOLUNTEER, action: 'unassign' })
    .expect(200);
  expect(await shown(AREA_COORD)).toBe(start);
  expect(await bruteForce()).toBe(start);

  const friday = (await h.api(AREA_COORD).get('/reports/weekly?kind=friday&format=csv').expect(200)).text;
  expect(friday).toContain(`อาสาฯ สมใจ (อาสาสมัคร),อาสาสมัคร,${start}`);
  // A field worker does not see colleagues' loads, on the dashboard or in the Monday report.
  expect((await h.api(TEACHER).get('/dashboard').expect(200)).body.workers).toBeUndefined();
  const monday = (await h.api(TEACHER).get('/reports/weekly?kind=monday&format=csv').expect(200)).text;
  expect(monday).toContain('รายงานโรงเรียนถึง สพท.');
  expect(monday).not.toContain('อาสาฯ สมใจ');
});
