/**
 * A child who moved within Thailand is handed to the area where they now live: Bangkok (1001) to
 * Chiang Mai (5001), another province. The receiving coordinators hear of it once, accept it into one of
 * their schools (the case moves with its history) or decline it (the case goes back), and the
 * counters move with the case.
 */
import { summarize, type Child, type ChildView, type TransferView } from '@panong/shared';
import { runReminders } from '../../functions/src/stories/reports/reminders';
import { AREA_COORD, harness, TEACHER, type Harness } from '../helpers/harness';

const CM_COORD = 'U00000000000000000000000cmcoord1';
const CR_COORD = 'U00000000000000000000000crcoord1'; // Chiang Rai: a third area, never involved

let h: Harness;
beforeEach(async () => {
  h = await harness();
  await h.store.batch(
    [
      { id: CM_COORD, areaCode: '5001' },
      { id: CR_COORD, areaCode: '5701' },
    ].map((u) => ({
      kind: 'set' as const,
      path: `users/${u.id}`,
      data: { ...u, role: 'area_coordinator', registeredAt: '2026-11-01T00:00:00.000Z' },
    })),
  );
});
afterEach(() => h.close());

async function teacherChild(): Promise<Child> {
  const kids = await h.store.query<Child>('children', { where: [['schoolCode', '==', '10010001']] });
  return kids.map((k) => k.data).find((c) => c.status === 'not_tracked' && c.assigneeIds.length === 0)!;
}
const stats = async (path: string) => summarize((await h.store.get<Record<string, number>>(path)) ?? {});
const national = async () => {
  const areas = await h.store.query<Record<string, number>>('stats', { where: [['level', '==', 'area']] });
  return areas.reduce((n, a) => n + (a.data.total ?? 0), 0);
};

const move = (child: Child, key: string, outcome: Record<string, unknown>) =>
  h.api(TEACHER).post(`/children/${child.id}/checkins`, { idempotencyKey: key, outcome });

describe('transfers between areas', () => {
  it('opens a transfer the receiving coordinators hear of once; accepting moves the case there', async () => {
    const child = await teacherChild();
    const before = { total: await national(), bangkok: await stats('stats/area_1001') };
    h.fake.reset();
    const res = await move(child, 'move-to-chiangmai-0001', { status: 'moved', toArea: '5001', note: 'ไปอยู่กับยาย' });
    expect(res.status).toBe(201);
    expect((res.body as { child: ChildView }).child.status).toBe('moved');
    await move(child, 'move-to-chiangmai-0001', { status: 'moved', toArea: '5001' }).expect(200); // redelivered
    const pushes = h.fake.sent.filter((s) => s.kind === 'push');
    expect(pushes.map((p) => p.to)).toEqual([[CM_COORD]]);
    expect(JSON.stringify(pushes)).toContain(child.firstName);
    expect(JSON.stringify(pushes)).not.toContain(child.nationalId);
    expect((await stats('stats/area_1001')).transferringOut).toBe(before.bangkok.transferringOut + 1);

    // Both areas see it; only the receiving one may answer; a third area sees nothing.
    const list = async (user: string) =>
      ((await h.api(user).get('/transfers').expect(200)).body as { transfers: TransferView[] }).transfers;
    const [mine] = await list(CM_COORD);
    expect(mine).toMatchObject({
      childId: child.id,
      fromArea: '1001',
      toArea: '5001',
      state: 'pending',
      canAnswer: true,
    });
    expect((await list(AREA_COORD))[0]).toMatchObject({ id: mine!.id, canAnswer: false });
    expect(await list(CR_COORD)).toEqual([]);
    await h.api(TEACHER).get('/transfers').expect(403);

    // Bad answers change nothing.
    const answer = (user: string, body: unknown) => h.api(user).post(`/transfers/${mine!.id}`, body);
    expect((await answer(AREA_COORD, { action: 'accept', schoolCode: '10010002' })).status).toBe(403);
    expect((await answer(CR_COORD, { action: 'accept', schoolCode: '57010001' })).status).toBe(404);
    const outside = await answer(CM_COORD, { action: 'accept', schoolCode: '10010002' });
    expect([outside.status, outside.body.error]).toEqual([400, 'โรงเรียน 10010002 ไม่อยู่ในเขตพื้นที่ 5001']);
    expect((await answer(CM_COORD, { action: 'decline' })).body.error).toBe('กรุณาระบุเหตุผลที่ไม่รับ');
    expect((await h.store.get<Child>(`children/${child.id}`))!.status).toBe('moved');

    // The Monday report of the sending school counts it as waiting; after acceptance, as moved out.
    let week = 0; // each run a week later: a Monday's cards go out once
    const monday = async () => {
      h.fake.reset();
      await runReminders(h.deps, 'monday', new Date(Date.now() + 7 * 86_400_000 * week++).toISOString().slice(0, 10));
      return JSON.stringify(h.fake.messagesTo(TEACHER));
    };
    expect(await monday()).toMatch(/ย้ายออก รอเขตปลายทางรับ[^}]*\},\{[^}]*"text":"1"/);

    h.fake.reset();
    const accepted = await answer(CM_COORD, { action: 'accept', schoolCode: '50010002' });
    expect(accepted.status).toBe(201);
    // One transaction: event, child, transfer, and the counters of both areas and both schools.
    expect(h.store.commits.at(-1)!.sort()).toEqual(
      [
        `children/${child.id}`,
        `children/${child.id}/events/${mine!.id}-accepted`,
        `transfers/${mine!.id}`,
        'stats/area_1001',
        'stats/area_5001',
        `stats/school_${child.schoolCode}`,
        'stats/school_50010002',
      ].sort(),
    );
    expect((await answer(CM_COORD, { action: 'accept', schoolCode: '50010002' })).body.duplicate).toBe(true);
    const moved = (await h.store.get<Child>(`children/${child.id}`))!;
    expect(moved).toMatchObject({ schoolCode: '50010002', areaCode: '5001', status: 'not_tracked', assigneeIds: [] });
    expect(moved.areaName).toBe('สพป.เชียงใหม่ เขต 1');
    expect(h.fake.sent.filter((s) => s.kind === 'push').map((p) => p.to)).toEqual([[TEACHER]]);

    // The sending school no longer sees the child; the receiving area does, with the whole history.
    await h.api(TEACHER).get(`/children/${child.id}`).expect(404);
    const there = (await h.api(CM_COORD).get(`/children/${child.id}`).expect(200)).body as ChildView;
    expect(there.history.map((e) => e.to)).toEqual(['not_tracked', 'moved']);
    expect(await national()).toBe(before.total);
    const bangkok = await stats('stats/area_1001');
    expect([bangkok.toTrack, bangkok.transferringOut]).toEqual([
      before.bangkok.toTrack - 1,
      before.bangkok.transferringOut,
    ]);
    expect((await h.store.get<Record<string, number>>('stats/area_5001'))?.transfer_in).toBe(1);
    expect((await h.store.get<Record<string, number>>('stats/area_1001'))?.transfer_out).toBe(1);
    const after = await monday();
    expect(after).toMatch(/ย้ายออก \(รับแล้ว\)[^}]*\},\{[^}]*"text":"1"/);
    expect(after).toMatch(/ย้ายออก รอเขตปลายทางรับ[^}]*\},\{[^}]*"text":"0"/);
  });

  it('declining (with a reason) puts the case back as it was and tells the sender', async () => {
    const child = await teacherChild();
    await h.api(TEACHER).post(`/children/${child.id}/checkins`, {
      idempotencyKey: 'found-before-move-001',
      outcome: { status: 'found' },
    });
    await move(child, 'move-to-chiangmai-0002', { status: 'moved', toArea: '5001', toSchool: '50010001' }).expect(201);
    h.fake.reset();
    const res = await h
      .api(CM_COORD)
      .post('/transfers/move-to-chiangmai-0002', { action: 'decline', reason: 'ไม่พบที่อยู่ในเขต' });
    expect(res.status).toBe(201);
    expect(res.body.transfer).toMatchObject({ state: 'declined', reason: 'ไม่พบที่อยู่ในเขต' });
    const back = (await h.store.get<Child>(`children/${child.id}`))!;
    expect([back.status, back.schoolCode]).toEqual(['found', '10010001']);
    expect(h.fake.sent.filter((s) => s.kind === 'push').map((p) => p.to)).toEqual([[TEACHER]]);
    expect(JSON.stringify(h.fake.sent)).toContain('ไม่พบที่อยู่ในเขต');
    const again = await h
      .api(CM_COORD)
      .post('/transfers/move-to-chiangmai-0002', { action: 'accept', schoolCode: '50010001' });
    expect(again.status).toBe(409);
  });

  it('refuses a move to an unknown area, the own area, or a school outside the destination', async () => {
    const child = await teacherChild();
    const refused = async (outcome: Record<string, unknown>) => {
      const r = await move(child, `bad-move-${Math.random().toString(36).slice(2, 12)}`, outcome);
      return [r.status, r.body.error];
    };
    expect(await refused({ status: 'moved', toArea: '9999' })).toEqual([400, 'ไม่พบเขตพื้นที่ 9999 ในทะเบียนโรงเรียน']);
    expect((await refused({ status: 'moved', toArea: '1001' }))[0]).toBe(400);
    expect(await refused({ status: 'moved', toArea: '5001', toSchool: '57010001' })).toEqual([
      400,
      'โรงเรียน 57010001 ไม่อยู่ในเขตพื้นที่ 5001',
    ]);
    expect(await refused({ status: 'moved' })).toEqual([400, 'กรุณาเลือกเขตพื้นที่ปลายทาง']);
    expect((await h.store.get<Child>(`children/${child.id}`))!.status).toBe('not_tracked');
    expect(await h.store.query('transfers', {})).toEqual([]);
  });
});
