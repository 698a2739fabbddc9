/**
 * `npm run remind -- monday|friday|digest|referrals [--date YYYY-MM-DD]`: runs one reminder job now (exactly once per
 * kind and date).
 */
import { z } from 'zod';
import { bangkokYmd } from '@panong/shared';
import { runReminders } from '../stories/reports/reminders';
import { realDeps } from '../wiring';
import { cliArgs, withStore, runCli } from './common';

const Args = z.object({
  kind: z.enum(['monday', 'friday', 'digest', 'referrals'], { error: 'ระบุ monday, friday, digest หรือ referrals' }),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'วันที่ต้องเป็น YYYY-MM-DD'),
});

async function main() {
  const { values, positionals } = cliArgs({ date: { type: 'string' } });
  const args = Args.parse({ kind: positionals[0], date: values.date ?? bangkokYmd(new Date()) });
  const report = await withStore((store, config) => runReminders(realDeps(config, store), args.kind, args.date));
  console.log(
    report.alreadyDone
      ? `${report.runId}: ส่งไปแล้วก่อนหน้านี้ ไม่ส่งซ้ำ`
      : `${report.runId}: ผู้รับ ${report.recipients} คน ส่งแล้ว ${report.sent} ข้ามเพราะโควตา ` +
          `${report.skippedForQuota} ล้มเหลว ${report.failed} (${report.batches} ชุด)`,
  );
  if (report.failed > 0) process.exit(2);
}

runCli(main);
