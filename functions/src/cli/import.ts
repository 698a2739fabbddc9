/** `npm run import -- <file.csv|file.xlsx>`: imports an OBEC list; prints counts and per-row errors. */
import { randomUUID } from 'node:crypto';
import { placeSummary } from '@panong/shared';
import { readListFile } from '../adapters/listFile';
import { importRows } from '../stories/lists/importList';
import { cliArgs, fail, printRowErrors, terminalProgress, withHeapCap, withStore, runCli } from './common';

async function main() {
  const { positionals } = cliArgs({});
  const file = positionals[0] ?? fail('ระบุไฟล์: npm run import -- <file.csv|file.xlsx>');
  const t0 = Date.now();
  const rows = await readListFile(file);
  const progress = terminalProgress('รายการ');
  const report = await withStore((store) =>
    importRows(
      { store, clock: () => new Date(), newId: () => randomUUID().replace(/-/g, '').slice(0, 20) },
      rows,
      progress.update,
    ),
  );
  progress.end();
  printRowErrors(report.errors);
  if (report.warnings?.length) {
    console.log(`ไม่ทราบตำบลที่อยู่ ${report.warnings.length} แถว (นำเข้าแล้ว แต่ อปท. ยังไม่เห็น):`);
    printRowErrors(report.warnings);
  }
  if (report.places) console.log(placeSummary(report.places));
  process.stderr.write(
    `เวลา ${((Date.now() - t0) / 1000).toFixed(1)} วินาที หน่วยความจำสูงสุด ` +
      `${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
  console.log(
    `อ่าน ${report.rows} แถว: เพิ่มใหม่ ${report.created} ปรับปรุง ${report.updated} ` +
      `ไม่เปลี่ยนแปลง ${report.unchanged} ผิดพลาด ${report.errors.length}`,
  );
  if (report.duplicates) console.log(`พบคู่ที่อาจเป็นเด็กคนเดียวกัน ${report.duplicates} คู่: ตรวจที่หน้า "รายการซ้ำ"`);
}

withHeapCap();
runCli(main);
