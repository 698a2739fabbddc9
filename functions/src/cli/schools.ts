/**
 * `npm run schools -- <file.csv|file.xlsx>`: loads or updates OBEC's school directory; prints counts and per-row
 * errors.
 */
import { readListFile } from '../adapters/listFile';
import { importSchools } from '../stories/lists/schools';

import { cliArgs, fail, printRowErrors, terminalProgress, withHeapCap, withStore, runCli } from './common';

async function main() {
  const { positionals } = cliArgs({});
  const file = positionals[0] ?? fail('ระบุไฟล์: npm run schools -- <file.csv|file.xlsx>');
  const rows = await readListFile(file);
  const t0 = Date.now();
  const progress = terminalProgress('โรงเรียน');
  const report = await withStore((store) => importSchools(store, rows, progress.update));
  progress.end();
  printRowErrors(report.errors);
  console.log(
    `อ่าน ${report.rows} แถว: เพิ่มใหม่ ${report.created} ปรับปรุง ${report.updated} ` +
      `ผิดพลาด ${report.errors.length} (${((Date.now() - t0) / 1000).toFixed(1)} วินาที)`,
  );
}

withHeapCap();
runCli(main);
