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

/** The same rules compared pair by pair: the definition the blocking keys must agree with (and the benchmark's). */
export function duplicateReasons(a: DuplicateFacts, b: DuplicateFacts): DuplicateReason[] {
  if (a.nationalId === b.nationalId) return [];
  const reasons = new Set<DuplicateReason>();
  const bKeys = new Set(duplicateKeys(b).map((k) => k.key));
  for (const k of duplicateKeys(a)) if (bKeys.has(k.key)) reasons.add(k.reason);
  return DUPLICATE_REASONS.filter((r) => reasons.has(r));
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
