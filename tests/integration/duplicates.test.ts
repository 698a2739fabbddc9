/**
 * One child, two cases: probable duplicates are flagged on import, shown to the area's coordinator,
 * and merged (one case, both identifiers, both histories, counted once) or marked distinct; either
 * decision survives a re-import. Many children share common names: a name alone never pairs two.
 */
import request from 'supertest';
import { withCheckDigit, type Child, type ChildView, type DuplicateView } from '@panong/shared';
import { textEvent } from '../../functions/src/dev/webhookEvents';
import { importRows } from '../../functions/src/stories/lists/importList';
import { ADMIN, AREA_COORD, everythingSent, harness, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

const at = (school: string) => ({
  school_code: school,
  school_name: school === '10010001' ? 'โรงเรียนวัดสุทธิวราราม' : 'โรงเรียนบ้านบางเขน',
  area_code: '1001',
  area_name: 'สพป.กรุงเทพมหานคร',
});
const row = (id: string, first: string, last: string, extra: Record<string, string>) => ({
  national_id: id,
  first_name: first,
  last_name: last,
  ...at('10010001'),
  ...extra,
});
const ID = (n: number) => withCheckDigit(`1900000088${String(n).padStart(2, '0')}`);
const list = [
  // Listed once with a national ID and once, from another list, under a G-code: same guardian phone.
  row(ID(1), 'ด.ญ.ซอหล่า', 'ไทยใหญ่', { guardian_phone: '081-234-5678', grade: 'ป.3' }),
  row('G644200000021', 'ซอหล่า', 'ไทยใหญ่', { guardian_phone: '+66812345678' }),
  // Same name, school and grade, two IDs, no phone.
  row(ID(2), 'มะลิ', 'ศรีสุข', { grade: 'ม.1' }),
  row(ID(3), 'มะลิ', 'ศรีสุข', { grade: 'ม.1' }),
  // G-codes one digit apart, same first name.
  row('G644200000031', 'จายแสง', 'ลุงคำ', { grade: 'ป.5' }),
  row('G644200000032', 'จายแสง', 'ลุงคำ', { grade: 'ป.6', ...at('10010002') }),
  // Common names that are different children: different phones, schools or grades.
  row(ID(4), 'สมชาย', 'ใจดี', { guardian_phone: '0811111111', grade: 'ป.1' }),
  row(ID(5), 'สมชาย', 'ใจดี', { guardian_phone: '0822222222', grade: 'ป.2' }),
  row(ID(6), 'สมชาย', 'ใจดี', { guardian_phone: '0833333333', ...at('10010002'), grade: 'ป.1' }),
];
let ids = 0;
const deps = () => ({ store: h.store, clock: () => new Date(), newId: () => `dup${String(++ids).padStart(5, '0')}` });
const byId = async (id: string) =>
  (await h.store.query<Child>('children', { where: [['nationalId', '==', id]] })).map((c) => c.data)[0];
const pairs = async (user = AREA_COORD) =>
  ((await h.api(user).get('/duplicates').expect(200)).body as { duplicates: DuplicateView[] }).duplicates;
const total = async () => (await request(h.app).get('/public/stats').expect(200)).body.summary.toTrack as number;

describe('probable duplicates', () => {
  it('flags the three kinds of pair on import, and no pair of namesakes', async () => {
    const report = await importRows(deps(), list);
    expect(report.errors).toEqual([]);
    expect(report.duplicates).toBe(3);
    const found = await pairs();
    expect(found.map((p) => p.reason).sort()).toEqual(['gcode_typo', 'name_phone', 'name_school_grade']);
    expect(JSON.stringify(found)).not.toContain('สมชาย');
    expect(JSON.stringify(found)).not.toContain('644200000021'); // identifiers masked
    expect(
      found
        .find((p) => p.reason === 'name_phone')!
        .sides.map((s) => s.maskedId)
        .sort(),
    ).toEqual(['Gxxxxxxxx0021', 'x-xxxx-xxxx8-01-3']);
    await h.api(TEACHER).get('/duplicates').expect(403);
    expect(await pairs(ADMIN)).toHaveLength(3);
  });

  it('merges a pair: one case, found by either identifier, both histories, counted once; and it lasts', async () => {
    await importRows(deps(), list);
    const [withId, withG] = [(await byId(ID(1)))!, (await byId('G644200000021'))!];
    await h.api(TEACHER).post(`/children/${withG.id}/checkins`, {
      idempotencyKey: 'dup-visit-gcode-000001',
      outcome: { status: 'found', note: 'พบที่บ้านยาย' },
    });
    const before = await total();
    const pair = (await pairs()).find((p) => p.reason === 'name_phone')!;
    const bad = await h.api(AREA_COORD).post(`/duplicates/${pair.id}`, { action: 'merge', keep: 'someone-else' });
    expect([bad.status, bad.body.error]).toEqual([400, 'รายการที่เก็บไว้ต้องเป็นหนึ่งในสองรายการของคู่นี้']);
    await h.api(TEACHER).post(`/duplicates/${pair.id}`, { action: 'merge', keep: withId.id }).expect(403);

    const merged = await h.api(AREA_COORD).post(`/duplicates/${pair.id}`, { action: 'merge', keep: withId.id });
    expect(merged.status).toBe(201);
    expect(
      (await h.api(AREA_COORD).post(`/duplicates/${pair.id}`, { action: 'merge', keep: withId.id })).body.duplicate,
    ).toBe(true);
    expect(await total()).toBe(before - 1);
    expect(await byId('G644200000021')).toBeUndefined();
    const view = (await h.api(TEACHER).get(`/children/${withId.id}`).expect(200)).body as ChildView;
    expect(view.history.map((e) => e.type)).toEqual(['merged', 'status_change']); // newest first, both histories
    expect(JSON.stringify(view.history)).toContain('พบที่บ้านยาย');

    // Chat finds the merged case by the G-code it no longer carries.
    h.fake.reset();
    await h
      .webhook([textEvent({ userId: TEACHER, text: 'G644200000021', replyToken: h.fake.issueReplyToken(TEACHER) })])
      .expect(200);
    expect(everythingSent(h.fake)).toContain('ซอหล่า');

    // A re-import of both rows: still one case, no pair suggested again.
    const again = await importRows(deps(), list);
    expect(again.created).toBe(0);
    expect(again.duplicates).toBe(0);
    expect((await pairs()).map((p) => p.reason).sort()).toEqual(['gcode_typo', 'name_school_grade']);
    expect(await total()).toBe(before - 1);
  });

  it('marks a pair distinct: never suggested again, also after a re-import', async () => {
    await importRows(deps(), list);
    const pair = (await pairs()).find((p) => p.reason === 'name_school_grade')!;
    await h.api(AREA_COORD).post(`/duplicates/${pair.id}`, { action: 'distinct' }).expect(201);
    await importRows(
      deps(),
      list.map((r) => ({ ...r, guardian_name: 'นางคำ' })),
    ); // every row changed
    expect((await pairs()).map((p) => p.reason).sort()).toEqual(['gcode_typo', 'name_phone']);
    const audit = await h.store.get(`audit/duplicate-${pair.id}`);
    expect(audit).toMatchObject({ action: 'distinct', by: AREA_COORD });
  });
});
