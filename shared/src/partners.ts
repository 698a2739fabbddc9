import { z } from 'zod';
import { AGENCIES, AGENCY_LABEL, CAUSES } from './status';
import { digits, headerReader, required, text } from './obecList';

/** What a partner agency is: the national agency kinds plus the education providers a child can be handed to. */
export const PARTNER_KINDS = [
  ...AGENCIES,
  'esa',
  'vocational',
  'non_formal',
  'special_centre',
  'university',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABEL: Record<PartnerKind, string> = {
  ...AGENCY_LABEL,
  esa: 'สำนักงานเขตพื้นที่การศึกษา',
  vocational: 'อาชีวศึกษา',
  non_formal: 'ส่งเสริมการเรียนรู้ (สกร.)',
  special_centre: 'ศูนย์การศึกษาพิเศษ',
  university: 'มหาวิทยาลัย',
  other: 'หน่วยงานอื่น',
};

/** `partners/{id}`: one agency of a province's MOU network. Empty `causes` = takes every cause. */
export interface Partner {
  id: string;
  name: string;
  province: string;
  kind: PartnerKind;
  causes: string[];
  contact?: string;
  /** ESA area codes the partner serves (ESAs themselves, or an agency that covers only some areas). */
  areas: string[];
  updatedAt: string;
}

/** The partner list file's canonical columns and their Thai headers (DESIGN.md). */
export const PARTNER_COLUMNS = {
  partner_id: ['รหัสหน่วยงาน'],
  name: ['ชื่อหน่วยงาน'],
  province: ['จังหวัด'],
  kind: ['ประเภท'],
  causes: ['สาเหตุที่รับ'],
  contact: ['ติดต่อ'],
  areas: ['เขตพื้นที่'],
} as const;
export const partnerColumnOf = headerReader(PARTNER_COLUMNS);

/** "จังหวัดเชียงใหม่", "จ.เชียงใหม่" and " เชียงใหม่ " are one province. */
export function provinceKey(province: string | undefined): string {
  return (province ?? '').replace(/^\s*(จังหวัด|จ\.)\s*/, '').replace(/\s+/g, '');
}

const kindByName = new Map<string, PartnerKind>(
  PARTNER_KINDS.flatMap((k) => [[k, k] as [string, PartnerKind], [PARTNER_KIND_LABEL[k], k] as [string, PartnerKind]]),
);
const list = (v: unknown) =>
  v === null || v === undefined
    ? []
    : String(v)
        .split(/[;；]/)
        .map((s) => s.trim())
        .filter(Boolean);

export const PartnerRowSchema = z.object({
  partner_id: z
    .string({ error: 'ไม่มีรหัสหน่วยงาน' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,40}$/, 'รหัสหน่วยงานใช้ได้เฉพาะ A-Z a-z 0-9 _ - (2–40 ตัว)'),
  name: required(200, 'ไม่มีชื่อหน่วยงาน'),
  province: required(100, 'ไม่มีจังหวัด').transform(provinceKey),
  kind: z.preprocess(
    (v) => kindByName.get(String(v ?? '').trim()) ?? String(v ?? '').trim(),
    z.enum(PARTNER_KINDS, { error: `ประเภทต้องเป็นหนึ่งใน ${PARTNER_KINDS.join(', ')}` }),
  ),
  causes: z.preprocess(
    list,
    z.array(z.enum(CAUSES, { error: `สาเหตุต้องเป็นรหัสใน ${CAUSES.join(', ')} คั่นด้วย ;` })).max(CAUSES.length),
  ),
  contact: text(300),
  areas: z.preprocess(
    (v) => list(v).map((a) => digits(a)),
    z.array(z.string().regex(/^\d{2,8}$/, 'รหัสเขตพื้นที่ไม่ถูกต้อง')).max(50),
  ),
});
export type PartnerRow = z.infer<typeof PartnerRowSchema>;

/** Where a child is, as far as partners are concerned. */
export interface ChildPlace {
  areaCode: string;
  /** From the school directory; unknown for a school it does not list yet. */
  province?: string;
}

/** A partner may take a child of its province, or of an ESA area it serves. */
export function partnerServes(p: Pick<Partner, 'province' | 'areas'>, place: ChildPlace): boolean {
  return p.areas.includes(place.areaCode) || (!!place.province && provinceKey(place.province) === p.province);
}

/**
 * The partners to offer for a child and a cause: only those serving the child's place, the ones
 * that take this cause first, then those serving the child's own area, then by Thai name.
 */
export function partnersFor<P extends Pick<Partner, 'province' | 'areas' | 'causes' | 'name'>>(
  partners: readonly P[],
  place: ChildPlace,
  cause?: string,
): P[] {
  const takes = (p: P) => (!cause || p.causes.length === 0 || p.causes.includes(cause) ? 0 : 1);
  const local = (p: P) => (p.areas.includes(place.areaCode) ? 0 : 1);
  const thai = new Intl.Collator('th');
  return partners
    .filter((p) => partnerServes(p, place))
    .sort((a, b) => takes(a) - takes(b) || local(a) - local(b) || thai.compare(a.name, b.name));
}
