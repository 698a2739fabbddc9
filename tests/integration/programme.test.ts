/** The programme numbers of an area come from its counters: the first visit of a child listed 12 days ago. */
import { summarize, type Child } from '@panong/shared';
import { AREA_COORD, harness, TEACHER, type Harness } from '../helpers/harness';

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
