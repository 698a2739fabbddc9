/**
 * `npm run terms -- --area 5001 --ends 2026-10-09,2027-03-12`: an area's own last days of term, used for
 * its end-of-term follow-ups instead of the national calendar (31 Mar / 10 Oct). `--ends ""` removes them.
 */
import { z } from 'zod';
import { cliArgs, withStore, runCli } from './common';

const Args = z.object({
  area: z.string().regex(/^\d{2,8}$/, 'ระบุ --area <รหัสเขตพื้นที่>'),
  ends: z
    .string({ error: 'ระบุ --ends YYYY-MM-DD,YYYY-MM-DD' })
    .transform((s) =>
      s
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.iso.date({ error: 'วันที่ต้องเป็น YYYY-MM-DD' })).max(20)),
});

async function main() {
  const { values } = cliArgs({ area: { type: 'string' }, ends: { type: 'string' } });
  const args = Args.parse(values);
  await withStore((store) =>
    store.batch([
      args.ends.length
        ? { kind: 'set', path: `termCalendars/${args.area}`, data: { termEnds: [...args.ends].sort() } }
        : { kind: 'delete', path: `termCalendars/${args.area}` },
    ]),
  );
  console.log(
    args.ends.length
      ? `เขต ${args.area}: สิ้นภาคเรียน ${[...args.ends].sort().join(', ')}`
      : `เขต ${args.area}: ใช้ปฏิทินภาคเรียนกลาง`,
  );
}

runCli(main);
