import { z } from 'zod';
import { LocationSchema } from './location';
import { RETURN_DESTINATIONS } from './status';

/** One hand-over of a child to a partner (DESIGN.md "Status machine"). */
export const REFERRAL_STATES = ['sent', 'accepted', 'declined', 'in_progress', 'closed'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const REFERRAL_STATE_LABEL: Record<ReferralState, string> = {
  sent: 'ส่งแล้ว รอตอบรับ',
  accepted: 'รับเรื่องแล้ว',
  declined: 'ปฏิเสธ',
  in_progress: 'กำลังดำเนินการ',
  closed: 'ปิดเรื่องแล้ว',
};
/** referral: found but cannot return yet (by cause); search: not found, the partner keeps searching. */
export type ReferralKind = 'referral' | 'search';

export const CLOSE_OUTCOMES = ['returned', 'service_given', 'moved', 'other'] as const;
export const CLOSE_OUTCOME_LABEL: Record<(typeof CLOSE_OUTCOMES)[number] | 'found', string> = {
  returned: 'เด็กกลับเข้าเรียนแล้ว',
  service_given: 'ให้บริการแล้ว แต่เด็กยังกลับเข้าเรียนไม่ได้',
  moved: 'เด็กย้ายที่อยู่',
  other: 'อื่น ๆ',
  found: 'หน่วยงานพบตัวเด็ก ส่งกลับโรงเรียน',
};

export const OPEN_STATES: readonly ReferralState[] = ['sent', 'accepted', 'in_progress'];

const note = z.string().trim().max(1000, 'บันทึกยาวเกิน 1,000 ตัวอักษร');
const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9-]{16,64}$/, 'รหัสอ้างอิงการส่งไม่ถูกต้อง')
  .optional();

/** What a partner's user posts to `POST /api/referrals/:id`. */
export const ReferralActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('accept'), idempotencyKey }),
    z.object({
      action: z.literal('decline'),
      reason: z.string({ error: 'กรุณาระบุเหตุผลที่ปฏิเสธ' }).trim().min(3, 'กรุณาระบุเหตุผลที่ปฏิเสธ').max(1000),
      idempotencyKey,
    }),
    z.object({
      action: z.literal('update'),
      note: note.min(1, 'กรุณาบันทึกความคืบหน้า'),
      location: LocationSchema.optional(),
      idempotencyKey,
    }),
    z.object({
      action: z.literal('close'),
      outcome: z.enum(CLOSE_OUTCOMES, { error: 'กรุณาเลือกผลการปิดเรื่อง' }),
      destination: z.enum(RETURN_DESTINATIONS).optional(),
      note: note.optional(),
      idempotencyKey,
    }),
    z.object({ action: z.literal('found'), location: LocationSchema, note: note.optional(), idempotencyKey }),
  ],
  { error: 'action ต้องเป็น accept, decline, update, close หรือ found' },
);
export type ReferralAction = z.infer<typeof ReferralActionSchema>;

/** Which actions each state allows; `found` only for a child the partner was asked to search for. */
export function checkReferralAction(
  state: ReferralState,
  kind: ReferralKind,
  action: ReferralAction['action'],
): { ok: true; to: ReferralState } | { ok: false; message: string } {
  const refuse = (message: string) => ({ ok: false as const, message });
  if (state === 'declined' || state === 'closed') return refuse(`เรื่องนี้${REFERRAL_STATE_LABEL[state]} ดำเนินการต่อไม่ได้`);
  switch (action) {
    case 'accept':
    case 'decline':
      return state === 'sent'
        ? { ok: true, to: action === 'accept' ? 'accepted' : 'declined' }
        : refuse('ตอบรับหรือปฏิเสธได้เฉพาะเรื่องที่ยังไม่ได้ตอบ');
    case 'update':
    case 'close':
      return state === 'sent'
        ? refuse('กรุณารับเรื่องก่อนบันทึกความคืบหน้าหรือปิดเรื่อง')
        : { ok: true, to: action === 'update' ? 'in_progress' : 'closed' };
    case 'found':
      return kind === 'search' ? { ok: true, to: 'closed' } : refuse('รายงานพบตัวได้เฉพาะเด็กที่ส่งให้ค้นหา');
  }
}

/** Days a partner has to answer a new referral, and to report on an open one. */
export const ANSWER_DAYS = 7;
export const UPDATE_DAYS = 30;
/** Kept on a referral that can no longer be late, so "overdueAt ≤ now" counts only open ones. */
export const NEVER = '9999-12-31T00:00:00.000Z';

/** When a referral in `state`, last touched at `at`, becomes overdue. */
export function overdueAt(state: ReferralState, at: string): string {
  const days =
    state === 'sent' ? ANSWER_DAYS : state === 'accepted' || state === 'in_progress' ? UPDATE_DAYS : undefined;
  return days === undefined ? NEVER : new Date(Date.parse(at) + days * 86_400_000).toISOString();
}
