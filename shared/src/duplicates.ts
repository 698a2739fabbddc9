import { z } from 'zod';
import { phoneKey } from './family';
import { G_CODE } from './nationalId';
import { nameTokens } from './thaiText';

/**
 * Probable duplicates: two cases that are probably one child listed twice (two lists, two rounds, an
 * identifier typed wrong). The rules, each a blocking key so that the national list is paired without
 * comparing every child with every other:
 * - `name_phone`: the same first and last name (honorifics, spacing, Thai digits aside) and the same
 *   guardian phone (digits, +66 = 0): one guardian does not give two children one name;
 * - `name_school_grade`: the same name in the same school and grade;
 * - `gcode_typo`: G-codes one digit apart with the same first name (a G-code has no check digit, so
 *   a mistyped one is still valid; a national ID's check digit already refuses a one-digit typo).
 * Common names are shared by many children, which is why a name never pairs two cases on its own.
 */
export const DUPLICATE_REASONS = ['name_phone', 'name_school_grade', 'gcode_typo'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const DUPLICATE_REASON_LABEL: Record<DuplicateReason, string> = {
  name_phone: 'ชื่อ-นามสกุลและเบอร์ผู้ปกครองตรงกัน',
  name_school_grade: 'ชื่อ-นามสกุล โรงเรียนและชั้นตรงกัน',
  gcode_typo: 'รหัส G ต่างกันหนึ่งหลัก ชื่อตรงกัน',
};

export interface DuplicateFacts {
  nationalId: string;
  firstName: string;
  lastName: string;
  schoolCode: string;
  grade?: string;
  guardianPhone?: string;
}

const nameOf = (c: DuplicateFacts) => `${nameTokens(c.firstName).join('')}|${nameTokens(c.lastName).join('')}`;

/**
 * How the store finds pairs without a query: cases are grouped by name (`group`), and each member keeps
 * a short signature (`sig`: phone, school and grade) that the rules compare within the group; a G-code
 * case also joins one group per digit it may have been mistyped in (its first name and the code with
 * that digit left out). Few children share a name and are listed together, so a group is small.
 */
export function duplicateGroups(c: DuplicateFacts): Array<{ group: string; sig: string }> {
  const k = comparable(c);
  const groups = [{ group: `n|${k.name}`, sig: `${k.phone}|${k.school}|${k.grade}` }];
  if (k.gcode)
    for (let i = 1; i < k.id.length; i++)
      groups.push({ group: `g|${k.first}|${k.id.slice(0, i)}?${k.id.slice(i + 1)}`, sig: 'g' });
  return groups;
}

/** What two members of one group have in common, by their signatures (see duplicateGroups). */
export function groupReasons(group: string, a: string, b: string): DuplicateReason[] {
  if (group.startsWith('g|')) return ['gcode_typo'];
  const [pa, sa, ga] = a.split('|');
  const [pb, sb, gb] = b.split('|');
  const reasons: DuplicateReason[] = [];
  if (pa && pa === pb) reasons.push('name_phone');
  if (ga && sa === sb && ga === gb) reasons.push('name_school_grade');
  return reasons;
}

/** The blocking keys of a case: two cases sharing one are a probable duplicate for that key's reason. */
export function duplicateKeys(c: DuplicateFacts): Array<{ key: string; reason: DuplicateReason }> {
  const name = nameOf(c);
  const keys: Array<{ key: string; reason: DuplicateReason }> = [];
  const phone = phoneKey(c.guardianPhone);
  if (phone) keys.push({ key: `p|${name}|${phone}`, reason: 'name_phone' });
  const grade = c.grade ? nameTokens(c.grade).join('') : '';
  if (grade) keys.push({ key: `s|${name}|${c.schoolCode}|${grade}`, reason: 'name_school_grade' });
  if (G_CODE.test(c.nationalId)) {
    const first = nameTokens(c.firstName).join('');
    for (let i = 1; i < c.nationalId.length; i++)
      keys.push({ key: `g|${first}|${c.nationalId.slice(0, i)}?${c.nationalId.slice(i + 1)}`, reason: 'gcode_typo' });
  }
  return keys;
}

/** A key shared by more cases than this is not one child listed twice (a placeholder name, a school's phone). */
export const MAX_KEY_MEMBERS = 20;

/** Every probable pair of a whole list by its blocking keys (`id id`, in order): what the index finds, at once. */
export function probableDuplicatePairs(cases: readonly DuplicateFacts[]): Set<string> {
  const members = new Map<string, string[]>();
  for (const c of cases)
    for (const { key } of duplicateKeys(c)) {
      const m = members.get(key);
      if (m) m.push(c.nationalId);
      else members.set(key, [c.nationalId]);
    }
  const pairs = new Set<string>();
  for (const m of members.values()) {
    if (m.length < 2 || m.length > MAX_KEY_MEMBERS) continue;
    for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) pairs.add(idPair(m[i]!, m[j]!));
  }
  return pairs;
}

export const idPair = (x: string, y: string) => (x < y ? `${x} ${y}` : `${y} ${x}`);

/** A case's facts normalised once, for comparing it with many others. */
export interface Comparable {
  id: string;
  gcode: boolean;
  name: string;
  first: string;
  phone: string;
  school: string;
  grade: string;
}

export function comparable(c: DuplicateFacts): Comparable {
  return {
    id: c.nationalId,
    gcode: G_CODE.test(c.nationalId),
    name: nameOf(c),
    first: nameTokens(c.firstName).join(''),
    phone: phoneKey(c.guardianPhone) ?? '',
    school: c.schoolCode,
    grade: c.grade ? nameTokens(c.grade).join('') : '',
  };
}

/**
 * The same rules written pair by pair, without the keys: the definition the blocking keys must agree
 * with (the tests and the benchmark compare the two).
 */
export function duplicateReasons(a: Comparable, b: Comparable): DuplicateReason[] {
  if (a.id === b.id) return [];
  const reasons: DuplicateReason[] = [];
  if (a.name === b.name) {
    if (a.phone && a.phone === b.phone) reasons.push('name_phone');
    if (a.grade && a.school === b.school && a.grade === b.grade) reasons.push('name_school_grade');
  }
  if (a.gcode && b.gcode && a.first === b.first) {
    let differ = 0;
    for (let i = 0; i < a.id.length && differ < 2; i++) if (a.id[i] !== b.id[i]) differ++;
    if (differ === 1) reasons.push('gcode_typo');
  }
  return reasons;
}

export const DUPLICATE_STATES = ['open', 'merged', 'distinct'] as const;
export type DuplicateState = (typeof DUPLICATE_STATES)[number];

/** A coordinator's decision on a pair (POST /api/duplicates/:id). */
export const DuplicateActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('merge'),
      keep: z.string({ error: 'กรุณาเลือกรายการที่จะเก็บไว้' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'กรุณาเลือกรายการที่จะเก็บไว้'),
    }),
    z.object({ action: z.literal('distinct') }),
  ],
  { error: 'ต้องเป็นรวมเป็นรายเดียว (merge) หรือเป็นคนละคน (distinct)' },
);
export type DuplicateAction = z.infer<typeof DuplicateActionSchema>;

/** One side of a pair as a coordinator sees it: masked identifier only. */
export interface DuplicateSide {
  id: string;
  name: string;
  maskedId: string;
  schoolName: string;
  grade: string | null;
  status: string;
  statusLabel: string;
}

/** A probable duplicate (GET /api/duplicates). */
export interface DuplicateView {
  id: string;
  /** The two cases' record ids (what `keep` names). */
  a: string;
  b: string;
  sides: [DuplicateSide, DuplicateSide];
  reason: DuplicateReason;
  reasonLabel: string;
  reasons: DuplicateReason[];
  createdAt: string;
}
