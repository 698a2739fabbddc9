import { nationalCounts } from '../../functions/src/stories/reports/dashboard';
import request from 'supertest';
import type { Child, StatusCounts } from '@panong/shared';
import { textEvent } from '../../functions/src/dev/webhookEvents';
import { AREA_COORD, harness, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

const GUEST = 'U0000000000000000000000000guest1';
let n = 0;
const key = () => `sight-${String(++n).padStart(12, '0')}-key`;
const BANGKOK = { lat: 13.705, lng: 100.514 }; // next to โรงเรียนวัดสุทธิวราราม (area 1001)
const CHIANG_RAI = { lat: 20.35, lng: 100.08 }; // next to โรงเรียนบ้านดอยสะโง้ (area 5701)

function report(userId: string, body: Record<string, unknown>) {
  return request(h.app)
    .post('/api/community/sightings')
    .set('authorization', `Bearer ${h.token(userId)}`)
    .send({
      idempotencyKey: key(),
      place: 'หน้าตลาดสด',
      description: 'เด็กชายอายุราว 12 ปี ขายของช่วงเวลาเรียน',
      sex: 'male',
      approxAge: 12,
      ...body,
    });
}
const sightings = async () => (await h.store.query<Record<string, unknown>>('sightings')).map((s) => s.data);

describe('community sighting intake', () => {
  it(
    'anyone (unregistered) reports; it is routed to the ' + 'nearest school area and acknowledged with a reference',
    async () => {
      const res = await report(GUEST, { location: CHIANG_RAI }).expect(201);
      expect(res.body.ref).toMatch(/^S-[A-Z0-9]{6}$/);
      const [s] = await sightings();
      expect(s).toMatchObject({ areaCode: '5701', nearestSchool: '57010001', reporterId: GUEST, status: 'received' });
      expect(h.fake.textsTo(GUEST)).toEqual([expect.stringContaining(res.body.ref)]);
    },
  );

  it('records a double tap once, and routes a report without location to the chosen area', async () => {
    const body = {
      idempotencyKey: 'sight-double-tap-000001',
      place: 'ป้ายรถเมล์',
      description: 'เด็กหญิงนั่งขอทาน',
      areaCode: '4001',
    };
    const auth = `Bearer ${h.token(GUEST)}`;
    const [a, b] = await Promise.all([
      request(h.app).post('/api/community/sightings').set('authorization', auth).send(body),
      request(h.app).post('/api/community/sightings').set('authorization', auth).send(body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.ref).toBe(b.body.ref);
    expect(await sightings()).toEqual([expect.objectContaining({ areaCode: '4001' })]);
    const none = await report(GUEST, {}).expect(400);
    expect(none.body.error).toContain('ตำแหน่ง');
  });

  it('limits each reporter to 5 a day and stores nothing more', async () => {
    for (let i = 0; i < 5; i++) await report(GUEST, { location: BANGKOK }).expect(201);
    const res = await report(GUEST, { location: BANGKOK }).expect(429);
    expect(res.body.error).toContain('ไม่เกิน 5 เรื่องต่อวัน');
    expect(await sightings()).toHaveLength(5);
    await report('U0000000000000000000000000guest2', { location: BANGKOK }).expect(201); // others are not affected
  });

  it('cleans control and zero-width characters, refuses oversize text, and needs a LINE login', async () => {
    await report(GUEST, {
      location: BANGKOK,
      description: 'เด็ก\u200bชาย\u0007 <script>alert(1)</script>\u202e',
    }).expect(201);
    expect((await sightings())[0]!.description).toBe('เด็กชาย <script>alert(1)</script>');
    await report(GUEST, { location: BANGKOK, description: 'ก'.repeat(1001) }).expect(400);
    await request(h.app).post('/api/community/sightings').send({}).expect(401);
  });

  it('answers แจ้งพบเด็ก in chat for anyone with a button to the form', async () => {
    await h
      .webhook([textEvent({ userId: GUEST, text: 'แจ้งพบเด็ก', replyToken: h.fake.issueReplyToken(GUEST) })])
      .expect(200);
    expect(JSON.stringify(h.fake.messagesTo(GUEST))).toContain('https://liff.line.me/1650000001-test/sighting.html');
  });
});

describe('triage by area staff', () => {
  async function childInArea(): Promise<Child> {
    return (await h.store.query<Child>('children', { where: [['areaCode', '==', '1001']], limit: 1 }))[0]!.data;
  }

  it('shows the area queue only, with the named child suggested first', async () => {
    const child = await childInArea();
    await report(GUEST, { location: BANGKOK, childName: `${child.firstName} ${child.lastName}` }).expect(201);
    await report(GUEST, { location: CHIANG_RAI }).expect(201);
    const res = await h.api(AREA_COORD).get('/triage').expect(200);
    expect(res.body.queue).toHaveLength(1);
    expect(res.body.queue[0].suggestions[0]).toMatchObject({
      childId: child.id,
      name: `${child.firstName} ${child.lastName}`,
    });
    expect(JSON.stringify(res.body)).not.toContain(child.nationalId);
    await h.api(TEACHER).get('/triage').expect(403);
  });

  it(
    'links a report to a known child: event on the case, ' + 'audit, reporter told "following" without the child',
    async () => {
      const child = await childInArea();
      const { body } = await report(GUEST, { location: BANGKOK, childName: child.firstName }).expect(201);
      const [s] = await sightings();
      await h.api(AREA_COORD).post(`/sightings/${s!.id}/triage`, { action: 'link', childId: child.id }).expect(200);
      expect((await h.store.query(`children/${child.id}/events`))[0]!.data).toMatchObject({
        type: 'note',
        by: AREA_COORD,
      });
      expect(await h.store.get(`audit/triage-${s!.id}`)).toMatchObject({
        action: 'sighting.link',
        by: AREA_COORD,
        childId: child.id,
      });
      const told = h.fake.textsTo(GUEST);
      expect(told.at(-1)).toBe(`เรื่องแจ้งพบเด็ก ${body.ref}: กำลังติดตาม`);
      expect(told.join('\n')).not.toContain(child.lastName);
      await h.api(AREA_COORD).post(`/sightings/${s!.id}/triage`, { action: 'dismiss', reason: 'ซ้ำ' }).expect(409);
    },
  );

  it('opens a new community-found case in a school of the area, counted as found', async () => {
    await report(GUEST, { location: BANGKOK }).expect(201);
    const [s] = await sightings();
    const before = (await nationalCounts(h.store)).counts as StatusCounts;
    const res = await h
      .api(AREA_COORD)
      .post(`/sightings/${s!.id}/triage`, {
        action: 'create',
        firstName: 'ด.ช.ไม่ทราบ',
        lastName: 'ชื่อสกุล',
        schoolCode: '10010002',
      })
      .expect(200);
    const created = (await h.store.get<Child>(`children/${res.body.linkedChildId}`))!;
    expect(created).toMatchObject({ status: 'found', schoolCode: '10010002', areaCode: '1001', nationalId: '' });
    const after = (await nationalCounts(h.store)).counts as StatusCounts;
    expect([after.total - before.total, after.found - (before.found ?? 0)]).toEqual([1, 1]);
    await h
      .api(AREA_COORD)
      .post(`/sightings/${s!.id}/triage`, { action: 'create', firstName: 'x', lastName: 'y', schoolCode: '40010001' })
      .expect(409);
  });

  it('dismisses with a reason; the reporter hears it is closed; other areas cannot touch it', async () => {
    await report(GUEST, { location: CHIANG_RAI }).expect(201);
    const [s] = await sightings();
    await h
      .api(AREA_COORD)
      .post(`/sightings/${s!.id}/triage`, { action: 'dismiss', reason: 'ไม่ใช่เด็กวัยเรียน' })
      .expect(404);
    const { ADMIN } = await import('../helpers/harness');
    await h.api(ADMIN).post(`/sightings/${s!.id}/triage`, { action: 'dismiss', reason: 'ไม่ใช่เด็กวัยเรียน' }).expect(200);
    expect(h.fake.textsTo(GUEST).at(-1)).toContain('ปิดเรื่องแล้ว');
    expect((await sightings())[0]).toMatchObject({ status: 'closed', closedReason: 'ไม่ใช่เด็กวัยเรียน' });
  });
});

describe('daily digest for staff', () => {
  it('tells each area coordinator once a day how many reports wait, and nothing per report', async () => {
    const { runReminders } = await import('../../functions/src/stories/reports/reminders');
    await report(GUEST, { location: BANGKOK }).expect(201);
    await report(GUEST, { location: BANGKOK }).expect(201);
    await report(GUEST, { location: CHIANG_RAI }).expect(201); // no coordinator registered for 5701
    expect(h.fake.messagesTo(AREA_COORD)).toEqual([]);
    const noSleep = async () => undefined;
    await runReminders(h.deps, 'digest', '2026-11-23', noSleep);
    await runReminders(h.deps, 'digest', '2026-11-23', noSleep);
    const got = h.fake.messagesTo(AREA_COORD);
    expect(got).toHaveLength(1);
    expect(String(got[0]!.altText)).toContain('รอคัดกรอง 2 เรื่อง');
    expect(JSON.stringify(got)).toContain('triage.html');
  });
});

describe('an imported area with no demo data in it', () => {
  it(
    'routes reports there through the directory, and ' + 'its coordinator opens cases at its imported schools',
    async () => {
      const { nationalSchools } = await import('../../functions/src/dev/nationalList');
      const { importSchools } = await import('../../functions/src/stories/lists/schools');
      const { importRows } = await import('../../functions/src/stories/lists/importList');
      const area = '2101';
      const schools = nationalSchools(400).filter((s) => s.areaCode === area);
      await importSchools(
        h.store,
        schools.slice(0, 1).map((s) => ({
          school_code: s.code,
          school_name: s.name,
          area_code: area,
          latitude: s.lat,
          longitude: s.lng,
        })),
      );
      // The list names a second school the directory has not given coordinates yet.
      const listed = schools[1]!;
      await importRows(h.deps, [
        {
          national_id: '1101700230708',
          first_name: 'ปิยะ',
          last_name: 'ทองคำ',
          school_code: listed.code,
          school_name: listed.name,
          area_code: area,
          area_name: 'สพป.นำเข้าใหม่',
        },
      ]);
      const coordinator = 'U00000000000000000000000area2101';
      await h.store.batch([
        {
          kind: 'set',
          path: `users/${coordinator}`,
          data: { id: coordinator, role: 'area_coordinator', areaCode: area, registeredAt: '2026-11-01' },
        },
      ]);

      await report(GUEST, { location: { lat: schools[0]!.lat + 0.01, lng: schools[0]!.lng } }).expect(201);
      const queue = (await h.api(coordinator).get('/triage').expect(200)).body.queue as Array<{ id: string }>;
      expect(queue).toHaveLength(1);
      const res = await h
        .api(coordinator)
        .post(`/sightings/${queue[0]!.id}/triage`, {
          action: 'create',
          firstName: 'ไม่ทราบ',
          lastName: 'ชื่อ',
          schoolCode: listed.code,
        })
        .expect(200);
      expect(await h.store.get<Child>(`children/${res.body.linkedChildId}`)).toMatchObject({
        areaCode: area,
        schoolCode: listed.code,
        schoolName: listed.name,
        areaName: 'สพป.นำเข้าใหม่',
      });
      // A chosen area nobody imported is refused, clearly.
      expect((await report(GUEST, { areaCode: '9999' }).expect(400)).body.error).toContain('ไม่พบเขตพื้นที่');
    },
  );
});

describe('who a new case may go to', () => {
  it(
    'refuses an unregistered follower or a worker of another ' +
      'area as the assignee of a triaged case, creating nothing',
    async () => {
      await report(GUEST, { location: BANGKOK }).expect(201);
      const [s] = await sightings();
      const create = (assigneeId: string) =>
        h.api(AREA_COORD).post(`/sightings/${s!.id}/triage`, {
          action: 'create',
          firstName: 'ไม่ทราบ',
          lastName: 'ชื่อ',
          schoolCode: '10010002',
          assigneeId,
        });
      expect((await create(GUEST).expect(400)).body.error).toContain('ยังไม่ได้ลงทะเบียน');
      const elsewhere = 'U0000000000000000000000000other1';
      await h.store.batch([
        {
          kind: 'set',
          path: `users/${elsewhere}`,
          data: {
            id: elsewhere,
            role: 'volunteer',
            areaCode: '5701',
            schoolCode: '57010001',
            registeredAt: '2026-11-01',
          },
        },
      ]);
      expect((await create(elsewhere).expect(400)).body.error).toContain('ไม่อยู่ในเขตพื้นที่');
      expect(await h.store.count('children', [['sightingRef', '==', s!.ref]])).toBe(0);
      const ok = await create(TEACHER).expect(200);
      expect((await h.store.get<Child>(`children/${ok.body.linkedChildId}`))!.assigneeIds).toEqual([TEACHER]);
    },
  );
});
