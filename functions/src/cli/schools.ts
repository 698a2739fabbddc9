/** `npm run schools -- <file.csv|file.xlsx>`: loads or updates OBEC's school directory; prints counts and per-row errors. */
import { readListFile } from '../adapters/listFile';
import { importSchools } from '../usecases/schools';
import { cliArgs, fail, withHeapCap, withStore } from './common';

const SHOWN_ERRORS = 200;

async function main() {
  const { positionals } = cliArgs({});
  const file = positionals[0] ?? fail('ระบุไฟล์: npm run schools -- <file.csv|file.xlsx>');
  const rows = await readListFile(file);
  const t0 = Date.now();
  const report = await withStore((store) =>
    importSchools(store, rows, (done, total) => process.stderr.isTTY && process.stderr.write(`\rบันทึก ${done.toLocaleString()} / ${total.toLocaleString()} โรงเรียน`)),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const e of report.errors.slice(0, SHOWN_ERRORS)) console.log(`แถว ${e.row}: ${e.message}`);
  if (report.errors.length > SHOWN_ERRORS) console.log(`… และอีก ${report.errors.length - SHOWN_ERRORS} แถว`);
  console.log(`อ่าน ${report.rows} แถว: เพิ่มใหม่ ${report.created} ปรับปรุง ${report.updated} ผิดพลาด ${report.errors.length} (${((Date.now() - t0) / 1000).toFixed(1)} วินาที)`);
}

withHeapCap();
main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
