/**
 * Synthetic lists shaped like OBEC's national one, for scale tests and the benchmark: 245 areas,
 * thousands of schools, Thai names drawn from ~280 first names and ~300 surnames that share prefixes
 * (สม…, สุ…, ศรี…), with a skewed frequency so common names collide, rows in shuffled order.
 * No real child is in it: IDs are synthetic with valid checksums.
 */
import { withCheckDigit, type Child } from '@panong/shared';
import { prng } from './prng';

const FIRST_HEADS = [
  'สม',
  'สุ',
  'กิตติ',
  'ณัฐ',
  'พิม',
  'อนุ',
  'ศิริ',
  'ธนา',
  'วร',
  'ปิย',
  'จิรา',
  'ชัย',
  'มา',
  'สุดา',
  'อภิ',
  'นภ',
  'ธีร',
  'ภู',
  'พร',
  'กมล',
];
const FIRST_TAILS = ['ชาย', 'หญิง', 'ศักดิ์', 'พงษ์', 'ชนก', 'วัฒน์', 'พร', 'กร', 'รัตน์', 'ลี', 'ชัย', 'วุฒิ', 'ภัทร', 'ทิพย์'];
const LAST_HEADS = [
  'ใจ',
  'มี',
  'ทอง',
  'ศรี',
  'แก้ว',
  'บุญ',
  'สาย',
  'พรหม',
  'วงศ์',
  'จันทร์',
  'รัก',
  'ดวง',
  'สุข',
  'เพชร',
  'ทรัพย์',
  'นาค',
  'อินทร์',
  'คำ',
];
const LAST_TAILS = [
  'ดี',
  'สุข',
  'คำ',
  'มณี',
  'มา',
  'ทอง',
  'ไทย',
  'เพ็ญ',
  'เรียน',
  'ประเสริฐ',
  'สวัสดิ์',
  'งาม',
  'แสง',
  'ศรี',
  'วงศ์',
  'ชัย',
  'รักษ์',
];
export const FIRST_NAMES = FIRST_HEADS.flatMap((h) => FIRST_TAILS.map((t) => h + t)); // 280
export const LAST_NAMES = LAST_HEADS.flatMap((h) => LAST_TAILS.map((t) => h + t)); // 306
const GRADES = ['อ.3', 'ป.1', 'ป.3', 'ป.5', 'ป.6', 'ม.1', 'ม.2', 'ม.3', 'ม.4', 'ม.6'];
const PROVINCES = [
  'กรุงเทพมหานคร',
  'เชียงใหม่',
  'เชียงราย',
  'ขอนแก่น',
  'นครราชสีมา',
  'อุบลราชธานี',
  'สงขลา',
  'นครศรีธรรมราช',
  'ชลบุรี',
  'พิษณุโลก',
  'อุดรธานี',
  'สุราษฎร์ธานี',
];

export interface NationalArea {
  code: string;
  name: string;
  province: string;
  lat: number;
  lng: number;
}
export interface NationalSchool {
  code: string;
  name: string;
  areaCode: string;
  province: string;
  district: string;
  subdistrict: string;
  lat: number;
  lng: number;
}
/** One row of an OBEC list, with the English headers the importer reads. */
export type ListRow = Record<string, string>;

/** A skewed pick: the first entries are much more common, like real names. */
function zipf<T>(xs: readonly T[], rnd: () => number): T {
  return xs[Math.min(xs.length - 1, Math.floor(xs.length * rnd() ** 1.5))]!;
}

export function nationalAreas(count = 245, seed = 7, firstCode = 2001): NationalArea[] {
  const rnd = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const province = PROVINCES[i % PROVINCES.length]!;
    return {
      code: String(firstCode + i),
      name: `สพป.${province} เขต ${Math.floor(i / PROVINCES.length) + 1}`,
      province,
      lat: 6.5 + rnd() * 13, // Thailand, roughly
      lng: 98.5 + rnd() * 6,
    };
  });
}

/** `count` schools spread over the areas, around each area's centre; 8-digit codes (area + 4 digits). */
export function nationalSchools(count = 3000, areas = nationalAreas(), seed = 11): NationalSchool[] {
  const rnd = prng(seed);
  const perArea = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const area = areas[i % areas.length]!;
    const n = (perArea.get(area.code) ?? 0) + 1;
    perArea.set(area.code, n);
    return {
      code: `${area.code}${String(n).padStart(4, '0')}`,
      name: `โรงเรียนบ้าน${zipf(LAST_NAMES, rnd)} ${n}`,
      areaCode: area.code,
      province: area.province,
      district: `อำเภอ${zipf(FIRST_HEADS, rnd)}`,
      subdistrict: `ตำบล${zipf(LAST_HEADS, rnd)}`,
      lat: Math.round((area.lat + (rnd() - 0.5) * 0.6) * 1e5) / 1e5,
      lng: Math.round((area.lng + (rnd() - 0.5) * 0.6) * 1e5) / 1e5,
    };
  });
}

/** `count` rows over the schools in shuffled order (as an export gives them), with unique valid IDs. */
export function nationalListRows(
  count = 110_755,
  opts: { schools?: NationalSchool[]; areas?: NationalArea[]; seed?: number } = {},
): ListRow[] {
  const areas = opts.areas ?? nationalAreas();
  const schools = opts.schools ?? nationalSchools(3000, areas);
  const areaName = new Map(areas.map((a) => [a.code, a.name]));
  const seed = opts.seed ?? 3;
  const rnd = prng(seed);
  const rows: ListRow[] = [];
  for (let i = 0; i < count; i++) {
    const school = schools[Math.floor(rnd() * schools.length)]!;
    const first12 = `${1 + (seed % 8)}${String(i).padStart(11, '0')}`;
    rows.push({
      national_id: withCheckDigit(first12),
      student_id: String(100000 + i),
      first_name: zipf(FIRST_NAMES, rnd),
      last_name: zipf(LAST_NAMES, rnd),
      grade: GRADES[Math.floor(rnd() * GRADES.length)]!,
      school_code: school.code,
      school_name: school.name,
      area_code: school.areaCode,
      area_name: areaName.get(school.areaCode)!,
      current_address:
        `${1 + Math.floor(rnd() * 300)} หมู่ ` +
        `${1 + Math.floor(rnd() * 15)} ` +
        `${school.subdistrict} ${school.district}`,
      guardian_name: `${zipf(FIRST_NAMES, rnd)} ${zipf(LAST_NAMES, rnd)}`,
      guardian_phone: `08${Math.floor(10000000 + rnd() * 89999999)}`,
    });
  }
  // Shuffled: schools and areas interleave from the first rows on.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

export const LIST_HEADERS = [
  'national_id',
  'student_id',
  'first_name',
  'last_name',
  'grade',
  'school_code',
  'school_name',
  'area_code',
  'area_name',
  'current_address',
  'guardian_name',
  'guardian_phone',
];

export function toCsv(rows: readonly ListRow[], headers: readonly string[] = LIST_HEADERS): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${headers.join(',')}\n${rows.map((r) => headers.map((h) => cell(r[h] ?? '')).join(',')).join('\n')}\n`;
}

/** A listed child as a row of the Ministry's list again (English headers): what a re-upload of it sends. */
export function listRowOf(c: Child): Record<string, string> {
  return {
    national_id: c.nationalId,
    first_name: c.firstName,
    last_name: c.lastName,
    school_code: c.schoolCode,
    school_name: c.schoolName,
    area_code: c.areaCode,
    area_name: c.areaName,
  };
}
