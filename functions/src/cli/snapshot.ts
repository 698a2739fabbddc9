/**
 * `npm run snapshot -- [--date YYYY-MM-DD]`: stores the week's snapshot of every unit now (the Sunday job does it on
 * schedule).
 */
import { z } from 'zod';
import { bangkokYmd } from '@panong/shared';
import { takeSnapshots } from '../stories/reports/snapshots';
import { cliArgs, withStore, runCli } from './common';

async function main() {
  const { values } = cliArgs({ date: { type: 'string' } });
  const date = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'วันที่ต้องเป็น YYYY-MM-DD')
    .parse(values.date ?? bangkokYmd(new Date()));
  const report = await withStore((store) => takeSnapshots(store, date, new Date().toISOString()));
  console.log(`สัปดาห์ ${report.week}: บันทึก ${report.units} หน่วย`);
}

runCli(main);
