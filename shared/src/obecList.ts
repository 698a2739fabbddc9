import { z } from 'zod';
import { G_CODE, isValidNationalId, normalizeIdentifier } from './nationalId';
import { toArabicDigits } from './thaiText';
import { ListGroupCell, RoundCell } from './groups';
import { CAUSE_LABEL, CAUSES } from './status';

/** Rows per request when the LIFF page uploads a list: far below Functions' body, memory and time limits. */
export const IMPORT_CHUNK_ROWS = 500;

/** Canonical columns of an OBEC out-of-school list (see DESIGN.md), with the Thai headers seen in OBEC files. */
export const OBEC_COLUMNS = {
  national_id: ['เลขประจำตัวประชาชน', 'เลขบัตรประชาชน', 'เลขประจำตัวประชาชน 13 หลัก'],
  student_id: ['รหัสนักเรียน', 'เลขประจำตัวนักเรียน'],
  first_name: ['ชื่อ'],
  last_name: ['นามสกุล'],
  grade: ['ชั้น', 'ระดับชั้น'],
  school_code: ['รหัสโรงเรียน'],
  school_name: ['ชื่อโรงเรียน', 'โรงเรียน'],
  area_code: ['รหัสเขตพื้นที่', 'รหัส สพท.', 'รหัสสพท'],
  area_name: ['ชื่อเขตพื้นที่', 'เขตพื้นที่', 'สพท.'],
  current_address: ['ที่อยู่ปัจจุบัน'],
  registered_address: ['ที่อยู่ตามทะเบียนบ้าน'],
  guardian_name: ['ชื่อผู้ปกครอง', 'ผู้ปกครอง'],
  guardian_phone: ['เบอร์โทรผู้ปกครอง', 'โทรศัพท์ผู้ปกครอง', 'เบอร์โทรศัพท์ผู้ปกครอง'],
  group: ['กลุ่ม'],
  round: ['รอบ'],
  previous_id: ['เลขประจำตัวเดิม', 'รหัส G เดิม'],
  subdistrict: ['ตำบล', 'แขวง', 'ตำบล/แขวง'],
  district: ['อำเภอ', 'เขต', 'อำเภอ/เขต'],
  province: ['จังหวัด'],
  cause: ['สาเหตุ', 'สาเหตุที่เสี่ยงหลุด'],
} as const;
export type ObecColumn = keyof typeof OBEC_COLUMNS;

const clean = (h: string) =>
  toArabicDigits(h.replace(/^\ufeff/, ''))
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

/**
 * A header reader for a list with these canonical columns (each with its Thai names): BOM, spaces and case tolerated.
 */
export function headerReader<C extends string>(
  columns: Record<C, readonly string[]>,
): (header: string) => C | undefined {
  const byHeader = new Map<string, C>(
    Object.entries<readonly string[]>(columns).flatMap(([col, thai]) =>
      [col, ...thai].map((h): [string, C] => [clean(h), col as C]),
    ),
  );
  return (header) => byHeader.get(clean(header));
}

export interface RowError {
  row: number;
  message: string;
}

/** One row of a list file parsed by `schema`, its headers mapped to canonical columns. */
export function parseListRow<C extends string, T>(
  raw: Record<string, unknown>,
  columnOf: (header: string) => C | undefined,
  schema: z.ZodType<T>,
): ReturnType<z.ZodType<T>['safeParse']> {
  const canonical: Record<string, unknown> = {};
  for (const [h, v] of Object.entries(raw)) {
    const col = columnOf(h);
    if (col) canonical[col] = v;
  }
  return schema.safeParse(canonical);
}

/**
 * Validates the rows of a list file on their own: headers mapped to canonical columns, each row
 * parsed by `schema` (a bad row is reported with its Thai messages, not fatal), and only the first row
 * of each `key` kept (later ones are "duplicate of row N"). `firstRow` is the file row of rawRows[0].
 * `keep` chooses what is kept of a valid row (a large list keeps a little and parses its rows again later).
 */
export function readListRows<C extends string, T, K = T>(
  rawRows: ReadonlyArray<Record<string, unknown>>,
  columnOf: (header: string) => C | undefined,
  schema: z.ZodType<T>,
  key: (row: T) => string,
  duplicateOf: (row: number) => string,
  firstRow = 2,
  keep: (row: T) => K = (row) => row as unknown as K,
): { rows: K[]; errors: RowError[]; rowNumbers: number[] } {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const rows: K[] = [];
  const rowNumbers: number[] = [];
  rawRows.forEach((raw, i) => {
    const row = firstRow + i;
    const parsed = parseListRow(raw, columnOf, schema);
    if (!parsed.success)
      return void errors.push({ row, message: [...new Set(parsed.error.issues.map((x) => x.message))].join('; ') });
    const earlier = seen.get(key(parsed.data));
    if (earlier) errors.push({ row, message: duplicateOf(earlier) });
    else {
      seen.set(key(parsed.data), row);
      rows.push(keep(parsed.data));
      rowNumbers.push(row);
    }
  });
  return { rows, errors, rowNumbers };
}

/** Maps a file header (Thai or English, BOM and stray spaces tolerated) to a canonical column. */
export const columnOf = headerReader(OBEC_COLUMNS);

/**
 * Names and addresses end up in chat cards and in spreadsheets: control characters are refused, and
 * so is a leading =, +, - or @ (a spreadsheet would run the cell as a formula).
 */
const safeText = (s: z.ZodString) =>
  s
    .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/.test(v), 'มีอักขระควบคุมที่ไม่อนุญาต')
    .refine((v) => !/^[=+\-@]/.test(v), 'ขึ้นต้นด้วย = + - หรือ @ ไม่ได้ (อาจเป็นสูตรในสเปรดชีต)');
export const text = (max: number) =>
  z.preprocess(
    (v) =>
      v === null || v === undefined ? undefined : toArabicDigits(String(v)).trim().replace(/\s+/g, ' ') || undefined,
    safeText(z.string().max(max)).optional(),
  );
export const required = (max: number, message: string) =>
  z.preprocess(
    (v) => (v === null || v === undefined ? '' : toArabicDigits(String(v)).trim().replace(/\s+/g, ' ')),
    safeText(z.string().min(1, message).max(max)),
  );
export const digits = (v: unknown) =>
  v === null || v === undefined ? '' : toArabicDigits(String(v)).replace(/[\s-]/g, '');

export const ObecRowSchema = z.object({
  // A national ID (checksum) or a G-code, each with its own Thai error.
  national_id: z.preprocess(
    (v) => normalizeIdentifier(digits(v)),
    z
      .string()
      .refine((v) => !v.startsWith('G') || G_CODE.test(v), 'รหัส G ไม่ถูกต้อง (ตัว G ตามด้วยตัวเลข 12 หลัก)')
      .refine((v) => v.startsWith('G') || isValidNationalId(v), 'เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลักและเลขตรวจสอบ)'),
  ),
  student_id: text(20),
  first_name: required(100, 'ไม่มีชื่อ'),
  last_name: required(100, 'ไม่มีนามสกุล'),
  grade: text(30),
  school_code: z.preprocess(digits, z.string().regex(/^\d{6,10}$/, 'รหัสโรงเรียนไม่ถูกต้อง')),
  school_name: required(200, 'ไม่มีชื่อโรงเรียน'),
  area_code: z.preprocess(digits, z.string().regex(/^\d{2,8}$/, 'รหัสเขตพื้นที่ไม่ถูกต้อง')),
  area_name: required(200, 'ไม่มีชื่อเขตพื้นที่'),
  current_address: text(500),
  registered_address: text(500),
  guardian_name: text(200),
  guardian_phone: z.preprocess(
    (v) => digits(v).replace(/^\+?66/, '0') || undefined,
    z
      .string()
      .regex(/^0\d{8,9}$/, 'เบอร์โทรผู้ปกครองไม่ถูกต้อง')
      .optional(),
  ),
  group: ListGroupCell,
  round: RoundCell,
  /** The G-code the child had before a national ID was issued: the row joins that case. */
  previous_id: z.preprocess(
    (v) => normalizeIdentifier(digits(v)) || undefined,
    z.string().regex(G_CODE, 'เลขประจำตัวเดิมต้องเป็นรหัส G (ตัว G ตามด้วยตัวเลข 12 หลัก)').optional(),
  ),
  /** Where the child lives, when the list says it in columns (else it is read from the addresses). */
  subdistrict: text(100),
  district: text(100),
  province: text(100),
  /** Why a child is at risk of dropping out (a local administration's survey): a cause code or its Thai label. */
  cause: z.preprocess((v) => {
    const s = v === null || v === undefined ? '' : String(v).trim();
    return s === '' ? undefined : (CAUSES.find((c) => c === s || CAUSE_LABEL[c] === s) ?? s);
  }, z.enum(CAUSES, { error: `สาเหตุต้องเป็นหนึ่งใน ${CAUSES.map((c) => CAUSE_LABEL[c]).join(', ')}` }).optional()),
});
export type ObecRow = z.infer<typeof ObecRowSchema>;

/** A row of a local administration's at-risk survey: the list's columns, and the cause is required. */
export const SurveyRowSchema = ObecRowSchema.refine((r) => r.cause !== undefined, {
  message: 'กรุณาระบุสาเหตุที่เด็กเสี่ยงหลุดจากระบบ',
  path: ['cause'],
});
