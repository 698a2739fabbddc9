import { z } from 'zod';
import { OutcomeSchema, STATUSES, type Cause, type Status } from './status';
import { LocationSchema } from './location';
import type { ReferralKind, ReferralState } from './referrals';
import type { ListGroup } from './groups';
import type { ScreeningGroup } from './followups';
import type { Place } from './places';

export const ROLES = [
  'volunteer',
  'teacher',
  'school_coordinator',
  'area_coordinator',
  'agency',
  'local_admin',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABEL: Record<Role, string> = {
  volunteer: 'อาสาสมัคร',
  teacher: 'ครู',
  school_coordinator: 'ผู้ประสานงานโรงเรียน',
  area_coordinator: 'ผู้ประสานงานเขตพื้นที่การศึกษา',
  agency: 'หน่วยงานภาคี',
  local_admin: 'เจ้าหน้าที่ อปท.',
  admin: 'ผู้ดูแลระบบ',
};

/** What the LIFF check-in form posts. The user is never taken from the body. */
export const CheckInSchema = z.object({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'รหัสอ้างอิงการส่งไม่ถูกต้อง'),
  location: LocationSchema.optional(),
  outcome: OutcomeSchema,
});
export type CheckIn = z.infer<typeof CheckInSchema>;

/** A child document id: what may reach a store path from a URL, a postback or a request body. */
export const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const ChildIdSchema = z.string().regex(CHILD_ID, 'รหัสเด็กไม่ถูกต้อง');

export interface Child {
  id: string;
  nationalId: string;
  studentId?: string;
  firstName: string;
  lastName: string;
  grade?: string;
  schoolCode: string;
  schoolName: string;
  areaCode: string;
  areaName: string;
  currentAddress?: string;
  registeredAddress?: string;
  guardianName?: string;
  guardianPhone?: string;
  /** The guardian phone's digits (phoneKey): children sharing it are siblings. */
  guardianPhoneKey?: string | null;
  /** The subdistrict the child lives in (from the list's columns or addresses; none when unknown). */
  placeCode?: string;
  place?: Place;
  assigneeIds: string[];
  status: Status;
  outcome?: Record<string, unknown>;
  lastCheckIn?: { lat: number; lng: number; accuracy?: number; at: string; by: string };
  /** The partner the case is handed to now (an agency user's scope) and that referral's summary. */
  partnerId?: string | null;
  referral?: { id: string; partnerId: string; state: ReferralState; kind: ReferralKind };
  /** G-codes the child was listed under before its national ID (search finds the case by either). */
  previousIds?: string[];
  /** Which list and rounds named the child (one case per national ID across rounds). */
  group?: ListGroup;
  rounds?: string[];
  /** Latest follow-up screening after a return; at_risk/problem flag the case for the school coordinator. */
  screening?: ScreeningGroup;
  flagged?: boolean;
  lastFollowUp?: { at: string; attending: boolean };
  /** Why a local administration's survey put the child on the list (group local_survey). */
  riskCause?: Cause;
  /** When the child was first listed, and first visited (the programme's "days to first visit"). */
  listedAt?: string;
  firstVisitAt?: string;
  /** A case plan exists (plans/{id}): the dashboard counts found children without one. */
  hasPlan?: boolean;
  /** Times a returned child was found out of school again. */
  reDropouts?: number;
  searchKeys: string[];
  version: number;
  updatedAt: string;
}

export const EVENT_TYPES = [
  'check_in',
  'status_change',
  'location',
  'note',
  'referral',
  'assignment',
  'followup',
  'relisted',
  'identified',
  'transfer',
  'merged',
  'plan',
] as const;
export interface CaseEvent {
  id: string;
  type: (typeof EVENT_TYPES)[number];
  by: string;
  byRole: Role;
  at: string;
  from: Status;
  to: Status;
  outcome: Record<string, unknown>;
  location?: { lat: number; lng: number; accuracy?: number; source: string };
}

export interface User {
  id: string;
  role: Role;
  areaCode: string;
  schoolCode?: string;
  /** Agency users: the partner they act for. */
  partnerId?: string;
  /** Local administration officers (อปท.): the subdistricts they search (at most 30). */
  places?: Place[];
  displayName?: string;
  remindersOff?: boolean;
  lastOpenedChildId?: string;
  registeredAt: string;
}

export const InviteArgsSchema = z
  .object({
    role: z.enum(ROLES, { error: `role ต้องเป็นหนึ่งใน ${ROLES.join(', ')}` }),
    area: z.string().trim().min(1, 'ต้องระบุ --area').optional(),
    school: z.string().trim().min(1).optional(),
    partner: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{2,40}$/, 'รหัสหน่วยงานไม่ถูกต้อง')
      .optional(),
    days: z.coerce.number().int().min(1).max(90).default(14),
    /** Local administration officers: their subdistricts, named by district and province. */
    province: z.string().trim().min(1).optional(),
    district: z.string().trim().min(1).optional(),
    subdistricts: z
      .string()
      .transform((s) => [
        ...new Set(
          s
            .split(/[;,]/)
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string()).min(1, 'ต้องระบุ --subdistricts อย่างน้อย 1 ตำบล').max(30, 'ระบุได้ไม่เกิน 30 ตำบลต่อรหัส'))
      .optional(),
  })
  .refine((a) => !['volunteer', 'teacher', 'school_coordinator'].includes(a.role) || a.school, {
    message: 'บทบาทระดับโรงเรียนต้องระบุ --school',
  })
  .refine((a) => (a.role === 'agency') === !!a.partner, {
    message: 'บทบาท agency ต้องระบุ --partner <รหัสหน่วยงาน> (และบทบาทอื่นไม่ใช้ --partner)',
  })
  .refine((a) => (a.role === 'local_admin') === !!(a.province && a.district && a.subdistricts), {
    message:
      'บทบาท local_admin ต้องระบุ --province <จังหวัด> --district <อำเภอ> --subdistricts <ตำบล;ตำบล> (และบทบาทอื่นไม่ใช้)',
  })
  .refine((a) => a.role === 'agency' || a.role === 'local_admin' || a.area, { message: 'ต้องระบุ --area' });

export interface Invite {
  code: string;
  role: Role;
  areaCode: string;
  schoolCode?: string;
  partnerId?: string;
  places?: Place[];
  createdAt: string;
  expiresAt: string;
  usedBy?: string;
  usedAt?: string;
}

export const StatusSchema = z.enum(STATUSES);
