/**
 * `npm run bench`: prints a table and writes bench/results.json. Everything runs on loopback:
 * the app on a real HTTP port, the real LINE SDK client against the fake LINE API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { messagingApi, middleware } from '@line/bot-sdk';
import type { Child, User } from '@panong/shared';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { EmbeddedStore } from '../adapters/embeddedStore';
import { lineIdTokenVerifier } from '../adapters/idToken';
import { lineClient } from '../adapters/line';
import { createLogger } from '../adapters/logger';
import type { Query, Store, Tx } from '../adapters/store';
import { addChildren } from '../usecases/children';
import { recordCheckIn } from '../usecases/checkIn';
import { runReminders } from '../usecases/reminders';
import { importRows } from '../usecases/importList';
import { readListFile } from '../adapters/listFile';
import { searchChildren } from '../usecases/search';
import { dashboardFor } from '../usecases/stats';
import { DEMO_USERS, syntheticChildren } from '../dev/demoData';
import { FakeLine } from '../dev/fakeLine';
import { sign, textEvent, webhookBody } from '../dev/webhookEvents';
import { coldStart } from './coldStart';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 110_755);
const WEBHOOK_REQUESTS = Number(process.env.BENCH_WEBHOOKS ?? 3000);
const CONCURRENCY = 16;
const SECRET = 'bench-secret';
const TOKEN = 'bench-token';

const results: Record<string, Record<string, number | string>> = {};
const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Counts documents written (and read) through the Store port. */
function counting(store: Store) {
  const n = { reads: 0, writes: 0 };
  const wrapTx = (tx: Tx): Tx => ({
    get: (p) => (n.reads++, tx.get(p)),
    query: async <T,>(c: string, q: Query) => {
      const r = await tx.query<T>(c, q);
      n.reads += Math.max(1, r.length);
      return r;
    },
    set: (p, d, o) => (n.writes++, tx.set(p, d, o)),
    create: (p, d) => (n.writes++, tx.create(p, d)),
    update: (p, d) => (n.writes++, tx.update(p, d)),
    delete: (p) => (n.writes++, tx.delete(p)),
  });
  const wrapped: Store = {
    get: (p) => (n.reads++, store.get(p)),
    getMany: (ps) => ((n.reads += ps.length), store.getMany(ps)),
    query: async <T,>(c: string, q?: Query) => {
      const r = await store.query<T>(c, q);
      n.reads += Math.max(1, r.length);
      return r;
    },
    count: (c, w) => (n.reads++, store.count(c, w)),
    transaction: (fn) => store.transaction((tx) => fn(wrapTx(tx))),
    batch: (w) => ((n.writes += w.length), store.batch(w)),
    close: () => store.close(),
  };
  return { store: wrapped, n };
}

async function listen(app: express.Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

async function load(url: string, bodies: string[]): Promise<{ latencies: number[]; seconds: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t = process.hrtime.bigint();
        const res = await fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': sign(SECRET, body) }, body });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        latencies.push(ms(process.hrtime.bigint() - t));
      }
    }),
  );
  return { latencies, seconds: ms(process.hrtime.bigint() - start) / 1000, errors };
}

async function main() {
  const fake = new FakeLine(TOKEN);
  const origin = await fake.listen();
  const base = new EmbeddedStore();
  const { store, n } = counting(base);
  const deps: Deps = {
    store,
    line: lineClient({ channelAccessToken: TOKEN, origin }),
    verifyIdToken: lineIdTokenVerifier({ origin, channelId: '1', now: () => new Date() }),
    clock: () => new Date(),
    newId: () => Math.random().toString(36).slice(2),
    logger: createLogger(() => undefined),
    liffId: 'bench-liff',
    loginChannelId: '1',
    channelSecret: SECRET,
  };

  // ---- cold start: module load of the deployed entry, in fresh processes ----
  results.coldStart = coldStart();

  // ---- load 110,755 children ----
  const children = syntheticChildren(CHILDREN, 1);
  const volunteer = DEMO_USERS[0]!;
  children.filter((c) => c.schoolCode === volunteer.schoolCode).slice(0, 30).forEach((c) => c.assigneeIds.push(volunteer.id));
  let t = process.hrtime.bigint();
  await addChildren(base, children);
  await base.batch(DEMO_USERS.map((u) => ({ kind: 'set' as const, path: `users/${u.id}`, data: { ...u } })));
  results.load = { children: CHILDREN, seconds: round(ms(process.hrtime.bigint() - t) / 1000), heapMB: round(process.memoryUsage().heapUsed / 2 ** 20, 0) };

  // ---- search latency ----
  const teacher = DEMO_USERS[1]! as User;
  const admin = DEMO_USERS[4]! as User;
  const sample = children.filter((c) => c.schoolCode === teacher.schoolCode).slice(0, 500);
  await searchChildren(store, teacher, sample[0]!.firstName.slice(0, 3)); // build indexes once
  const timeIt = async (fn: (i: number) => Promise<unknown>, times: number) => {
    const lat: number[] = [];
    for (let i = 0; i < times; i++) {
      const s = process.hrtime.bigint();
      await fn(i);
      lat.push(ms(process.hrtime.bigint() - s));
    }
    return { p50: round(pct(lat, 50), 3), p99: round(pct(lat, 99), 3) };
  };
  results.searchById = await timeIt((i) => searchChildren(store, teacher, sample[i % sample.length]!.nationalId), 500);
  results.searchByNamePrefixSchool = await timeIt((i) => searchChildren(store, teacher, [...sample[i % sample.length]!.firstName].slice(0, 3).join('')), 500);
  results.searchByNamePrefixNational = await timeIt((i) => searchChildren(store, admin, [...sample[i % sample.length]!.firstName].slice(0, 3).join('')), 200);

  // ---- check-in latency and writes ----
  const targets = children.filter((c) => c.schoolCode === teacher.schoolCode).slice(100, 600) as Child[];
  const before = { ...n };
  results.checkIn = await timeIt(
    (i) => recordCheckIn(deps, teacher, targets[i]!.id, { idempotencyKey: `bench-checkin-${String(i).padStart(8, '0')}`, location: { lat: 13.7, lng: 100.5, source: 'gps' }, outcome: { status: 'found' } }),
    targets.length,
  );
  results.checkIn.writesPerCheckIn = (n.writes - before.writes) / targets.length;
  results.checkIn.readsPerCheckIn = (n.reads - before.reads) / targets.length;

  // ---- dashboard: documents read per view, vs the number of areas ----
  const national = await dashboardFor(store, admin);
  const areaView = await dashboardFor(store, DEMO_USERS[3]! as User);
  results.dashboard = { nationalReads: national.reads, areas: national.rows.length, areaViewReads: areaView.reads, schoolsInArea: areaView.rows.length };

  // ---- webhook: panong vs a bare SDK echo handler, same run ----
  const names = sample.map((c) => [...c.firstName].slice(0, 3).join(''));
  const bodies = (k: number) =>
    Array.from({ length: k }, (_, i) => webhookBody([textEvent({ userId: teacher.id, text: i % 2 ? names[i % names.length]! : sample[i % sample.length]!.nationalId, replyToken: `rt-${i}-${Math.random()}` })]));
  const echoClient = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: origin });
  const echo = express();
  echo.post('/webhook', middleware({ channelSecret: SECRET }), async (req, res) => {
    await Promise.all((req.body.events as Array<{ replyToken: string; message: { text: string } }>).map((e) => echoClient.replyMessage({ replyToken: e.replyToken, messages: [{ type: 'text', text: e.message.text }] })));
    res.json({});
  });
  const ours = await listen(createApp(deps));
  const bare = await listen(echo);
  await load(ours.url, bodies(200)); // warm-up
  await load(bare.url, bodies(200));
  const a = await load(ours.url, bodies(WEBHOOK_REQUESTS));
  const b = await load(bare.url, bodies(WEBHOOK_REQUESTS));
  results.webhookPanong = { requests: WEBHOOK_REQUESTS, concurrency: CONCURRENCY, p50: round(pct(a.latencies, 50), 2), p99: round(pct(a.latencies, 99), 2), eventsPerSec: round(WEBHOOK_REQUESTS / a.seconds, 0), errors: a.errors };
  results.webhookBareEcho = { requests: WEBHOOK_REQUESTS, concurrency: CONCURRENCY, p50: round(pct(b.latencies, 50), 2), p99: round(pct(b.latencies, 99), 2), eventsPerSec: round(WEBHOOK_REQUESTS / b.seconds, 0), errors: b.errors };
  results.webhookRatio = { p50: round(pct(a.latencies, 50) / pct(b.latencies, 50)), throughput: round(b.seconds / a.seconds) };
  await ours.close();
  await bare.close();

  // ---- reminder fan-out: 30,000 recipients ----
  const perSchool = new Map<string, number>();
  const users: User[] = Array.from({ length: 30_000 }, (_, i) => {
    const schoolCode = children[i % 6]!.schoolCode;
    perSchool.set(schoolCode, (perSchool.get(schoolCode) ?? 0) + 1);
    return { id: `U${String(i).padStart(32, 'b')}`, role: 'teacher', areaCode: children[i % 6]!.areaCode, schoolCode, registeredAt: '2026-11-01' };
  });
  for (let i = 0; i < users.length; i += 500) await base.batch(users.slice(i, i + 500).map((u) => ({ kind: 'set' as const, path: `users/${u.id}`, data: { ...u } })));
  // School coordinator + teacher of the demo users add 2 more to one school.
  perSchool.set(teacher.schoolCode!, perSchool.get(teacher.schoolCode!)! + 2);
  const lowerBound = [...perSchool.values()].reduce((s, k) => s + Math.ceil(k / 500), 0);
  fake.reset();
  fake.fail('/v2/bot/message/multicast', 500, 3); // forced failures: retried with the same key
  t = process.hrtime.bigint();
  const noSleep = async () => undefined;
  const r1 = await runReminders(deps, 'monday', '2026-11-23', noSleep);
  const seconds = ms(process.hrtime.bigint() - t) / 1000;
  const firstRunCalls = fake.calls.filter((c) => c.path.includes('/message/')).length;
  // Forced re-run of the same schedule (scheduler retry) and a crash replay: every batch marked pending again.
  for (const b of await base.query('reminderRuns/monday-2026-11-23/batches')) await base.batch([{ kind: 'update', path: `reminderRuns/monday-2026-11-23/batches/${b.id}`, data: { state: 'pending' } }]);
  await runReminders(deps, 'monday', '2026-11-23', noSleep);
  const got = new Map<string, number>();
  for (const s of fake.sent) for (const to of s.to) got.set(to, (got.get(to) ?? 0) + 1);
  results.reminders = {
    recipients: r1.recipients,
    delivered: got.size,
    lineApiCalls: firstRunCalls,
    lowerBound: lowerBound + 2, // one multicast per 500 identical recipients + quota and consumption reads
    injected500s: 3,
    callsOnForcedRerun: fake.calls.filter((c) => c.path.includes('/message/')).length - firstRunCalls,
    wallSeconds: round(seconds, 2),
    duplicatedAfterRetry: [...got.values()].filter((k) => k > 1).length,
  };

  // ---- import of a 110,755-row CSV into a fresh store: time and peak memory ----
  const csvPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panong-bench-')), 'national.csv');
  const header = 'national_id,student_id,first_name,last_name,grade,school_code,school_name,area_code,area_name,current_address,guardian_name,guardian_phone';
  const csvRows = syntheticChildren(CHILDREN, 9).map((c) => [c.nationalId, c.studentId, c.firstName, c.lastName, c.grade, c.schoolCode, c.schoolName, c.areaCode, c.areaName, c.currentAddress, c.guardianName, c.guardianPhone].join(','));
  fs.writeFileSync(csvPath, '\ufeff' + [header, ...csvRows].join('\n'));
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  t = process.hrtime.bigint();
  const imported = await importRows({ store: new EmbeddedStore(), clock: () => new Date(), newId: () => Math.random().toString(36).slice(2, 14) }, await readListFile(csvPath));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  results.import = { rows: imported.rows, created: imported.created, seconds: round(ms(process.hrtime.bigint() - t) / 1000), peakRssMB: round(peak / 2 ** 20, 0), rssGrowthMB: round((peak - rssBefore) / 2 ** 20, 0) };
  fs.rmSync(path.dirname(csvPath), { recursive: true, force: true });

  await fake.close();
  print();
}

function print() {
  const rows = Object.entries(results).map(([name, r]) => `${name.padEnd(28)} ${Object.entries(r).map(([k, v]) => `${k}=${v}`).join('  ')}`);
  console.log(`\npanong benchmark (${new Date().toISOString()}, node ${process.version})\n${'-'.repeat(100)}\n${rows.join('\n')}\n`);
  const out = path.resolve(__dirname, '../../../bench/results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
  console.log(`written ${path.relative(process.cwd(), out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
