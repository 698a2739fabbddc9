/**
 * Siblings: children listed with the same guardian phone, however it was typed, live in one house.
 * A teacher sees the brothers and sisters in their scope (never one in another school), and one
 * visit records the ones present, each as its own idempotent check-in.
 */
import { phoneKey, withCheckDigit, type ChildView } from '@panong/shared';
import { importRows } from '../../functions/src/stories/lists/importList';
import { AREA_COORD, harness, TEACHER, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(() => h.close());

const school = (code: string, name: string) => ({
  school_code: code,
  school_name: name,
  area_code: '1001',
  area_name: 'สพป.กรุงเทพมหานคร',
});
// One family: the phone typed three ways; the youngest is listed at another school of the same area.
const family = [
  { first_name: 'ปิยะ', phone: '081-234-5678', ...school('10010001', 'โรงเรียนวัดสุทธิวราราม') },
  { first_name: 'ปิยะดา', phone: '+66 81 234 5678', ...school('10010001', 'โรงเรียนวัดสุทธิวราราม') },
  { first_name: 'ปิยะพร', phone: '๐๘๑๒๓๔๕๖๗๘', ...school('10010002', 'โรงเรียนวัดบวรนิเวศ') },
  // Another family, and a child whose guardian gave no number: neither is anyone's sibling.
  { first_name: 'สมหญิง', phone: '089-999-0000', ...school('10010001', 'โรงเรียนวัดสุทธิวราราม') },
  { first_name: 'สมปอง', phone: '-', ...school('10010001', 'โรงเรียนวัดสุทธิวราราม') },
  { first_name: 'สมศรี', phone: '-', ...school('10010001', 'โรงเรียนวัดสุทธิวราราม') },
];
const rows = family.map(({ phone, ...c }, i) => ({
  national_id: withCheckDigit(`19000000770${i}`),
  last_name: 'ใจดี',
  guardian_phone: phone,
  ...c,
}));
let ids = 0;
const deps = () => ({ store: h.store, clock: () => new Date(), newId: () => `sib${String(++ids).padStart(6, '0')}` });

async function idOf(firstName: string): Promise<string> {
  const nationalId = rows.find((r) => r.first_name === firstName)!.national_id;
  const [hit] = await h.store.query<{ id: string }>('children', { where: [['nationalId', '==', nationalId]] });
  return hit!.data.id;
}

describe('siblings', () => {
  it('compares phone digits only (+66 is 0, Thai digits count), and no number makes no family', () => {
    expect(phoneKey('081-234-5678')).toBe('0812345678');
    expect(phoneKey('+66 81 234 5678')).toBe('0812345678');
    expect(phoneKey('๐๘๑๒๓๔๕๖๗๘')).toBe('0812345678');
    expect(phoneKey('02 123 4567')).toBe('021234567');
    for (const none of ['-', '', 'ไม่มี', '0000000000', '12345', undefined]) expect(phoneKey(none)).toBeUndefined();
  });

  it('lists the siblings a viewer may see on the child page: a teacher their school only, the area all', async () => {
    const report = await importRows(deps(), rows);
    expect(report.errors).toEqual([]);
    const piya = await idOf('ปิยะ');
    const teacherView = (await h.api(TEACHER).get(`/children/${piya}`).expect(200)).body as ChildView;
    expect(teacherView.siblings.map((s) => s.name)).toEqual(['ปิยะดา ใจดี']);
    expect(JSON.stringify(teacherView)).not.toContain('ปิยะพร'); // another school's child never appears
    const areaView = (await h.api(AREA_COORD).get(`/children/${piya}`).expect(200)).body as ChildView;
    expect(areaView.siblings.map((s) => s.name).sort()).toEqual(['ปิยะดา ใจดี', 'ปิยะพร ใจดี']);
    expect(areaView.siblings[0]).toMatchObject({ status: 'not_tracked', statusLabel: expect.any(String) });
    const blank = (
      await h
        .api(TEACHER)
        .get(`/children/${await idOf('สมปอง')}`)
        .expect(200)
    ).body as ChildView;
    expect(blank.siblings).toEqual([]);
  });

  it('a new phone on the next list moves the child to its new family', async () => {
    await importRows(deps(), rows);
    await importRows(
      deps(),
      rows.map((r) => (r.first_name === 'ปิยะดา' ? { ...r, guardian_phone: '0899990000' } : r)),
    );
    const view = (
      await h
        .api(TEACHER)
        .get(`/children/${await idOf('สมหญิง')}`)
        .expect(200)
    ).body as ChildView;
    expect(view.siblings.map((s) => s.name)).toEqual(['ปิยะดา ใจดี']);
    const old = (
      await h
        .api(TEACHER)
        .get(`/children/${await idOf('ปิยะ')}`)
        .expect(200)
    ).body as ChildView;
    expect(old.siblings).toEqual([]);
  });

  it('records the siblings present at one visit: one check-in each, at the same place, each once', async () => {
    await importRows(deps(), rows);
    const [piya, piyada] = [await idOf('ปิยะ'), await idOf('ปิยะดา')];
    const location = { lat: 13.7563, lng: 100.5018, accuracy: 12, source: 'gps' };
    const key = 'visit-2f6c1d2e-house-001';
    for (const [id, k] of [
      [piya, key],
      [piyada, `${key}-s0`],
      [piyada, `${key}-s0`], // the page retried after a lost answer
    ] as const)
      await h
        .api(TEACHER)
        .post(`/children/${id}/checkins`, { idempotencyKey: k, location, outcome: { status: 'found' } });
    const view = (await h.api(TEACHER).get(`/children/${piyada}`).expect(200)).body as ChildView;
    expect(view.status).toBe('found');
    expect(view.history).toHaveLength(1); // the retry recorded nothing more
    expect(view.lastCheckIn).toMatchObject({ lat: 13.7563, lng: 100.5018 });
    expect(view.siblings).toEqual([expect.objectContaining({ name: 'ปิยะ ใจดี', status: 'found' })]);
  });
});
