/** `npm run import -- <file.csv|file.xlsx>`: imports an OBEC list; prints counts and per-row errors. */
import { randomUUID } from 'node:crypto';
import { readListFile } from '../adapters/listFile';
import { importRows } from '../usecases/importList';
import { cliArgs, fail, withHeapCap, withStore } from './common';

const SHOWN_ERRORS = 200;

async function main() {
  const { positionals } = cliArgs({});
  const file = positionals[0] ?? fail('ระบุไฟล์: npm run import -- <file.csv|file.xlsx>');
  const t0 = Date.now();
  const rows = await readListFile(file);
  const report = await withStore((store) =>
    importRows({ store, clock: () => new Date(), newId: () => randomUUID().replace(/-/g, '').slice(0, 20) }, rows, (done, total) => {
      // Progress on a terminal, every 1,000 rows (a log file gets only the summary).
      if (process.stderr.isTTY && (done % 1000 === 0 || done === total)) process.stderr.write(`\rบันทึก ${done.toLocaleString()} / ${total.toLocaleString()} รายการ`);
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const e of report.errors.slice(0, SHOWN_ERRORS)) console.log(`แถว ${e.row}: ${e.message}`);
  if (report.errors.length > SHOWN_ERRORS) console.log(`… และอีก ${report.errors.length - SHOWN_ERRORS} แถว`);
  process.stderr.write(`เวลา ${((Date.now() - t0) / 1000).toFixed(1)} วินาที หน่วยความจำสูงสุด ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
  console.log(`อ่าน ${report.rows} แถว: เพิ่มใหม่ ${report.created} ปรับปรุง ${report.updated} ไม่เปลี่ยนแปลง ${report.unchanged} ผิดพลาด ${report.errors.length}`);
}

withHeapCap();
main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
