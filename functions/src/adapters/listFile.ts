import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';

/** Reads a CSV or XLSX list file into row objects keyed by the header row (first sheet for XLSX). */
export function readListFile(file: string): Promise<Array<Record<string, unknown>>> {
  return parseList(fs.readFileSync(file), path.extname(file).toLowerCase());
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
