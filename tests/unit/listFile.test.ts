/**
 * A list file read as the CLI reads it: an XLSX national list is streamed, and Thai text must arrive whole even
 * where a character's bytes are split between two chunks of the zip stream (ExcelJS's own stream reader breaks
 * those into U+FFFD).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parseList, readListFile } from '../../functions/src/adapters/listFile';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-listfile-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const HEADERS = ['เลขประจำตัวประชาชน', 'ชื่อ', 'นามสกุล', 'ที่อยู่ปัจจุบัน'];
// Long Thai cells of varying length, so that chunk boundaries fall inside characters many times.
const rows = Array.from({ length: 4000 }, (_, i) => [
  String(1_100_000_000_000 + i),
  `สมชาย${'ก'.repeat(i % 7)}`,
  `วงศ์ชัยศรีสุวรรณ${i}`,
  `${i} หมู่ ${i % 15} ตำบลย่านยาว อำเภอคีรีรัฐนิคม จังหวัดสุราษฎร์ธานี ${'ๆ'.repeat(i % 5)}`,
]);
const expected = rows.map((r) => Object.fromEntries(HEADERS.map((h, i) => [h, r[i]])));

async function writeXlsx(file: string, useSharedStrings: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
  const ws = wb.addWorksheet('รายชื่อ');
  ws.addRow(HEADERS).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
}

it.each([
  ['shared strings', true],
  ['inline strings', false],
])('streams an XLSX list with %s and every Thai character whole', async (_, shared) => {
  const file = path.join(tmp, `list-${shared}.xlsx`);
  await writeXlsx(file, shared);
  const read = await readListFile(file);
  expect(read).toHaveLength(rows.length);
  expect(JSON.stringify(read)).not.toContain('\ufffd');
  expect(read).toEqual(expected);
  // The same rows as the whole-file reader the LIFF upload uses.
  expect(read).toEqual(await parseList(fs.readFileSync(file), '.xlsx'));
});
