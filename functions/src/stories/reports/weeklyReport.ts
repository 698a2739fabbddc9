import Papa from 'papaparse';
import {
  bangkokDate,
  canManage,
  endOfBangkokDay,
  LIST_GROUP_LABEL,
  LIST_GROUPS,
  REFERRAL_STATE_LABEL,
  SCREENING_GROUPS,
  SCREENING_LABEL,
  roundsIn,
  summarizeSegment,
  type Partner,
  canSee,
  formatThaiDate,
  maskNationalId,
  percentOf,
  STATUS_LABEL,
  type summarize,
  type Child,
  type OpenWork,
  type User,
} from '@panong/shared';
import type { Store } from '../../ports/store';
import { mapConcurrent } from '../../core/retry';
import { UserFacingError } from '../../errors';
import { unitOf, unitWhere } from '../../core/units';
import { openWork } from './openWork';
import type { StatsDoc } from '../../core/counters';
import { dashboardFor } from './dashboard';
import { workerLoads } from './workers';
import { changeSinceLastWeek } from './snapshots';
import { paths } from '../../core/documents';

export type ReportKind = 'monday' | 'friday';

/** The most field workers a report lists (one user read each). */
const REPORT_WORKERS = 1000;

/**
 * The Monday school → ESA report and the Friday ESA → OBEC report: headline numbers per unit, then
 * (for coordinators, and admins who name an area) one row per child of that area or school, IDs
 * masked, dates in the Buddhist Era. The national report is per area (245 counter documents): no
 * request ever loads the country's children.
 */
export async function weeklyReport(
  store: Store,
  user: User,
  kind: ReportKind,
  runDate: string,
  area?: string,
): Promise<{ title: string; sheets: Array<{ name: string; rows: string[][] }> }> {
  if (kind === 'friday' && user.role !== 'area_coordinator' && user.role !== 'admin')
    throw new UserFacingError(403, 'รายงานวันศุกร์สำหรับผู้ประสานงานเขตพื้นที่เท่านั้น');
  if (user.role === 'volunteer' || user.role === 'agency')
    throw new UserFacingError(403, 'บทบาทของคุณไม่มีสิทธิ์ดาวน์โหลดรายงาน');
  if (user.role === 'local_admin') throw new UserFacingError(403, 'เจ้าหน้าที่ อปท. ใช้ "รายงาน อปท." (kind=local)');
  const date = formatThaiDate(bangkokDate(runDate));
  const view = await dashboardFor(store, user);
  const title = `${kind === 'monday' ? 'รายงานโรงเรียนถึง สพท.' : 'รายงาน สพท. ถึง สพฐ.'} ${view.scope} ณ ${date}`;
  const units = [
    { name: view.scope, summary: view.summary, code: '', level: '' },
    ...view.rows.map((r) => ({ ...r, level: user.role === 'admin' ? 'area' : 'school' })),
  ];
  const now = endOfBangkokDay(runDate);
  // Overdue referrals and due follow-ups: counted only for units whose counters show open work.
  const work = await mapConcurrent(
    units.map((u, i) => ({ ...u, i })),
    20,
    ({ i, ...u }) => {
      return openWork(
        store,
        unitWhere(u.code ? `${u.level}_${u.code}` : (unitOf(user) ?? 'national')),
        now,
        runDate,
        view.raw[i],
      );
    },
  );
  const head = [
    'หน่วย',
    'เป้าหมายติดตาม',
    'ยังไม่ได้ติดตาม',
    'พบตัว',
    'ไม่พบตัว',
    'กลับเข้าเรียน',
    'ส่งต่อหน่วยงาน',
    'ยังเรียนอยู่ (ติดตามล่าสุด)',
    'หลุดซ้ำ',
    ...AFTER_FOUND_HEAD,
    'ส่งต่อเกินกำหนด',
    'ติดตามครบกำหนด',
    'แผนช่วยเหลือถึงกำหนด',
    'พบตัวแต่ยังไม่มีแผน',
    'เยี่ยมครั้งแรกภายใน (มัธยฐาน วัน)',
    'เยี่ยมครั้งแรกภายใน (90% วัน)',
    'พบตัว → กลับเข้าเรียน (%)',
    'กลับเข้าเรียน → ยังเรียนอยู่ (%)',
  ];
  const line = (name: string, s: ReturnType<typeof summarize>, raw: StatsDoc | undefined, w: OpenWork) => [
    name,
    ...[
      s.toTrack,
      s.notTracked,
      s.found,
      s.notFound,
      s.returned,
      s.referred,
      s.stillAttending,
      s.reDropouts,
      ...afterFoundCells(raw ?? {}),
      w.overdue,
      w.followUpsDue,
      w.planActionsDue,
      s.withoutPlan,
      s.firstVisitMedianDays ?? '',
      s.firstVisitP90Days ?? '',
      percentOf(s.returned, s.found) ?? '',
      percentOf(s.stillAttending, s.returned) ?? '',
    ].map(String),
  ];
  const unit = unitOf(user);
  const since = unit ? await changeSinceLastWeek(store, unit, view.summary, runDate) : undefined;
  const summary = [
    [title],
    ...(since ? [[since]] : []),
    head,
    ...units.map((u, i) => line(u.name, u.summary, view.raw[i], work[i]!)),
  ];
  const byGroup = [['หน่วย', 'กลุ่ม / รอบ', 'เป้าหมายติดตาม', 'ยังไม่ได้ติดตาม', 'พบตัว', 'ไม่พบตัว', 'กลับเข้าเรียน', 'หลุดซ้ำ']];
  for (const [i, u] of units.entries()) {
    const raw = (view.raw[i] ?? {}) as Record<string, unknown>;
    const segments: Array<[string, string]> = [
      ...LIST_GROUPS.map((g): [string, string] => [`g_${g}_`, LIST_GROUP_LABEL[g]]),
      ...roundsIn(raw).map((r): [string, string] => [`r_${r}_`, `รอบ ${r.replace('_', '/')}`]),
    ];
    for (const [prefix, label] of segments) {
      const s = summarizeSegment(raw, prefix);
      if (s.toTrack)
        byGroup.push([
          u.name,
          label,
          ...[s.toTrack, s.notTracked, s.found, s.notFound, s.returned, s.reDropouts].map(String),
        ]);
    }
  }
  const sheets = [
    { name: 'สรุป', rows: summary },
    { name: 'แยกตามกลุ่มและรอบ', rows: byGroup },
    { name: 'ส่งต่อตามหน่วยงาน', rows: await referralsByPartner(store, units, view.raw) },
  ];
  // Colleagues' loads are the coordinators' to see, as on the dashboard (a teacher's report has no such sheet).
  if (canManage(user))
    sheets.push({
      name: 'งานค้างรายผู้ปฏิบัติงาน',
      rows: [
        ['ผู้ปฏิบัติงาน', 'บทบาท', 'เด็กที่ยังต้องติดตาม (ยังไม่ได้ติดตาม / พบตัว / ไม่พบตัว)'],
        ...(await workerLoads(store, view.raw[0] ?? {}, REPORT_WORKERS)).map((w) => [w.name, w.role, String(w.open)]),
      ],
    });
  const listArea = user.role === 'admin' ? area : user.role === 'area_coordinator' ? user.areaCode : undefined;
  if (canManage(user) && (user.role !== 'admin' || listArea)) {
    const where = listArea
      ? [['areaCode', '==', listArea] as const]
      : [['schoolCode', '==', user.schoolCode ?? ''] as const];
    const children = (await store.query<Child>('children', { where }))
      .map((c) => c.data)
      .filter((c) => canSee(user, c));
    sheets.push({
      name: 'รายชื่อ',
      rows: [
        ['ลำดับ', 'เลขประจำตัวประชาชน', 'ชื่อ', 'นามสกุล', 'ชั้น', 'โรงเรียน', 'สถานะ', 'ติดตามล่าสุด'],
        ...children.map((c, i) => [
          String(i + 1),
          maskNationalId(c.nationalId),
          c.firstName,
          c.lastName,
          c.grade ?? '',
          c.schoolName,
          STATUS_LABEL[c.status],
          c.lastCheckIn ? formatThaiDate(c.lastCheckIn.at) : '',
        ]),
      ],
    });
  }
  return { title, sheets };
}

const REFERRAL_COLUMNS = ['sent', 'accepted', 'in_progress', 'declined', 'closed'] as const;
const PARTNER_COUNTER = new RegExp(`^rp_(.+)_(${REFERRAL_COLUMNS.join('|')})$`);
const AFTER_FOUND_HEAD = [
  'ส่งต่อ: รอตอบรับ',
  'ส่งต่อ: รับแล้ว',
  'ส่งต่อ: กำลังดำเนินการ',
  'ส่งต่อ: ปฏิเสธ',
  'ส่งต่อ: ปิดแล้ว',
  'ติดตามหลังกลับ: รอ',
  'ติดตามหลังกลับ: แล้ว',
  ...SCREENING_GROUPS.map((g) => `คัดกรอง: ${SCREENING_LABEL[g]}`),
];
const afterFoundCells = (raw: StatsDoc) => {
  const n = (f: string) => Number((raw as Record<string, unknown>)[f] ?? 0);
  return [
    ...REFERRAL_COLUMNS.map((st) => n(`ref_${st}`)),
    n('fu_open'),
    n('fu_done'),
    ...SCREENING_GROUPS.map((g) => n(`scr_${g}`)),
  ];
};

/** One row per unit and partner from the `rp_<partner>_<state>` counters, partners named from the directory. */
async function referralsByPartner(store: Store, units: Array<{ name: string }>, raw: StatsDoc[]): Promise<string[][]> {
  const per = units.map((_, i) => {
    const m = new Map<string, Record<string, number>>();
    for (const [k, v] of Object.entries((raw[i] ?? {}) as Record<string, unknown>)) {
      const hit = PARTNER_COUNTER.exec(k);
      if (hit && typeof v === 'number') m.set(hit[1]!, { ...(m.get(hit[1]!) ?? {}), [hit[2]!]: v });
    }
    return m;
  });
  const ids = [...new Set(per.flatMap((m) => [...m.keys()]))];
  const partners = await store.getMany<Partner>(ids.map((id) => paths.partner(id)));
  const nameOf = new Map(ids.map((id, i) => [id, partners[i]?.name ?? id]));
  return [
    ['หน่วย', 'หน่วยงานภาคี', ...REFERRAL_COLUMNS.map((st) => REFERRAL_STATE_LABEL[st])],
    ...units.flatMap((u, i) =>
      [...per[i]!].map(([id, c]) => [u.name, nameOf.get(id)!, ...REFERRAL_COLUMNS.map((st) => String(c[st] ?? 0))]),
    ),
  ];
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe: exports are inert whatever names an imported list carried.
 */
export function inertCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** CSV (UTF-8 with BOM so Excel shows Thai) of all sheets one after another, or an XLSX workbook. */
export async function renderReport(
  report: Awaited<ReturnType<typeof weeklyReport>>,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const sheets = report.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => r.map(inertCell)) }));
  if (format === 'csv') return Buffer.from('\ufeff' + sheets.map((s) => Papa.unparse(s.rows)).join('\r\n\r\n'), 'utf8');
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
