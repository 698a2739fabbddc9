/**
 * What each deployed function's memory setting must hold: the peak RSS of its heaviest work, each in its own
 * process, on the official Firestore emulator. The national list is imported by the CLI (itself measured); then
 * `monday`: the Monday run at 15,000 schools (30,000 recipients) and `snapshot`: the weekly snapshot of every
 * unit run over it. `api`: 160 chat searches through the signed webhook (16 at once), a 500-row upload chunk and
 * the national Friday report, over a 2,000-row slice of the list spread over the country's areas: the emulator
 * scans a collection for every query (a name search over 110,755 children takes it 40 s), and what a request
 * holds does not grow with the collection (every query has a limit). Mocked: only LINE (the fake API on loopback,
 * in a process of its own: what it keeps of 30,000 sent messages is not the function's).
 * `node functions/lib/bench/memory.js <national.csv>` prints JSON; `npm run bench` runs it with its own list.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Child, User } from '@panong/shared';
import { API_MEMORY, REMINDER_MEMORY, JOB_MEMORY, mib } from '../limits';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { loadConfig } from '../config';
import { createLogger } from '../adapters/logger';
import { openFirestore, realDeps } from '../wiring';
import { FakeLine } from '../dev/fakeLine';
import { BENCH_TOKEN } from './servers';
import { startServer } from './webhook';
import { listRowOf } from '../dev/nationalList';
import { startFirestoreEmulator, useEmulatorEnv } from '../dev/firestoreEmulator';
import { sign, textEvent, webhookBody } from '../dev/webhookEvents';
import { runReminders } from '../stories/reports/reminders';
import { takeSnapshots } from '../stories/reports/snapshots';
import type { Store, Write } from '../ports/store';

const SECRET = 'memory-secret';
const CHANNEL = '1650000010';
const SCHOOLS = 15_000;
const SEARCHES = 160;
const API_SLICE = 2000;
const ADMIN = 'U0000000000000000000000memadmin0';
const TEACHER = 'U0000000000000000000000memteach0';
const peakMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * The deps of a function instance, wired as index.ts wires them (config + realDeps over Firestore), its LINE calls
 * going to a fake LINE API.
 */
async function functionDeps(): Promise<{ deps: Deps; close: () => Promise<void> }> {
  const fake = await startServer('fake-line', {});
  const store = await openFirestore();
  const config = loadConfig({
    ...process.env,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: BENCH_TOKEN,
    LINE_API_ORIGIN: fake.url,
    LINE_LOGIN_CHANNEL_ID: CHANNEL,
    LIFF_ID: 'memory',
  });
  const deps = { ...realDeps(config, store), logger: createLogger(() => undefined) };
  return { deps, close: async () => (await store.close(), void fake.proc.kill()) };
}

/** The api function's heaviest work, as its requests arrive at one instance. */
async function apiWork(deps: Deps): Promise<Record<string, number>> {
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const teacher = (await deps.store.get<User>(`users/${TEACHER}`))!;
  const kids = (await deps.store.query<Child>('children', { where: [['schoolCode', '==', teacher.schoolCode!]] })).map(
    (c) => c.data,
  );
  const names = kids.flatMap((c) => [c.firstName, c.lastName.slice(0, 3), `${c.firstName} ${c.lastName}`]);
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < SEARCHES) {
        const i = next++;
        const body = webhookBody([textEvent({ userId: TEACHER, text: names[i % names.length]!, replyToken: `m${i}` })]);
        const res = await fetch(`${url}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': sign(SECRET, body) },
          body,
        });
        if (res.status !== 200) throw new Error(`webhook ${res.status}`);
      }
    }),
  );
  const webhookSeconds = (Date.now() - t0) / 1000;
  const afterWebhook = peakMB();
  const auth = { authorization: `Bearer ${FakeLine.idToken(ADMIN, CHANNEL, new Date(Date.now() + 3600_000))}` };
  // 500 listed children with a new guardian phone: every row an update (reads, writes, duplicate flagging).
  const listed = (await deps.store.query<Child>('children', { limit: 500 })).map((c) => c.data);
  const rows = listed.map((c, i) => ({
    ...listRowOf(c),
    current_address: c.currentAddress ?? '',
    guardian_phone: `08${String(10_000_000 + i)}`,
  }));
  const chunk = await fetch(`${url}/api/admin/import/chunks`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ importId: 'memorybench01', chunk: 0, chunks: 1, firstRow: 2, rows }),
  });
  if (chunk.status !== 200) throw new Error(`upload chunk ${chunk.status}: ${await chunk.text()}`);
  const uploaded = (await chunk.json()) as { updated?: number };
  const report = await fetch(`${url}/api/reports/weekly?kind=friday&format=xlsx`, { headers: auth });
  if (report.status !== 200) throw new Error(`national report ${report.status}`);
  const reportBytes = (await report.arrayBuffer()).byteLength;
  server.close();
  return { webhookSeconds, peakAfterWebhookMB: afterWebhook, uploadUpdated: uploaded.updated ?? 0, reportBytes };
}

async function worker(kind: string): Promise<void> {
  const { deps, close } = await functionDeps();
  const t0 = Date.now();
  let detail: Record<string, number> = {};
  if (kind === 'api') detail = await apiWork(deps);
  else if (kind === 'monday') {
    const r = await runReminders(deps, 'monday', '2027-01-04');
    detail = { sent: r.sent, failed: r.failed };
  } else if (kind === 'seed') {
    const [any] = await deps.store.query<Child>('children', { limit: 1 });
    await seedUsers(deps.store, any!.data.areaCode, any!.data.schoolCode);
  } else if (kind === 'snapshot') detail = { units: (await takeSnapshots(deps.store, '2027-01-03', '')).units };
  else throw new Error(`unknown work ${kind}`);
  console.log(JSON.stringify({ ...detail, seconds: (Date.now() - t0) / 1000, peakMB: peakMB() }));
  await close();
}

/** Officers of the Monday run: a coordinator and a teacher in each of 15,000 schools, plus the api's two users. */
async function seedUsers(store: Store, areaCode: string, schoolCode: string): Promise<void> {
  const writes: Write[] = [
    { kind: 'set', path: `users/${ADMIN}`, data: { id: ADMIN, role: 'admin', areaCode, registeredAt: '2026-11-01' } },
    {
      kind: 'set',
      path: `users/${TEACHER}`,
      data: { id: TEACHER, role: 'teacher', areaCode, schoolCode, registeredAt: '2026-11-01' },
    },
  ];
  for (let i = 0; i < SCHOOLS; i++) {
    const code = `9${String(i).padStart(7, '0')}`;
    writes.push({
      kind: 'set',
      path: `stats/school_${code}`,
      data: {
        level: 'school',
        schoolCode: code,
        areaCode,
        name: `โรงเรียน ${i}`,
        total: 8 + (i % 20),
        not_tracked: i % 9,
      },
    });
    for (const k of [0, 1]) {
      const id = `U${code}${k}`.padEnd(33, 'c');
      writes.push({
        kind: 'set',
        path: `users/${id}`,
        data: {
          id,
          role: k ? 'teacher' : 'school_coordinator',
          areaCode,
          schoolCode: code,
          registeredAt: '2026-11-01',
        },
      });
    }
  }
  for (let i = 0; i < writes.length; i += 500) await store.batch(writes.slice(i, i + 500));
}

function run(args: string[], env: NodeJS.ProcessEnv): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return r;
}

/** One function's work in its own process: its figures, the setting it runs under and the headroom left. */
function measureWork(kind: string, setting: Parameters<typeof mib>[0], env: NodeJS.ProcessEnv) {
  const figures = JSON.parse(run([__filename, 'work', kind], env).stdout.trim().split('\n').at(-1)!) as Record<
    string,
    number
  >;
  const headroom = 1 - (figures.peakMB! * 1e6) / (mib(setting) * 2 ** 20);
  return Object.fromEntries([
    ...Object.entries(figures).map(([k, v]) => [`${kind}.${k}`, v]),
    [`${kind}.settingMiB`, mib(setting)],
    [`${kind}.headroom`, `${Math.round(100 * headroom)} %`],
  ]);
}

/** Imports a list file by the CLI into the emulator in `env`: its seconds and peak MB. */
function importCli(file: string, env: NodeJS.ProcessEnv): { seconds: number; peakMB: number } {
  const m = /เวลา ([\d.]+) วินาที หน่วยความจำสูงสุด (\d+) MB/.exec(
    run([path.resolve(__dirname, '..', 'cli', 'import.js'), file], env).stderr,
  );
  return { seconds: Number(m?.[1] ?? NaN), peakMB: Number(m?.[2] ?? NaN) };
}

/** Measures the CLI import of `csv` and each function's heaviest work, on fresh emulators. */
export async function memoryBench(csv: string): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const onEmulator = async (project: string, fn: (env: NodeJS.ProcessEnv) => Promise<void>) => {
    const emulator = await startFirestoreEmulator();
    try {
      const env: NodeJS.ProcessEnv = { STORE: 'firestore', GOOGLE_CLOUD_PROJECT: project };
      useEmulatorEnv(emulator.host, env);
      await fn(env);
    } finally {
      await emulator.stop();
    }
  };
  await onEmulator('demo-memory-national', async (env) => {
    const imported = importCli(csv, env);
    Object.assign(out, { importSeconds: imported.seconds, importPeakMB: imported.peakMB });
    run([__filename, 'work', 'seed'], env);
    Object.assign(out, measureWork('monday', REMINDER_MEMORY, env), measureWork('snapshot', JOB_MEMORY, env));
  });
  await onEmulator('demo-memory-api', async (env) => {
    // Every 55th row: a slice over the whole country (its areas, schools and names), not one corner of it.
    const lines = fs.readFileSync(csv, 'utf8').split('\n');
    const step = Math.max(1, Math.floor((lines.length - 1) / API_SLICE));
    const slice = path.join(path.dirname(csv), 'api-slice.csv');
    fs.writeFileSync(slice, [lines[0], ...lines.slice(1).filter((l, i) => l && i % step === 0)].join('\n'));
    importCli(slice, env);
    run([__filename, 'work', 'seed'], env);
    Object.assign(out, measureWork('api', API_MEMORY, env));
  });
  return out;
}

if (require.main === module) {
  const [mode, arg] = process.argv.slice(2);
  const done = mode === 'work' ? worker(arg!) : memoryBench(mode!).then((r) => console.log(JSON.stringify(r, null, 1)));
  done.then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
