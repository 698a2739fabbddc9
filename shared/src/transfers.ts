import { z } from 'zod';

export const TRANSFER_STATES = ['pending', 'accepted', 'declined'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export const TRANSFER_STATE_LABEL: Record<TransferState, string> = {
  pending: 'รอเขตปลายทางรับ',
  accepted: 'เขตปลายทางรับแล้ว',
  declined: 'เขตปลายทางไม่รับ',
};

/** The receiving area's answer (POST /api/transfers/:id). */
export const TransferActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('accept'),
      schoolCode: z.string({ error: 'กรุณาเลือกโรงเรียนที่รับเด็ก' }).regex(/^\d{8}(\d{2})?$/, 'กรุณาเลือกโรงเรียนที่รับเด็ก'),
    }),
    z.object({
      action: z.literal('decline'),
      reason: z
        .string({ error: 'กรุณาระบุเหตุผลที่ไม่รับ' })
        .trim()
        .min(3, 'กรุณาระบุเหตุผลที่ไม่รับ')
        .max(500, 'เหตุผลยาวเกิน 500 ตัวอักษร'),
    }),
  ],
  { error: 'ต้องเป็นรับ (accept) หรือไม่รับ (decline)' },
);
export type TransferAction = z.infer<typeof TransferActionSchema>;

/** A transfer as the coordinators of either area see it (GET /api/transfers). */
export interface TransferView {
  id: string;
  childId: string;
  childName: string;
  fromArea: string;
  fromAreaName: string;
  fromSchoolName: string;
  toArea: string;
  toSchool?: string;
  state: TransferState;
  stateLabel: string;
  reason?: string;
  note?: string;
  createdAt: string;
  /** The viewer may answer it (a coordinator of the receiving area, or an admin, while pending). */
  canAnswer: boolean;
}
