import { z } from 'zod';
import { toArabicDigits } from './thaiText';

/** Which list a child came from: OBEC's two national groups, district surveys, or a community report. */
export const LIST_GROUPS = ['eef_transition', 'dmc_term_gap', 'local_survey', 'community'] as const;
export type ListGroup = (typeof LIST_GROUPS)[number];
export const LIST_GROUP_LABEL: Record<ListGroup, string> = {
  eef_transition: 'นักเรียนทุน กสศ. ช่วงชั้นรอยต่อ',
  dmc_term_gap: 'หายจากระบบ DMC ระหว่างภาคเรียน',
  local_survey: 'สำรวจในพื้นที่',
  community: 'แจ้งจากชุมชน',
};
const byLabel = new Map<string, ListGroup>(LIST_GROUPS.flatMap((g) => [[g, g] as [string, ListGroup], [LIST_GROUP_LABEL[g], g] as [string, ListGroup]]));

/** An optional list column: the code or its Thai label. */
export const ListGroupCell = z.preprocess(
  (v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : (byLabel.get(String(v).trim()) ?? String(v).trim())),
  z.enum(LIST_GROUPS, { error: `กลุ่มต้องเป็นหนึ่งใน ${LIST_GROUPS.join(', ')}` }).optional(),
);
/** A round label such as 2564/2 (Thai digits accepted by the caller's digit conversion). */
export const RoundCell = z.preprocess(
  (v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : toArabicDigits(String(v)).trim()),
  z.string().regex(/^[0-9A-Za-z./_-]{1,20}$/, 'รอบต้องเป็นเช่น 2564/2').optional(),
);
