import { z } from 'zod';
import { CHILD_ID } from './schemas';

/** Strips what could disguise or break text shown to staff: control and zero-width characters, runs of spaces. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const text = (max: number, message?: string) =>
  z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(max, message ?? `ยาวเกิน ${max} ตัวอักษร`));

export const SIGHTING_STATUSES = ['received', 'following', 'closed'] as const;
export const SIGHTING_STATUS_LABEL: Record<(typeof SIGHTING_STATUSES)[number], string> = {
  received: 'ได้รับเรื่องแล้ว',
  following: 'กำลังติดตาม',
  closed: 'ปิดเรื่องแล้ว',
};

/** A community report of a child who seems out of school. No registration needed. */
export const SightingSchema = z
  .object({
    idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'รหัสอ้างอิงการส่งไม่ถูกต้อง'),
    location: z
      .object({
        lat: z.number().min(5).max(21),
        lng: z.number().min(97).max(106),
        accuracy: z.number().min(0).max(100_000).optional(),
      })
      .optional(),
    areaCode: z
      .string()
      .regex(/^\d{2,8}$/)
      .optional(),
    place: text(200).pipe(z.string().min(3, 'กรุณาบอกสถานที่ที่พบ')),
    approxAge: z.number().int().min(3, 'อายุโดยประมาณ 3–20 ปี').max(20, 'อายุโดยประมาณ 3–20 ปี').optional(),
    sex: z.enum(['male', 'female', 'unknown']).default('unknown'),
    description: text(1000).pipe(z.string().min(5, 'กรุณาเล่าสิ่งที่พบอย่างน้อย 5 ตัวอักษร')),
    childName: text(100).optional(),
    contactConsent: z.boolean().default(false),
  })
  .refine((s) => s.location || s.areaCode, { message: 'กรุณาส่งตำแหน่ง หรือเลือกเขตพื้นที่', path: ['location'] });
export type SightingInput = z.infer<typeof SightingSchema>;

export const TriageSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('link'), childId: z.string().regex(CHILD_ID) }),
  z.object({
    action: z.literal('create'),
    firstName: text(100).pipe(z.string().min(1, 'กรุณาระบุชื่อ')),
    lastName: text(100).pipe(z.string().min(1, 'กรุณาระบุนามสกุล')),
    schoolCode: z.string().regex(/^\d{6,10}$/, 'กรุณาเลือกโรงเรียน'),
    assigneeId: z
      .string()
      .regex(/^U[0-9a-zA-Z]{10,40}$/)
      .optional(),
  }),
  z.object({ action: z.literal('dismiss'), reason: text(300).pipe(z.string().min(3, 'กรุณาระบุเหตุผล')) }),
]);
export type TriageAction = z.infer<typeof TriageSchema>;
