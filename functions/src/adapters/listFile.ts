import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';

/**
 * Reads a CSV or XLSX list file into row objects keyed by the header row (first sheet for XLSX). An XLSX file is
 * read as a stream: a national list's workbook never sits in memory whole (loaded whole, it needs over 400 MB).
 */
export async function readListFile(file: string): Promise<Array<Record<string, unknown>>> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.xlsx') return parseList(fs.readFileSync(file), ext);
  const reader = new Utf8WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    const headers: string[] = [];
    const rows: Array<Record<string, unknown>> = [];
    for await (const row of sheet) {
      if (row.number === 1) {
        row.eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = String(cell.text ?? '').trim()));
        continue;
      }
      const obj: Record<string, unknown> = {};
      headers.forEach((h, col) => h && (obj[h] = row.getCell(col).text));
      if (Object.values(obj).some((v) => v !== '')) rows.push(obj);
    }
    return rows; // the first sheet only
  }
  return [];
}

/** UTF-8 text of a stream of buffers, a character split between two chunks kept whole. */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) yield typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  yield decoder.decode();
}

/**
 * ExcelJS 4.4's streaming reader decodes each zip chunk on its own, so a Thai character split between two chunks
 * becomes U+FFFD (exceljs issues 2063, 2084, 2316; measured on a national list: 171 rows' addresses and names
 * broken). This reader hands it text decoded across chunks instead, for the shared strings and the sheets.
 */
type ReaderInternals = AsyncIterable<AsyncIterable<ExcelJS.Row>> & {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator;
};
const WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: string,
  options: Record<string, string>,
) => ReaderInternals;
class Utf8WorkbookReader extends WorkbookReader {
  override _parseSharedStrings(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }
  override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(utf8(iterator), sheetNo);
  }
}

/** Same, from bytes (an upload); `ext` is ".csv" or ".xlsx". */
export async function parseList(bytes: Buffer, ext: string): Promise<Array<Record<string, unknown>>> {
  if (ext === '.csv') {
    const text = bytes.toString('utf8').replace(/^\ufeff/, '');
    const parsed = Papa.parse<Record<string, unknown>>(text, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim(),
    });
    return parsed.data;
  }
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never); // exceljs types name an older Buffer
    const sheet = wb.worksheets[0];
    if (!sheet) return [];
    const headers: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = String(cell.text ?? '').trim()));
    const rows: Array<Record<string, unknown>> = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const obj: Record<string, unknown> = {};
      headers.forEach((h, col) => h && (obj[h] = row.getCell(col).text));
      rows.push(obj);
    });
    return rows;
  }
  throw new Error(`รองรับเฉพาะไฟล์ .csv หรือ .xlsx (ได้รับ ${ext || 'ไม่มีนามสกุลไฟล์'})`);
}
