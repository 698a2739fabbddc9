import { z } from 'zod';
import { plannedField, visitedCount, visitQuantile } from './programme';

export const STATUSES = [
  'not_tracked',
  'found',
  'not_found',
  'returned',
  'referred',
  'forwarded',
  'moved_abroad',
  'deceased',
  'duplicate',
  'already_enrolled',
  'moved',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABEL: Record<Status, string> = {
  not_tracked: 'ยังไม่ได้ติดตาม',
  found: 'พบตัว',
  not_found: 'ไม่พบตัว',
  returned: 'กลับเข้าเรียนแล้ว',
  referred: 'ส่งต่อหน่วยงานภาคี (ยังกลับเข้าเรียนไม่ได้)',
  forwarded: 'ส่งต่อหน่วยงานภาคีให้ค้นหาต่อ',
  moved_abroad: 'ย้ายไปต่างประเทศ',
  deceased: 'เสียชีวิต',
  duplicate: 'ข้อมูลซ้ำ',
  already_enrolled: 'กำลังเรียนอยู่แล้ว',
  moved: 'ย้ายไปเขตอื่น (รอเขตปลายทางรับ)',
};

const CLOSURES = ['moved_abroad', 'deceased', 'duplicate', 'already_enrolled'] as const;

/**
 * Where a case may go next. Staying in the same status is a visit (follow-up, new location),
 * allowed for every open case except one nobody has visited yet.
 */
export const NEXT: Record<Status, readonly Status[]> = {
  not_tracked: ['found', 'not_found', 'moved', ...CLOSURES],
  found: ['returned', 'referred', 'moved', ...CLOSURES],
  not_found: ['found', 'forwarded', 'moved', ...CLOSURES],
  forwarded: ['found', ...CLOSURES],
  referred: ['returned', 'found', ...CLOSURES],
  // A returned child who drops out again is found out of school again.
  returned: ['found'],
  moved_abroad: ['found'],
  deceased: [],
  duplicate: [],
  already_enrolled: ['found'],
  // A transfer in progress: only the receiving area's answer moves it (accept, or decline back).
  moved: [],
};

/** Closed outcomes a new round of the list re-opens (the child is listed out of school again). */
export const REOPENED_BY_NEW_ROUND: readonly Status[] = ['returned', 'moved_abroad', 'already_enrolled'];

export function allowedNext(from: Status): Status[] {
  const visit = from === 'not_tracked' || NEXT[from].length === 0 ? [] : [from];
  return [...visit, ...NEXT[from]];
}

/**
 * A returned child screened at risk or with problems may be referred while staying in school:
 * the referral opens, the status stays returned.
 */
export const referralInSchool = (c: { status: Status; flagged?: boolean }, to: Status) =>
  c.status === 'returned' && !!c.flagged && to === 'referred';

/** Where this case may go next, the in-school referral of a flagged returned child included. */
export function nextFor(c: { status: Status; flagged?: boolean }): Status[] {
  return [...allowedNext(c.status), ...(referralInSchool(c, 'referred') ? (['referred'] as Status[]) : [])];
}

export type TransitionCheck = { ok: true; isVisit: boolean } | { ok: false; message: string };

export function checkTransition(from: Status, to: Status): TransitionCheck {
  if (!allowedNext(from).includes(to)) {
    return {
      ok: false,
      message: `เปลี่ยนสถานะจาก "${STATUS_LABEL[from]}" เป็น "${STATUS_LABEL[to]}" ไม่ได้`,
    };
  }
  return { ok: true, isVisit: from === to };
}

export const RETURN_DESTINATIONS = ['school', 'vocational', 'non_formal', 'special_centre'] as const;
export const DESTINATION_LABEL: Record<(typeof RETURN_DESTINATIONS)[number], string> = {
  school: 'โรงเรียน',
  vocational: 'อาชีวศึกษา',
  non_formal: 'การศึกษานอกระบบ (สกร.)',
  special_centre: 'ศูนย์การศึกษาพิเศษ',
};

/** The national agency kinds of the MOU network (partners themselves are data: see partners.ts). */
export const AGENCIES = ['msdhs', 'dopa', 'moph', 'police', 'local_admin', 'dla_child_centre', 'ngo'] as const;
export const AGENCY_LABEL: Record<(typeof AGENCIES)[number], string> = {
  msdhs: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (พม.)',
  dopa: 'กรมการปกครอง',
  moph: 'กระทรวงสาธารณสุข',
  police: 'สำนักงานตำรวจแห่งชาติ',
  local_admin: 'องค์กรปกครองส่วนท้องถิ่น',
  dla_child_centre: 'ศูนย์คุ้มครองเด็ก',
  ngo: 'มูลนิธิ/องค์กรเอกชน',
};

export const CAUSES = [
  'poverty',
  'work',
  'family',
  'health',
  'disability',
  'pregnancy',
  'legal',
  'migration',
  'other',
] as const;
export type Cause = (typeof CAUSES)[number];
export const CAUSE_LABEL: Record<Cause, string> = {
  poverty: 'ยากจน',
  work: 'ต้องทำงานหาเลี้ยงครอบครัว',
  family: 'ปัญหาครอบครัว',
  health: 'ปัญหาสุขภาพ',
  disability: 'ความพิการ',
  pregnancy: 'ตั้งครรภ์',
  legal: 'คดีความ',
  migration: 'ย้ายถิ่นตามผู้ปกครอง',
  other: 'อื่น ๆ',
};

export const NOT_FOUND_REASONS = ['moved_unknown', 'address_not_found', 'nobody_home', 'other'] as const;
export const NOT_FOUND_LABEL: Record<(typeof NOT_FOUND_REASONS)[number], string> = {
  moved_unknown: 'ย้ายที่อยู่ ไม่ทราบที่ไป',
  address_not_found: 'ไม่พบบ้านตามที่อยู่',
  nobody_home: 'ไม่มีคนอยู่บ้าน',
  other: 'อื่น ๆ',
};

const note = z.string().trim().max(1000, 'บันทึกยาวเกิน 1,000 ตัวอักษร');
const requiredNote = z
  .string({ error: 'กรุณาระบุรายละเอียดหรือหลักฐาน' })
  .trim()
  .min(3, 'กรุณาระบุรายละเอียดหรือหลักฐาน')
  .max(1000, 'บันทึกยาวเกิน 1,000 ตัวอักษร');

const partnerId = z.string({ error: 'กรุณาเลือกหน่วยงานที่ส่งต่อ' }).regex(/^[A-Za-z0-9_-]{2,40}$/, 'กรุณาเลือกหน่วยงานที่ส่งต่อ');

/** The details each status requires, as one discriminated union. */
export const OutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), note: note.optional() }),
  z.object({
    status: z.literal('not_found'),
    reason: z.enum(NOT_FOUND_REASONS, { error: 'กรุณาเลือกเหตุที่ไม่พบตัว' }),
    note: note.optional(),
  }),
  z.object({
    status: z.literal('returned'),
    destination: z.enum(RETURN_DESTINATIONS, { error: 'กรุณาเลือกสถานศึกษาที่กลับเข้าเรียน' }),
    institution: z.string().trim().max(200).optional(),
    note: note.optional(),
  }),
  z.object({
    status: z.literal('referred'),
    partnerId,
    cause: z.enum(CAUSES, { error: 'กรุณาเลือกสาเหตุ' }),
    note: note.optional(),
  }),
  z.object({
    status: z.literal('forwarded'),
    partnerId,
    note: note.optional(),
  }),
  z.object({
    status: z.literal('moved'),
    toArea: z.string({ error: 'กรุณาเลือกเขตพื้นที่ปลายทาง' }).regex(/^\d{4}$/, 'กรุณาเลือกเขตพื้นที่ปลายทาง'),
    toSchool: z
      .string()
      .regex(/^\d{8}(\d{2})?$/, 'รหัสโรงเรียนปลายทางไม่ถูกต้อง')
      .optional(),
    note: note.optional(),
  }),
  z.object({ status: z.literal('moved_abroad'), note: requiredNote }),
  z.object({ status: z.literal('deceased'), note: requiredNote }),
  z.object({ status: z.literal('duplicate'), note: requiredNote }),
  z.object({ status: z.literal('already_enrolled'), note: requiredNote }),
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

export type StatusCounts = Record<Status, number> & { total: number };

export function emptyCounts(): StatusCounts {
  const counts = { total: 0 } as StatusCounts;
  for (const s of STATUSES) counts[s] = 0;
  return counts;
}

/** The programme's public headline numbers, derived from per-status counters. */
/** The statuses of a found child: each gets a case plan. */
const FOUND_STATES: readonly Status[] = ['found', 'returned', 'referred'];

export function summarize(c: Partial<StatusCounts> & Record<string, unknown>) {
  const n = (s: Status) => c[s] ?? 0;
  const k = (field: string) => Number(c[field] ?? 0);
  return {
    toTrack: c.total ?? 0,
    notTracked: n('not_tracked'),
    found: n('found') + n('returned') + n('referred'),
    notFound: n('not_found') + n('forwarded'),
    returned: n('returned'),
    referred: n('referred'),
    /** Moved within Thailand, waiting for the receiving area to accept. */
    transferringOut: n('moved'),
    /** Returned children whose last follow-up found them still attending. */
    stillAttending: k('attending_last'),
    /** Returned children found out of school again (each re-dropout counted). */
    reDropouts: k('re_dropout'),
    /** Found children (returned and referred included) without a case plan yet. */
    withoutPlan: FOUND_STATES.reduce((sum, s) => sum + n(s) - k(plannedField(s)), 0),
    /** Days from listing to the first visit: median and 90th percentile ("within N days"), of those visited. */
    firstVisitMedianDays: visitQuantile(c, 0.5),
    firstVisitP90Days: visitQuantile(c, 0.9),
    visited: visitedCount(c),
  };
}

/** The same headline numbers within one segment: a list group (`g_<group>_`) or a round (`r_<round>_`). */
export function summarizeSegment(c: Record<string, unknown>, prefix: string) {
  return summarize(
    Object.fromEntries(
      Object.entries(c).flatMap(([key, v]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), v]] : [])),
    ),
  );
}

/** Field-wise sum of counter documents (national = the sum of its areas); non-numeric fields are ignored. */
export function sumCounts(
  docs: ReadonlyArray<Record<string, unknown>>,
): Partial<StatusCounts> & Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const [k, v] of Object.entries(d)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v;
  return out as Partial<StatusCounts> & Record<string, number>;
}
