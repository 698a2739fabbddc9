import {
  partnerColumnOf,
  PartnerRowSchema,
  partnerServes,
  partnersFor,
  provinceKey,
  readListRows,
  type Child,
  type ChildPlace,
  type Partner,
  type PartnerRow,
  type User,
  type PartnerImportReport,
} from '@panong/shared';
import type { Store, Tx } from '../../ports/store';
import { UserFacingError } from '../../errors';
import { paths, type School } from '../../core/documents';

const toPartner = (r: PartnerRow, now: string): Partner => ({
  id: r.partner_id,
  name: r.name,
  province: r.province,
  kind: r.kind,
  causes: r.causes,
  ...(r.contact ? { contact: r.contact } : {}),
  areas: r.areas,
  updatedAt: now,
});

/**
 * Loads or updates a partner directory (`npm run partners`, the partners page): per-row Thai
 * errors, re-runs update by partner id and never duplicate. `refuse` names rows the actor may not write.
 */
export async function importPartners(
  store: Store,
  rawRows: ReadonlyArray<Record<string, unknown>>,
  now: string,
  refuse: (r: PartnerRow) => string | undefined = () => undefined,
): Promise<PartnerImportReport> {
  const schema = PartnerRowSchema.superRefine((r, ctx) => {
    const message = refuse(r);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
  const { rows, errors } = readListRows(
    rawRows,
    partnerColumnOf,
    schema,
    (r: PartnerRow) => r.partner_id,
    (row) => `รหัสหน่วยงานซ้ำกับแถว ${row}`,
  );
  const report: PartnerImportReport = { rows: rawRows.length, created: 0, updated: 0, errors };
  const partners = rows.map((r) => toPartner(r, now));
  for (let i = 0; i < partners.length; i += 400) {
    const chunk = partners.slice(i, i + 400);
    const existing = await store.getMany<Partner>(chunk.map((p) => paths.partner(p.id)));
    existing.forEach((e) => (e ? report.updated++ : report.created++));
    await store.batch(chunk.map((p) => ({ kind: 'set' as const, path: paths.partner(p.id), data: { ...p } })));
  }
  return report;
}

/** The province of a school from the directory (unknown for a school only a list has named). */
async function provinceOf(read: Pick<Store, 'get'> | Pick<Tx, 'get'>, schoolCode: string): Promise<string | undefined> {
  const school = await read.get<School>(paths.school(schoolCode));
  return school?.province ? provinceKey(school.province) : undefined;
}

export async function placeOf(
  read: Pick<Store, 'get'> | Pick<Tx, 'get'>,
  child: Pick<Child, 'areaCode' | 'schoolCode'>,
): Promise<ChildPlace> {
  const province = await provinceOf(read, child.schoolCode);
  return { areaCode: child.areaCode, ...(province ? { province } : {}) };
}

/** Partners serving a place: those of its province plus those listing its ESA area (a province has ~20–40). */
export async function partnersServing(store: Store, place: ChildPlace, cause?: string): Promise<Partner[]> {
  const [byProvince, byArea] = await Promise.all([
    place.province
      ? store.query<Partner>('partners', { where: [['province', '==', place.province]] })
      : Promise.resolve([]),
    store.query<Partner>('partners', { where: [['areas', 'array-contains', place.areaCode]] }),
  ]);
  const all = new Map([...byProvince, ...byArea].map((p) => [p.id, p.data]));
  return partnersFor([...all.values()], place, cause);
}

/**
 * The partner a check-in names, checked inside its transaction: it exists and serves the child's
 * province or area. Anything else is a Thai error and nothing is written.
 */
export async function partnerForChild(tx: Tx, child: Child, partnerId: string): Promise<Partner> {
  const [partner, place] = await Promise.all([tx.get<Partner>(paths.partner(partnerId)), placeOf(tx, child)]);
  if (!partner) throw new UserFacingError(400, 'ไม่พบหน่วยงานที่เลือก กรุณาเลือกหน่วยงานจากรายการ');
  if (!partnerServes(partner, place))
    throw new UserFacingError(
      400,
      `หน่วยงาน "${partner.name}" ไม่ได้ดูแลพื้นที่ของเด็กรายนี้ ` +
        `(จังหวัด${partner.province}) ` +
        `กรุณาเลือกหน่วยงานในจังหวัดของเด็ก`,
    );
  return partner;
}

/**
 * Who may manage partners: admins everywhere (province undefined), area coordinators in their area's
 * province (from the school directory; unknown until it is loaded, and then nothing is allowed).
 */
export async function partnerManager(store: Store, user: User): Promise<{ province?: string }> {
  if (user.role === 'admin') return {};
  if (user.role !== 'area_coordinator')
    throw new UserFacingError(403, 'เฉพาะผู้ดูแลระบบและผู้ประสานงานเขตพื้นที่เท่านั้นที่จัดการหน่วยงานภาคีได้');
  const school = (await store.query<School>('schools', { where: [['area', '==', user.areaCode]], limit: 1 }))[0];
  const province = provinceKey(school?.data.province);
  if (!province)
    throw new UserFacingError(409, 'ยังไม่ทราบจังหวัดของเขตพื้นที่ของคุณ: นำเข้าทำเนียบโรงเรียน (npm run schools) ก่อน');
  return { province };
}

/** The partners page's list: all (admin), or those serving the area coordinator's province and area. */
export async function listPartners(store: Store, user: User): Promise<Partner[]> {
  const { province } = await partnerManager(store, user);
  if (!province)
    return (await store.query<Partner>('partners', { limit: 2000 }))
      .map((p) => p.data)
      .sort((a, b) => a.province.localeCompare(b.province, 'th') || a.name.localeCompare(b.name, 'th'));
  return partnersServing(store, { areaCode: user.areaCode, province });
}
