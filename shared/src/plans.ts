import { z } from 'zod';
import { isCalendarDate } from './dates';
import { CAUSES } from './status';

/** A case plan holds at most this many actions (a plan longer than that is a list nobody follows). */
export const MAX_PLAN_ACTIONS = 20;

const words = (max: number, empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(max, `ยาวเกิน ${max} ตัวอักษร`)
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'มีอักขระควบคุมที่ไม่อนุญาต');

export const PlanActionSchema = z.object({
  what: words(300, 'กรุณาระบุสิ่งที่จะทำ'),
  who: words(100, 'กรุณาระบุผู้รับผิดชอบ').optional(),
  due: z
    .string({ error: 'กรุณาระบุวันครบกำหนด (YYYY-MM-DD)' })
    .refine(isCalendarDate, 'วันครบกำหนดไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน เช่น 2026-12-31)')
    .refine((d) => d >= '2020-01-01' && d <= '2035-12-31', 'วันครบกำหนดต้องเป็นปี ค.ศ. ไม่ใช่ พ.ศ.'),
  done: z.boolean().optional(),
});

/**
 * What the school plans for a found child (PUT /api/children/:id/plan): the causes (codes), the problem in words,
 * the actions (what, who, due, done) and, after the return, how a new dropout is prevented. Primero's case plan.
 */
export const CasePlanSchema = z.object({
  causes: z
    .array(z.enum(CAUSES, { error: `สาเหตุต้องเป็นรหัสใน ${CAUSES.join(', ')}` }))
    .min(1, 'กรุณาเลือกสาเหตุอย่างน้อย 1 ข้อ')
    .max(CAUSES.length)
    .transform((cs) => [...new Set(cs)]),
  problem: words(2000, 'กรุณาอธิบายปัญหาของเด็ก'),
  actions: z.array(PlanActionSchema).max(MAX_PLAN_ACTIONS, `แผนมีกิจกรรมได้ไม่เกิน ${MAX_PLAN_ACTIONS} รายการ`),
  prevention: words(2000, 'กรุณาระบุแผนป้องกันการหลุดซ้ำ').optional(),
});
export type CasePlanInput = z.infer<typeof CasePlanSchema>;

/** The stored plan (`plans/{childId}`): the input, where the child is counted, and who changed it last. */
export interface CasePlan extends CasePlanInput {
  childId: string;
  childName: string;
  schoolCode: string;
  areaCode: string;
  placeCode?: string;
  /** The earliest due date of an action not done (absent when none is open): "งานของฉัน" and the Monday numbers. */
  nextDue?: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** The earliest due date among the actions not done yet. */
export function nextDue(actions: CasePlanInput['actions']): string | undefined {
  return actions
    .filter((a) => !a.done)
    .map((a) => a.due)
    .sort()[0];
}
