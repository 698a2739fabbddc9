/**
 * `npm run partners -- <file.csv|file.xlsx>`: loads or updates partner agencies (the MOU networks); prints counts and
 * per-row errors.
 */
import { readListFile } from '../adapters/listFile';
import { importPartners } from '../stories/afterFound/partners';
import { cliArgs, fail, printRowErrors, withStore, runCli } from './common';

async function main() {
  const { positionals } = cliArgs({});
  const file = positionals[0] ?? fail('ระบุไฟล์: npm run partners -- <file.csv|file.xlsx>');
  const rows = await readListFile(file);
  const report = await withStore((store) => importPartners(store, rows, new Date().toISOString()));
  printRowErrors(report.errors);
  console.log(
    `อ่าน ${report.rows} แถว: เพิ่มใหม่ ${report.created} ปรับปรุง ${report.updated} ผิดพลาด ${report.errors.length}`,
  );
  if (report.errors.length > 0 && report.created + report.updated === 0) process.exit(2);
}

runCli(main);
