import Papa from 'papaparse';
import {
  bangkokDate,
  canManage,
  canSee,
  formatThaiDate,
  maskNationalId,
  STATUS_LABEL,
  summarize,
  type Child,
  type User,
} from '@panong/shared';
import type { Store } from '../adapters/store';
import { UserFacingError } from '../errors';
import { dashboardFor } from './stats';

export type ReportKind = 'monday' | 'friday';

/**
 * The Monday school → ESA report and the Friday ESA → OBEC report: headline numbers per unit, then
 * (for coordinators, and admins who name an area) one row per child of that area or school, IDs
 * masked, dates in the Buddhist Era. The national report is per area (245 counter documents): no
 * request ever loads the country's children.
 */
export async function weeklyReport(store: Store, user: User, kind: ReportKind, runDate: string, area?: string): Promise<{ title: string; sheets: Array<{ name: string; rows: string[][] }> }> {
  if (kind === 'friday' && user.role !== 'area_coordinator' && user.role !== 'admin') throw new UserFacingError(403, 'รายงานวันศุกร์สำหรับผู้ประสานงานเขตพื้นที่เท่านั้น');
  if (user.role === 'volunteer' || user.role === 'agency') throw new UserFacingError(403, 'บทบาทของคุณไม่มีสิทธิ์ดาวน์โหลดรายงาน');
  const date = formatThaiDate(bangkokDate(runDate));
  const view = await dashboardFor(store, user);
  const title = `${kind === 'monday' ? 'รายงานโรงเรียนถึง สพท.' : 'รายงาน สพท. ถึง สพฐ.'} ${view.scope} ณ ${date}`;
  const head = ['หน่วย', 'เป้าหมายติดตาม', 'ยังไม่ได้ติดตาม', 'พบตัว', 'ไม่พบตัว', 'กลับเข้าเรียน', 'ส่งต่อหน่วยงาน'];
  const line = (name: string, s: ReturnType<typeof summarize>) => [name, ...[s.toTrack, s.notTracked, s.found, s.notFound, s.returned, s.referred].map(String)];
  const summary = [[title], head, line(view.scope, view.summary), ...view.rows.map((r) => line(r.name, r.summary))];
  const sheets = [{ name: 'สรุป', rows: summary }];
  const listArea = user.role === 'admin' ? area : user.role === 'area_coordinator' ? user.areaCode : undefined;
  if (canManage(user) && (user.role !== 'admin' || listArea)) {
    const where = listArea ? [['areaCode', '==', listArea] as const] : [['schoolCode', '==', user.schoolCode ?? ''] as const];
    const children = (await store.query<Child>('children', { where })).map((c) => c.data).filter((c) => canSee(user, c));
    sheets.push({
      name: 'รายชื่อ',
      rows: [
        ['ลำดับ', 'เลขประจำตัวประชาชน', 'ชื่อ', 'นามสกุล', 'ชั้น', 'โรงเรียน', 'สถานะ', 'ติดตามล่าสุด'],
        ...children.map((c, i) => [String(i + 1), maskNationalId(c.nationalId), c.firstName, c.lastName, c.grade ?? '', c.schoolName, STATUS_LABEL[c.status], c.lastCheckIn ? formatThaiDate(c.lastCheckIn.at) : '']),
      ],
    });
  }
  return { title, sheets };
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe: exports are inert whatever names an imported list carried.
 */
export function inertCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** CSV (UTF-8 with BOM so Excel shows Thai) of all sheets one after another, or an XLSX workbook. */
export async function renderReport(report: Awaited<ReturnType<typeof weeklyReport>>, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const sheets = report.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map(inertCell)) }));
  if (format === 'csv') return Buffer.from('\ufeff' + sheets.map((s) => Papa.unparse(s.rows)).join('\r\n\r\n'), 'utf8');
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
