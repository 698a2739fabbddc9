import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sign, textEvent, webhookBody } from '../dev/webhookEvents';
import { BENCH_SECRET } from './servers';
import { pct, round } from './stats';

const SERVERS = path.join(__dirname, 'servers.js');

/** One of servers.ts's processes (`fake-line`, `panong`, `echo`), once it listens. */
export function startServer(
  mode: string,
  env: NodeJS.ProcessEnv,
  arg?: string,
): Promise<{ url: string; line: string; proc: ChildProcess }> {
  // BENCH_PROFILE_DIR: a CPU profile of each server (written when it is stopped), to see where the time goes.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const flags = mode === 'panong' ? (process.env.BENCH_PANONG_FLAGS ?? '').split(' ').filter(Boolean) : [];
  const proc = spawn(process.execPath, [...profile, ...flags, SERVERS, mode, ...(arg ? [arg] : [])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ready (\S+)(.*)/.exec(out);
      if (m) resolve({ url: m[1]!, line: out.trim(), proc });
    });
    proc.once('exit', (code) => reject(new Error(`${mode} exited ${code}`)));
  });
}

async function post(url: string, body: string): Promise<number> {
  const t = process.hrtime.bigint();
  const res = await fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(BENCH_SECRET, body) },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const cpuMicros = async (url: string) => ((await (await fetch(`${url}/__cpu`)).json()) as { micros: number }).micros;

/** One block of requests: each one's latency, and the server's CPU time over the block (µs). */
async function block(url: string, bodies: string[], concurrency: number, cpu?: number[]): Promise<number[]> {
  const before = await cpuMicros(url);
  const lat: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) lat.push(await post(url, bodies[next++]!));
    }),
  );
  cpu?.push(((await cpuMicros(url)) - before) / bodies.length);
  return lat;
}

/**
 * Webhook acknowledgement, panong vs the bare SDK echo: the load generator (this process), the two
 * apps and the fake LINE API each in their own process; blocks of the two handlers interleaved so
 * machine noise hits both alike. `searches` is the request mix: [userId, text].
 */
export async function webhookBench(
  dataDir: string,
  searches: Array<[string, string]>,
  opts = { blocks: 8, perBlock: 200, concurrency: 16 },
) {
  const fake = await startServer('fake-line', {});
  const env = { LINE_API_ORIGIN: fake.url };
  const panong = await startServer('panong', env, dataDir);
  const body = (i: number) => {
    const [userId, text] = searches[i % searches.length]!;
    return webhookBody([textEvent({ userId, text, replyToken: `rt-${i}-${Math.random().toString(36).slice(2)}` })]);
  };
  // The first search after the store opens (index warm-up still running in the background).
  const firstSearchMs = await post(panong.url, body(3));
  const echo = await startServer('echo', env);
  try {
    let i = 0;
    const bodies = () => Array.from({ length: opts.perBlock }, () => body(i++));
    await block(panong.url, bodies(), opts.concurrency); // warm-up, not counted
    await block(echo.url, bodies(), opts.concurrency);
    const ours: number[] = [];
    const floor: number[] = [];
    const cpu = { panong: [] as number[], echo: [] as number[] };
    const cpuOf = (x: typeof panong) => (x === panong ? cpu.panong : cpu.echo);
    for (let b = 0; b < opts.blocks; b++) {
      const [x, y] = b % 2 ? [echo, panong] : [panong, echo];
      const lx = await block(x.url, bodies(), opts.concurrency, cpuOf(x));
      const ly = await block(y.url, bodies(), opts.concurrency, cpuOf(y));
      (x === panong ? ours : floor).push(...lx);
      (y === panong ? ours : floor).push(...ly);
    }
    return {
      requests: ours.length,
      concurrency: opts.concurrency,
      firstSearchMs: round(firstSearchMs, 1),
      storeOpenMs: Number(/opened-ms=(\d+)/.exec(panong.line)?.[1] ?? NaN),
      panongP50: round(pct(ours, 50)),
      panongP99: round(pct(ours, 99)),
      echoP50: round(pct(floor, 50)),
      echoP99: round(pct(floor, 99)),
      ratioP50: round(pct(ours, 50) / pct(floor, 50)),
      ratioP99: round(pct(ours, 99) / pct(floor, 99)),
      // CPU per request: the median over blocks, each server's own process time.
      panongCpuMs: round(pct(cpu.panong, 50) / 1000, 2),
      echoCpuMs: round(pct(cpu.echo, 50) / 1000, 2),
      ratioCpu: round(pct(cpu.panong, 50) / pct(cpu.echo, 50)),
    };
  } finally {
    // Gone before the caller opens DATA_DIR again (the store's owner is the panong process until it exits).
    await Promise.all(
      [panong, echo, fake].map(({ proc }) => new Promise((resolve) => (proc.once('exit', resolve), proc.kill()))),
    );
  }
}
