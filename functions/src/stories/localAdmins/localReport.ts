import {
  bangkokDate,
  canSee,
  formatThaiDate,
  maskNationalId,
  scopeFilter,
  STATUS_LABEL,
  type Child,
  type User,
} from '@panong/shared';
import type { Store } from '../../ports/store';
import { UserFacingError } from '../../errors';
import { dashboardFor } from '../reports/dashboard';
import { scopeWhere } from '../../core/units';

/** The children of an officer's subdistricts a report lists (a district office's 30 subdistricts fit). */
const REPORT_LIMIT = 5000;
const NOT_YET_FOUND: ReadonlyArray<Child['status']> = ['not_tracked', 'not_found', 'forwarded'];

/**
 * The local administration's report to the district and province (it replaces the Google Form): numbers per
 * subdistrict from the counters, then the children found and those not yet found, IDs masked, dates in the
 * Buddhist Era.
 */
export async function localReport(
  store: Store,
  user: User,
  runDate: string,
): Promise<{ title: string; sheets: Array<{ name: string; rows: string[][] }> }> {
  if (user.role !== 'local_admin') throw new UserFacingError(403, 'รายงาน อปท. สำหรับเจ้าหน้าที่ อปท. เท่านั้น');
  const where = scopeWhere(scopeFilter(user));
  const view = await dashboardFor(store, user);
  const title = `รายงานการค้นหาเด็กนอกระบบการศึกษา ${view.scope} ณ ${formatThaiDate(bangkokDate(runDate))}`;
  const summary = [
    [title],
    ['ตำบล', 'เป้าหมายค้นหา', 'ยังไม่ได้ติดตาม', 'พบตัว', 'ไม่พบตัว', 'กลับเข้าเรียน', 'ย้ายไปเขตอื่น'],
    ...[{ name: 'รวม', summary: view.summary }, ...view.rows].map((r) => [
      r.name,
      ...[
        r.summary.toTrack,
        r.summary.notTracked,
        r.summary.found,
        r.summary.notFound,
        r.summary.returned,
        r.summary.transferringOut,
      ].map(String),
    ]),
  ];
  const children = where
    ? (await store.query<Child>('children', { where, limit: REPORT_LIMIT }))
        .map((d) => d.data)
        .filter((c) => canSee(user, c))
        .sort((a, b) => (a.place?.subdistrict ?? '').localeCompare(b.place?.subdistrict ?? '', 'th'))
    : [];
  const head = ['ตำบล', 'เลขประจำตัว', 'ชื่อ-นามสกุล', 'ชั้น', 'โรงเรียน', 'สถานะ', 'ปรับปรุงล่าสุด'];
  const line = (c: Child) => [
    c.place?.subdistrict ?? '',
    maskNationalId(c.nationalId),
    `${c.firstName} ${c.lastName}`,
    c.grade ?? '',
    c.schoolName,
    STATUS_LABEL[c.status],
    formatThaiDate(bangkokDate(c.updatedAt)),
  ];
  const notYet = children.filter((c) => NOT_YET_FOUND.includes(c.status));
  const found = children.filter((c) => !NOT_YET_FOUND.includes(c.status));
  return {
    title,
    sheets: [
      { name: 'สรุปรายตำบล', rows: summary },
      { name: 'พบตัวแล้ว', rows: [head, ...found.map(line)] },
      { name: 'ยังไม่พบตัว', rows: [head, ...notYet.map(line)] },
    ],
  };
}
