import { z } from 'zod';
import dayjs from 'dayjs';

/** The student-care system's screening groups. */
export const SCREENING_GROUPS = ['normal', 'at_risk', 'problem', 'special'] as const;
export type ScreeningGroup = (typeof SCREENING_GROUPS)[number];
export const SCREENING_LABEL: Record<ScreeningGroup, string> = {
  normal: 'ปกติ',
  at_risk: 'เสี่ยง',
  problem: 'มีปัญหา',
  special: 'พิเศษ',
};
/** Groups that flag the case for the school coordinator. */
export const FLAGGED_GROUPS: readonly ScreeningGroup[] = ['at_risk', 'problem'];

export const FOLLOWUP_STAGES = ['2w', '1m', 'term_end'] as const;
export type FollowUpStage = (typeof FOLLOWUP_STAGES)[number];
export const FOLLOWUP_STAGE_LABEL: Record<FollowUpStage, string> = {
  '2w': 'ครบ 2 สัปดาห์',
  '1m': 'ครบ 1 เดือน',
  term_end: 'สิ้นภาคเรียน',
};

export const FollowUpSchema = z.object({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'รหัสอ้างอิงการส่งไม่ถูกต้อง'),
  attending: z.boolean({ error: 'กรุณาระบุว่ายังมาเรียนหรือไม่' }),
  daysAttended: z
    .number({ error: 'จำนวนวันมาเรียนต้องเป็นตัวเลข' })
    .int()
    .min(0, 'จำนวนวันมาเรียนต้องอยู่ระหว่าง 0–10')
    .max(10, 'จำนวนวันมาเรียนต้องอยู่ระหว่าง 0–10')
    .optional(),
  group: z.enum(SCREENING_GROUPS, { error: 'กรุณาเลือกกลุ่มคัดกรอง (ปกติ / เสี่ยง / มีปัญหา / พิเศษ)' }),
  support: z.string().trim().max(500, 'ความช่วยเหลือยาวเกิน 500 ตัวอักษร').optional(),
  note: z.string().trim().max(1000, 'บันทึกยาวเกิน 1,000 ตัวอักษร').optional(),
});
export type FollowUpInput = z.infer<typeof FollowUpSchema>;

/**
 * Last days of the Thai school terms, as MM-DD: term 1 runs mid-May to early October, term 2
 * November to March. An area may override them with its own dates (YYYY-MM-DD).
 */
export const DEFAULT_TERM_ENDS = ['03-31', '10-10'] as const;

/** The end of the term `ymd` falls in (a day in a break belongs to the term after it). */
export function termEndAfter(ymd: string, override: readonly string[] = []): string {
  const year = Number(ymd.slice(0, 4));
  const ends =
    override.length > 0
      ? [...override]
      : [year - 1, year, year + 1].flatMap((y) => DEFAULT_TERM_ENDS.map((md) => `${y}-${md}`));
  return ends.sort().find((e) => e >= ymd) ?? ends.at(-1)!;
}

/**
 * Follow-up dates after a return on `ymd`: 2 weeks, 1 month and the end of the term; when the term
 * ends before the 1-month check, the end of the next term (the first one would repeat a check).
 */
export function followUpSchedule(
  ymd: string,
  termEnds: readonly string[] = [],
): Array<{ stage: FollowUpStage; due: string }> {
  const d = dayjs(ymd);
  const twoWeeks = d.add(14, 'day').format('YYYY-MM-DD');
  const oneMonth = d.add(1, 'month').format('YYYY-MM-DD');
  let end = termEndAfter(ymd, termEnds);
  if (end <= oneMonth) end = termEndAfter(dayjs(end).add(1, 'day').format('YYYY-MM-DD'), termEnds);
  return [
    { stage: '2w', due: twoWeeks },
    { stage: '1m', due: oneMonth },
    ...(end > oneMonth ? [{ stage: 'term_end' as const, due: end }] : []),
  ];
}
