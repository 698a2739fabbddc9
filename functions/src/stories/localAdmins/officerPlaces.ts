import { placeName, sameDistrict, type Gazetteer, type Place } from '@panong/shared';
import { UserFacingError } from '../../errors';

/** `--subdistricts ทั้งหมด` (or `*`): every subdistrict of the district, for a district office. */
const ALL = new Set(['*', 'ทั้งหมด', 'all']);
export const MAX_OFFICER_PLACES = 30; // a Firestore `in` filter holds 30 values: one query per officer search

/**
 * The subdistricts an officer's invite names, resolved in the gazetteer by district and province; a name that is
 * not a subdistrict of that district is refused with its reason (never a guess).
 */
export function officerPlaces(g: Gazetteer, province: string, district: string, subdistricts: string[]): Place[] {
  const inDistrict = g.entries.filter(
    (e) => e.province === placeName(province) && sameDistrict(placeName(district), e),
  );
  if (inDistrict.length === 0)
    throw new UserFacingError(400, `ไม่พบอำเภอ "${district}" ในจังหวัด "${province}" (ตรวจชื่ออำเภอและจังหวัด)`);
  const wanted = subdistricts.some((s) => ALL.has(s)) ? inDistrict.map((e) => e.subdistrict) : subdistricts;
  if (wanted.length > MAX_OFFICER_PLACES)
    throw new UserFacingError(400, `อำเภอนี้มี ${wanted.length} ตำบล เกิน ${MAX_OFFICER_PLACES} ตำบลต่อรหัส: แบ่งเป็นหลายรหัส`);
  const missing = wanted.filter((s) => !inDistrict.some((e) => placeName(e.subdistrict) === placeName(s)));
  if (missing.length)
    throw new UserFacingError(
      400,
      `ไม่พบตำบล ${missing.map((m) => `"${m}"`).join(', ')} ในอำเภอ${inDistrict[0]!.district} จังหวัด${inDistrict[0]!.province}`,
    );
  return wanted.map((s) => {
    const {
      code,
      subdistrict,
      district: d,
      province: p,
    } = inDistrict.find((e) => placeName(e.subdistrict) === placeName(s))!;
    return { code, subdistrict, district: d, province: p };
  });
}
