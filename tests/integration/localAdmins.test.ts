/**
 * Local administrations (อปท.) search their own villages: an officer of three subdistricts of ปักธงชัย sees the
 * children living there, whatever school lists them, checked against the generator's own reading of a few thousand
 * realistic rows (addresses in every form, the current address differing from the registered one, explicit columns
 * winning, a subdistrict name that other districts share). Their check-ins are the school's too.
 */
import {
  withCheckDigit,
  type CaseListItem,
  type Child,
  type ChildView,
  type GazetteerEntry,
  type User,
} from '@panong/shared';
import { gazetteer } from '../../functions/src/core/gazetteer';
import { nationalListRows, nationalSchools } from '../../functions/src/dev/nationalList';
import { withRealAddresses, type RealAddresses } from '../../functions/src/dev/realAddresses';
import { textEvent } from '../../functions/src/dev/webhookEvents';
import { createInvite } from '../../functions/src/stories/chat/invites';
import { importRows } from '../../functions/src/stories/lists/importList';
import { harness, TEACHER, type Harness } from '../helpers/harness';

const OFFICER = 'U0000000000000000000000000fa0001';
const ROWS = 3000;
let h: Harness;
let list: RealAddresses;
let officerCodes: Set<string>;
/** The same subdistrict name in other districts: their children are not the officer's. */
let namesakeCodes: Set<string>;
let sharedName: string;
let byNationalId: Map<string, Child>;

const say = (userId: string, text: string) =>
  h.webhook([textEvent({ userId, text, replyToken: h.fake.issueReplyToken(userId) })]);

beforeAll(async () => {
  h = await harness();
  const g = await gazetteer();
  const district = g.entries.filter((e) => e.province === 'นครราชสีมา' && e.district === 'ปักธงชัย');
  // Three of its subdistricts, one of them a name other districts have too (the trap: never guessed).
  const shared = district.find((e) => g.named(e.subdistrict).length > 1)!;
  const mine = [shared, ...district.filter((e) => e !== shared).slice(0, 2)];
  const namesakes = g.named(shared.subdistrict).filter((e) => e.code !== shared.code);
  const focus: GazetteerEntry[] = [...mine, ...namesakes, ...district.slice(3, 6)];
  const schools = nationalSchools(600);
  list = withRealAddresses(nationalListRows(ROWS, { schools, seed: 23 }), g, schools, {
    seed: 29,
    focus: { entries: focus, share: 0.15 },
  });
  const report = await importRows(h.deps, list.rows, undefined, 2, { flagDuplicates: false });
  expect(report.created).toBe(ROWS);
  const invite = await createInvite(h.deps, {
    role: 'local_admin',
    province: 'นครราชสีมา',
    district: 'ปักธงชัย',
    subdistricts: mine.map((e) => e.subdistrict).join(';'),
  });
  await say(OFFICER, `ลงทะเบียน ${invite.code}`).expect(200);
  officerCodes = new Set(mine.map((e) => e.code));
  namesakeCodes = new Set(namesakes.map((e) => e.code));
  sharedName = shared.subdistrict;
  byNationalId = new Map((await h.store.query<Child>('children')).map((c) => [c.data.nationalId, c.data]));
}, 180_000);
afterAll(() => h.close());

/** The brute-force answer: the rows whose own reading puts them in the officer's subdistricts. */
const expectedIds = () =>
  [...list.expected].filter(([, code]) => code && officerCodes.has(code)).map(([nationalId]) => nationalId);

describe('local administration officers', () => {
  it('registers with its subdistricts and sees exactly the children living there, masked, whatever school', async () => {
    const officer = (await h.store.get<User>(`users/${OFFICER}`))!;
    expect(officer).toMatchObject({ role: 'local_admin' });
    expect(officer.places!.map((p) => p.code).sort()).toEqual([...officerCodes].sort());
    expect(h.fake.textsTo(OFFICER).at(-1)).toContain('อ.ปักธงชัย จ.นครราชสีมา');

    const { cases } = (await h.api(OFFICER).get('/my-cases').expect(200)).body as { cases: CaseListItem[] };
    const want = expectedIds();
    expect(want.length).toBeGreaterThan(100);
    const schoolsSeen = new Set(cases.map((c) => c.schoolName));
    expect(schoolsSeen.size).toBeGreaterThan(20); // many schools list the children of one subdistrict
    const got = new Set(cases.map((c) => c.id));
    const wantIds = new Set(want.map((n) => byNationalId.get(n)?.id ?? `missing ${n}`));
    expect([...wantIds].filter((id) => !got.has(id))).toEqual([]);
    expect([...got].filter((id) => !wantIds.has(id))).toEqual([]);
    expect(cases.every((c) => c.maskedId.startsWith('x-xxxx-xxxx') && !/\d{13}/.test(JSON.stringify(c)))).toBe(true);
    // The forms that name the place in columns, or only in the registered address, are among them.
    const forms = new Set(want.map((n) => list.written.get(n)));
    for (const f of ['columns', 'registered_only', 'unmarked', 'short']) expect(forms).toContain(f);

    // Their numbers are the same children, counted per subdistrict.
    const dash = (await h.api(OFFICER).get('/dashboard').expect(200)).body as {
      summary: { toTrack: number };
      rows: unknown[];
    };
    expect(dash.summary.toTrack).toBe(want.length);
    expect(dash.rows).toHaveLength(3);
  });

  it('searches its children in chat by ID; a namesake subdistrict elsewhere is answered like no match', async () => {
    const inside = byNationalId.get(expectedIds()[0]!)!;
    const outside = [...list.expected].find(([, code]) => code && namesakeCodes.has(code))!;
    const outsider = byNationalId.get(outside[0])!;
    expect(outsider.place!.subdistrict).toBe(sharedName);
    h.fake.reset();
    await say(OFFICER, inside.nationalId).expect(200);
    expect(h.fake.textsTo(OFFICER).join('\n') + JSON.stringify(h.fake.sent)).toContain(inside.firstName);
    expect(JSON.stringify(h.fake.sent)).not.toContain(inside.nationalId);
    h.fake.reset();
    await say(OFFICER, outsider.nationalId).expect(200);
    expect(JSON.stringify(h.fake.sent)).not.toContain(outsider.lastName);
    await h.api(OFFICER).get(`/children/${outsider.id}`).expect(404);

    // By name (one indexed query within its subdistricts): the count is exactly its children of that first name.
    const mineNamed = expectedIds()
      .map((n) => byNationalId.get(n)!)
      .filter((c) => c.firstName === inside.firstName);
    h.fake.reset();
    await say(OFFICER, inside.firstName).expect(200);
    expect(h.fake.textsTo(OFFICER).join('\n')).toContain(`พบ ${mineNamed.length} รายการ`);
  });

  it('checks a child in as found: the school sees it in the history and its numbers, and is told once', async () => {
    const child = byNationalId.get(expectedIds().find((n) => byNationalId.get(n)!.status === 'not_tracked')!)!;
    const coordinator = 'U000000000000000000000000fa0c001';
    await h.store.batch([
      {
        kind: 'set',
        path: `users/${coordinator}`,
        data: {
          id: coordinator,
          role: 'school_coordinator',
          areaCode: child.areaCode,
          schoolCode: child.schoolCode,
          registeredAt: '2026-11-01T00:00:00.000Z',
        },
      },
    ]);
    const schoolBefore = (await h.store.get<Record<string, number>>(`stats/school_${child.schoolCode}`))!;
    const placeBefore = (await h.store.get<Record<string, number>>(`stats/place_${child.placeCode}`))!;
    h.fake.reset();
    const body = { idempotencyKey: 'officer-found-000001', outcome: { status: 'found', note: 'อยู่บ้านกับยาย' } };
    await h.api(OFFICER).post(`/children/${child.id}/checkins`, body).expect(201);
    await h.api(OFFICER).post(`/children/${child.id}/checkins`, body).expect(200); // a double tap
    const told = h.fake.sent.filter((s) => s.kind === 'push');
    expect(told.map((p) => p.to)).toEqual([[coordinator]]);
    expect(JSON.stringify(told)).toContain('เจ้าหน้าที่ อปท. พบตัว');
    expect(JSON.stringify(told)).not.toContain(child.nationalId);

    const seen = (await h.api(coordinator).get(`/children/${child.id}`).expect(200)).body as ChildView;
    expect(seen.status).toBe('found');
    expect(JSON.stringify(seen.history)).toContain('อยู่บ้านกับยาย');
    expect((await h.store.get<Record<string, number>>(`stats/school_${child.schoolCode}`))!.found ?? 0).toBe(
      (schoolBefore.found ?? 0) + 1,
    );
    expect((await h.store.get<Record<string, number>>(`stats/place_${child.placeCode}`))!.found ?? 0).toBe(
      (placeBefore.found ?? 0) + 1,
    );

    // Returning a child to school is the school's work; nothing changes.
    const refused = await h.api(OFFICER).post(`/children/${child.id}/checkins`, {
      idempotencyKey: 'officer-return-000001',
      outcome: { status: 'returned', destination: 'school' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('อปท.');
    expect((await h.store.get<Child>(`children/${child.id}`))!.status).toBe('found');
  });

  it('downloads its report: found and not yet found in its subdistricts, IDs masked, Buddhist-Era date', async () => {
    const res = await h.api(OFFICER).get('/reports/weekly?kind=local&format=csv').expect(200);
    const text = res.text;
    expect(text).toMatch(/ณ \d{1,2} .+ 25\d\d/);
    expect(text).toContain('อ.ปักธงชัย');
    expect(text).not.toMatch(/\d{13}/);
    // One line per child of its subdistricts (found or not yet), each with its masked ID.
    expect(text.split(/\r?\n/).filter((l) => l.includes('x-xxxx-xxxx')).length).toBe(expectedIds().length);
    await h.api(OFFICER).get('/reports/weekly?kind=monday&format=csv').expect(403);
  });

  it('adds at-risk children of its survey (group local_survey, a cause on every row), never rewriting the list', async () => {
    const listed = byNationalId.get(expectedIds()[1]!)!;
    const base = list.rows[0]!;
    const fresh = {
      ...base,
      national_id: withCheckDigit('390000000001'),
      first_name: 'ด.ญ.ใหม่',
      current_address: '9 ม.2 ต.ตะคุ อ.ปักธงชัย จ.นครราชสีมา',
    };
    const rows = [
      { ...fresh, cause: 'ยากจน' },
      { ...fresh, national_id: withCheckDigit('390000000002') }, // no cause
      { ...list.rows.find((r) => r.national_id === listed.nationalId)!, school_name: 'โรงเรียน อบต.', cause: 'work' },
    ];
    const send = (user: string) =>
      h
        .api(user)
        .post('/local/survey/chunks', { importId: 'survey-takhu-0001', chunk: 0, chunks: 1, firstRow: 2, rows });
    expect((await send(TEACHER)).status).toBe(403);
    const res = await send(OFFICER).expect(200);
    expect(res.body).toMatchObject({
      created: 1,
      unchanged: 1,
      errors: [{ row: 3, message: expect.stringContaining('สาเหตุ') }],
    });
    const added = (await h.store.query<Child>('children', { where: [['nationalId', '==', fresh.national_id]] }))[0]!
      .data;
    expect(added).toMatchObject({ group: 'local_survey', riskCause: 'poverty', place: { subdistrict: 'ตะคุ' } });
    expect(await h.store.get<Child>(`children/${listed.id}`)).toMatchObject({ schoolName: listed.schoolName });
    expect((await h.store.get<Child>(`children/${listed.id}`))!.group).toBe(listed.group);
    const audit = await h.store.query<{ action: string; by: string }>('audit', {
      where: [['action', '==', 'survey.import']],
    });
    expect(audit.map((a) => a.data.by)).toEqual([OFFICER]);
  });

  it('refuses an invite naming a subdistrict the district does not have, with its reason', async () => {
    await expect(
      createInvite(h.deps, {
        role: 'local_admin',
        province: 'นครราชสีมา',
        district: 'ปักธงชัย',
        subdistricts: 'ตะคุ;สุเทพ',
      }),
    ).rejects.toThrow('ไม่พบตำบล "สุเทพ" ในอำเภอปักธงชัย จังหวัดนครราชสีมา');
    await expect(
      createInvite(h.deps, { role: 'local_admin', province: 'นครราชสีมา', district: 'ปักธงชัย' }),
    ).rejects.toThrow('--subdistricts');
    const office = await createInvite(h.deps, {
      role: 'local_admin',
      province: 'นครราชสีมา',
      district: 'ปักธงชัย',
      subdistricts: 'ทั้งหมด',
    });
    expect(office.places!.length).toBeGreaterThan(10);
  });
});
