/**
 * Every found child gets a case plan (problem, causes, actions with who and when, prevention after the return):
 * whoever may check the child in edits it, every change is an event, due actions reach "งานของฉัน" and the Monday
 * numbers, the dashboard counts found children without one, and bad input changes nothing.
 */
import { summarize, type CasePlan, type Child, type ChildView } from '@panong/shared';
import { CHIANG_MAI_TEACHER, harness, PDHS_AGENCY, SCHOOL_COORD, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
let child: Child;
beforeEach(async () => {
  h = await harness();
  const kids = await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']] });
  child = kids.map((k) => k.data).find((c) => c.status === 'not_tracked')!;
  await h
    .api(TEACHER)
    .post(`/children/${child.id}/checkins`, { idempotencyKey: 'plan-found-00000001', outcome: { status: 'found' } })
    .expect(201);
});
afterEach(() => h.close());

const ymd = (days: number) => new Date(Date.now() + days * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
const plan = (over: Record<string, unknown> = {}) => ({
  causes: ['poverty', 'family'],
  problem: 'ต้องช่วยแม่เลี้ยงน้อง ไม่มีค่าเดินทางไปโรงเรียน',
  actions: [
    { what: 'ประสาน อบต. ขอทุนค่าเดินทาง', who: 'ครูประจำชั้น', due: ymd(-1) },
    { what: 'เยี่ยมบ้านพร้อมผู้ปกครอง', due: ymd(10), done: false },
  ],
  ...over,
});
const schoolStats = async () => summarize((await h.store.get<Record<string, number>>('stats/school_10010001')) ?? {});
const events = async () => (await h.store.query<{ type: string }>(`children/${child.id}/events`)).map((e) => e.data);

describe('case plans', () => {
  it('is written by who may check the child in, once per change, and counted on the dashboard', async () => {
    expect((await h.api(TEACHER).get(`/children/${child.id}/plan`).expect(200)).body).toEqual({ plan: null });
    const before = await schoolStats();
    const res = await h.api(TEACHER).put(`/children/${child.id}/plan`, plan()).expect(200);
    expect(res.body).toMatchObject({ changed: true, plan: { causes: ['poverty', 'family'], nextDue: ymd(-1) } });
    await h.api(TEACHER).put(`/children/${child.id}/plan`, plan()).expect(200); // a retried request
    expect((await events()).filter((e) => e.type === 'plan')).toHaveLength(1);
    expect((await schoolStats()).withoutPlan).toBe(before.withoutPlan - 1);
    const got = (await h.api(SCHOOL_COORD).get(`/children/${child.id}/plan`).expect(200)).body as { plan: CasePlan };
    expect(got.plan.actions.map((a) => a.what)).toEqual(['ประสาน อบต. ขอทุนค่าเดินทาง', 'เยี่ยมบ้านพร้อมผู้ปกครอง']);
    const view = (await h.api(SCHOOL_COORD).get(`/children/${child.id}`).expect(200)).body as ChildView;
    expect(view.history.some((e) => e.type === 'plan' && e.by.includes('ครู'))).toBe(true);

    // The overdue action is in "งานของฉัน" and the Monday numbers until it is done.
    const due = (await h.api(TEACHER).get('/plans/due').expect(200)).body.plans;
    expect(due).toEqual([expect.objectContaining({ childId: child.id, overdue: true })]);
    const dash = (await h.api(SCHOOL_COORD).get('/dashboard').expect(200)).body;
    expect(dash.work.planActionsDue).toBe(1);
    const monday = (await h.api(SCHOOL_COORD).get('/reports/weekly?kind=monday&format=csv').expect(200)).text;
    expect(monday).toContain('แผนช่วยเหลือถึงกำหนด');
    const done = plan();
    (done.actions as Array<{ done?: boolean }>)[0]!.done = true;
    await h.api(TEACHER).put(`/children/${child.id}/plan`, done).expect(200);
    expect((await h.api(TEACHER).get('/plans/due').expect(200)).body.plans).toEqual([]);
    expect((await h.api(SCHOOL_COORD).get('/dashboard').expect(200)).body.work.planActionsDue).toBe(0);
    expect((await events()).filter((e) => e.type === 'plan')).toHaveLength(2);

    // Returned: still planned (the counter moves with the status), and a prevention plan is added.
    await h
      .api(TEACHER)
      .post(`/children/${child.id}/checkins`, {
        idempotencyKey: 'plan-return-0000001',
        outcome: { status: 'returned', destination: 'school' },
      })
      .expect(201);
    expect((await schoolStats()).withoutPlan).toBe(before.withoutPlan - 1);
    await h
      .api(TEACHER)
      .put(`/children/${child.id}/plan`, { ...done, prevention: 'ครูเยี่ยมบ้านทุกเดือน ภาคเรียนแรก' })
      .expect(200);
  });

  it('refuses bad input with a Thai reason and changes nothing', async () => {
    await h.api(TEACHER).put(`/children/${child.id}/plan`, plan()).expect(200);
    const stored = await h.store.get(`plans/${child.id}`);
    const cases: Array<[Record<string, unknown>, string]> = [
      [plan({ causes: ['bad_luck'] }), 'สาเหตุต้องเป็นรหัสใน'],
      [plan({ causes: [] }), 'กรุณาเลือกสาเหตุ'],
      [plan({ actions: [{ what: 'เยี่ยมบ้าน', due: '2026-02-30' }] }), 'วันครบกำหนดไม่ถูกต้อง'],
      [plan({ actions: [{ what: 'เยี่ยมบ้าน', due: '2569-12-01' }] }), 'ปี ค.ศ.'],
      [plan({ actions: Array.from({ length: 21 }, (_, i) => ({ what: `กิจกรรม ${i}`, due: ymd(i) })) }), 'ไม่เกิน 20'],
      [plan({ problem: '  ' }), 'กรุณาอธิบายปัญหา'],
      [plan({ actions: [{ who: 'ครู', due: ymd(3) }] }), 'กรุณาระบุสิ่งที่จะทำ'],
    ];
    for (const [body, message] of cases) {
      const res = await h.api(TEACHER).put(`/children/${child.id}/plan`, body);
      expect([res.status, res.body.error]).toEqual([400, expect.stringContaining(message)]);
    }
    expect(await h.store.get(`plans/${child.id}`)).toEqual(stored);
    expect((await events()).filter((e) => e.type === 'plan')).toHaveLength(1);
  });

  it('is out of reach of anyone who may not see the child', async () => {
    const other = await h.api(CHIANG_MAI_TEACHER).put(`/children/${child.id}/plan`, plan());
    expect(other.status).toBe(404);
    await h.api(CHIANG_MAI_TEACHER).get(`/children/${child.id}/plan`).expect(404);
    await h.api(PDHS_AGENCY).put(`/children/${child.id}/plan`, plan()).expect(404);
    expect(await h.store.get(`plans/${child.id}`)).toBeUndefined();
  });
});
