import { distanceKm, nameSearchKeys, withCheckDigit, type User } from '@panong/shared';
import type { Store } from '../ports/store';
import { addChildren, newChild } from '../core/children';
import { recordCheckIn } from '../stories/fieldWork/checkIn';
import { importSchools } from '../stories/lists/schools';
import { importPartners } from '../stories/afterFound/partners';
import { CHIANG_MAI_AREA, CHIANG_MAI_PARTNERS, CHIANG_MAI_SCHOOLS } from './chiangMai';
import { nationalSchools } from './nationalList';
import { prng } from './prng';
import { gazetteer } from '../core/gazetteer';
import type { Child } from '@panong/shared';

/** Synthetic, reproducible demo data: no real child is in it. */
export const AREAS = [
  { code: '1001', name: 'สพป.กรุงเทพมหานคร' },
  { code: '5701', name: 'สพป.เชียงราย เขต 1' },
  { code: '4001', name: 'สพป.ขอนแก่น เขต 1' },
] as const;

export const SCHOOLS = [
  { code: '10010001', name: 'โรงเรียนวัดสุทธิวราราม', area: '1001', lat: 13.7046, lng: 100.5137, province: 'กรุงเทพมหานคร' },
  { code: '10010002', name: 'โรงเรียนบ้านบางเขน', area: '1001', lat: 13.8727, lng: 100.5964, province: 'กรุงเทพมหานคร' },
  { code: '57010001', name: 'โรงเรียนบ้านดอยสะโง้', area: '5701', lat: 20.3567, lng: 100.0795, province: 'เชียงราย' },
  { code: '57010002', name: 'โรงเรียนเทศบาลเวียงเชียงราย', area: '5701', lat: 19.9105, lng: 99.8406, province: 'เชียงราย' },
  { code: '40010001', name: 'โรงเรียนบ้านโนนทัน', area: '4001', lat: 16.4419, lng: 102.836, province: 'ขอนแก่น' },
  { code: '40010002', name: 'โรงเรียนบ้านหนองเรือ', area: '4001', lat: 16.4861, lng: 102.4207, province: 'ขอนแก่น' },
] as const;

const FIRST = [
  'สมชาย',
  'สมหญิง',
  'ณัฐวุฒิ',
  'กิตติพงษ์',
  'พิมพ์ชนก',
  'อนุชา',
  'ศิริพร',
  'ธนากร',
  'วรรณา',
  'ปิยะ',
  'จิราพร',
  'ชัยวัฒน์',
  'มาลี',
  'สุดารัตน์',
  'อภิชาติ',
  'นภัสสร',
];
const LAST = [
  'ใจดี',
  'มีสุข',
  'ทองคำ',
  'ศรีสุข',
  'แก้วมณี',
  'บุญมา',
  'สายทอง',
  'พรหมมา',
  'วงศ์ไทย',
  'จันทร์เพ็ญ',
  'รักเรียน',
  'ดวงดี',
];
const GRADES = ['ป.1', 'ป.3', 'ป.5', 'ป.6', 'ม.1', 'ม.2', 'ม.3', 'ม.4', 'ม.6'];

export const DEMO_USERS: Array<User & { displayName: string }> = [
  {
    id: 'U0000000000000000000000000demo01',
    role: 'volunteer',
    areaCode: '1001',
    schoolCode: '10010001',
    displayName: 'อาสาฯ สมใจ (อาสาสมัคร)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo02',
    role: 'teacher',
    areaCode: '1001',
    schoolCode: '10010001',
    displayName: 'ครูวิภา (ครู)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo03',
    role: 'school_coordinator',
    areaCode: '1001',
    schoolCode: '10010001',
    displayName: 'ครูประเสริฐ (ผู้ประสานงานโรงเรียน)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo04',
    role: 'area_coordinator',
    areaCode: '1001',
    displayName: 'คุณอรุณี (ผู้ประสานงานเขต)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo05',
    role: 'admin',
    areaCode: '1001',
    displayName: 'ผู้ดูแลระบบ',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo06',
    role: 'teacher',
    areaCode: '5001',
    schoolCode: '50010001',
    displayName: 'ครูดวงใจ (ครู เชียงใหม่)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo07',
    role: 'agency',
    areaCode: '',
    partnerId: 'cm-pdhs',
    displayName: 'คุณสุนีย์ (พมจ.เชียงใหม่)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    id: 'U0000000000000000000000000demo08',
    role: 'agency',
    areaCode: '',
    partnerId: 'cm-nfe',
    displayName: 'คุณธีระ (สกร.เชียงใหม่)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
  {
    // A subdistrict administration's officer: the Chiang Mai children living in สุเทพ and ช้างเผือก (seedDemo).
    id: 'U0000000000000000000000000demo10',
    role: 'local_admin',
    areaCode: '',
    displayName: 'คุณวิไล (อปท. เมืองเชียงใหม่)',
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
];
/** The demo officer's subdistricts, in the gazetteer's names (their codes are looked up when seeding). */
const DEMO_PLACES = [
  { subdistrict: 'สุเทพ', district: 'เมืองเชียงใหม่', province: 'เชียงใหม่' },
  { subdistrict: 'ช้างเผือก', district: 'เมืองเชียงใหม่', province: 'เชียงใหม่' },
];
/** Follows the account but has not registered. */
export const DEMO_GUEST = { id: 'U0000000000000000000000000demo09', displayName: 'ประชาชนทั่วไป (ยังไม่ลงทะเบียน)' };

type DemoSchool = { code: string; name: string; area: string };

/** `n` synthetic children spread over the demo schools (or `schools`), with valid checksummed national IDs. */
export function syntheticChildren(
  n: number,
  seed = 42,
  now = '2026-11-01T00:00:00.000Z',
  schools: readonly DemoSchool[] = SCHOOLS,
  idPrefix = 'c',
): Child[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: Child[] = [];
  for (let i = 0; i < n; i++) {
    const school = schools[i % schools.length]!;
    const area = [...AREAS, CHIANG_MAI_AREA].find((a) => a.code === school.area)!;
    const first12 = `${1 + (seed % 8)}${String(1000 + (i % 9000)).padStart(4, '0')}${String(i).padStart(7, '0')}`.slice(
      0,
      12,
    ); // the seed keeps lists apart
    out.push(
      newChild(
        `${idPrefix}${String(i + 1).padStart(6, '0')}`,
        {
          nationalId: withCheckDigit(first12),
          studentId: String(10000 + i),
          firstName: pick(FIRST),
          lastName: pick(LAST),
          grade: pick(GRADES),
          schoolCode: school.code,
          schoolName: school.name,
          areaCode: area.code,
          areaName: area.name,
          currentAddress: `${1 + Math.floor(rnd() * 200)} หมู่ ${1 + Math.floor(rnd() * 12)}`,
          guardianName: `${pick(FIRST)} ${pick(LAST)}`,
          guardianPhone: `08${Math.floor(10000000 + rnd() * 89999999)}`,
        },
        now,
      ),
    );
  }
  return out;
}

/**
 * Seeds an empty store with demo users, schools and children; a store that has data is left alone.
 * `directory` adds that many synthetic schools with coordinates (the real directory has ~30,000),
 * so routing and "nearest first" meet a realistic grid.
 */
export async function seedDemo(store: Store, opts: { children?: number; directory?: number } = {}): Promise<boolean> {
  if ((await store.query('children', { limit: 1 })).length > 0) return false;
  const childrenCount = opts.children ?? 60;
  // Synthetic schools keep clear of the demo schools, so a report near them reaches the demo coordinators.
  const directory = (opts.directory ? nationalSchools(opts.directory) : []).filter((d) =>
    SCHOOLS.every((s) => distanceKm(s, d) > 40),
  );
  const row = (s: { code: string; name: string; lat: number; lng: number }, area: string) => ({
    school_code: s.code,
    school_name: s.name,
    area_code: area,
    latitude: s.lat,
    longitude: s.lng,
  });
  await importSchools(store, [
    ...SCHOOLS.map((s) => ({ ...row(s, s.area), province: s.province })),
    ...CHIANG_MAI_SCHOOLS.map((s) => ({ ...row(s, s.area), province: 'เชียงใหม่' })),
    ...directory.map((s) => ({
      ...row(s, s.areaCode),
      province: s.province,
      district: s.district,
      subdistrict: s.subdistrict,
    })),
  ]);
  const children = syntheticChildren(childrenCount);
  const volunteer = DEMO_USERS[0]!;
  // The volunteer is assigned the first eight children of their school.
  const assigned = children.filter((c) => c.schoolCode === volunteer.schoolCode).slice(0, 8);
  assigned.forEach((c) => c.assigneeIds.push(volunteer.id));
  // The README's first example (`สม`, `มาลี` as the simulator's default user) must find someone.
  for (const [c, name] of [
    [assigned[0], 'สมชาย'],
    [assigned[1], 'มาลี'],
  ] as const) {
    if (!c) continue;
    c.firstName = name;
    c.searchKeys = nameSearchKeys(c.firstName, c.lastName);
  }
  // Chiang Mai: an area with children and the province's 21 MOU partners, for referrals; its children live in
  // two real subdistricts, the demo officer's.
  const g = await gazetteer();
  const places = DEMO_PLACES.map((p) => {
    const r = g.resolve(p);
    if (!r.ok) throw new Error(`demo place ${p.subdistrict}: ${r.problem}`);
    return r.place;
  });
  const chiangMai = syntheticChildren(20, 5, undefined, CHIANG_MAI_SCHOOLS, 'cm').map((c, i) => {
    const place = places[i % places.length]!;
    return {
      ...c,
      currentAddress: `${c.currentAddress} ต.${place.subdistrict} อ.${place.district} จ.${place.province}`,
      placeCode: place.code,
      place,
    };
  });
  await addChildren(store, [...children, ...chiangMai]);
  await importPartners(store, CHIANG_MAI_PARTNERS, '2026-11-01T00:00:00.000Z');
  const users = DEMO_USERS.map((u) => (u.role === 'local_admin' ? { ...u, places } : u));
  await store.batch(users.map((u) => ({ kind: 'set' as const, path: `users/${u.id}`, data: { ...u } })));
  return true;
}

/**
 * The local stack's demo also has work for the partner users: the Chiang Mai teacher has referred one
 * child to the social development office and asked the non-formal education office to search for
 * another (through the same check-in story as the app). Children with a name unique in their school.
 */
export async function seedDemoReferrals(store: Store): Promise<void> {
  const teacher = DEMO_USERS.find((u) => u.id.endsWith('demo06'))!;
  const school = (await store.query<Child>('children', { where: [['schoolCode', '==', teacher.schoolCode!]] })).map(
    (c) => c.data,
  );
  const name = (c: Child) => `${c.firstName} ${c.lastName}`;
  const unique = school.filter((c) => school.filter((o) => name(o) === name(c)).length === 1).slice(-2);
  if (unique.length < 2 || unique.some((c) => c.status !== 'not_tracked')) return;
  const deps = { store, clock: () => new Date() };
  const key = (n: number) => `demo-referral-${String(n).padStart(6, '0')}`;
  const [referred, searched] = unique as [Child, Child];
  await recordCheckIn(deps, teacher, referred.id, {
    idempotencyKey: key(1),
    outcome: { status: 'found', note: 'พบที่บ้าน ช่วยพ่อแม่ทำไร่' },
  });
  await recordCheckIn(deps, teacher, referred.id, {
    idempotencyKey: key(2),
    outcome: { status: 'referred', partnerId: 'cm-pdhs', cause: 'poverty', note: 'ครอบครัวขาดรายได้' },
  });
  await recordCheckIn(deps, teacher, searched.id, {
    idempotencyKey: key(3),
    outcome: { status: 'not_found', reason: 'moved_unknown' },
  });
  await recordCheckIn(deps, teacher, searched.id, {
    idempotencyKey: key(4),
    outcome: { status: 'forwarded', partnerId: 'cm-nfe', note: 'ย้ายตามผู้ปกครองไปทำงาน' },
  });
}
