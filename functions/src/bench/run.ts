/**
 * `npm run bench`: prints a table and writes bench/results.json. Data shaped like the national
 * list: 110,755 children in shuffled order over 3,000 schools in 245 areas, Thai names that collide
 * and share prefixes, a 30,000-school directory. Commands run as separate processes; the webhook
 * comparison runs the load generator, the two apps and the fake LINE API in separate processes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nameTokens, type Child, type User } from '@panong/shared';
import type { Deps } from '../deps';
import { EmbeddedStore } from '../adapters/embedded/embeddedStore';
import { lineIdTokenVerifier } from '../adapters/idToken';
import { lineClient } from '../adapters/lineClient';
import { createLogger } from '../adapters/logger';
import type { Query, Store, Tx } from '../ports/store';
import { recordCheckIn } from '../stories/fieldWork/checkIn';
import { runReminders, SEND_CONCURRENCY } from '../stories/reports/reminders';
import { searchChildren } from '../stories/fieldWork/search';
import { reportSighting, triageQueue } from '../stories/sightings/sightings';
import { checkInMap, dashboardFor } from '../stories/reports/dashboard';
import { dashboardPageBench } from './dashboardPage';
import { lineSetupBench } from './lineSetup';
import { weeklyReport } from '../stories/reports/weeklyReport';
import { FakeLine } from '../dev/fakeLine';
import {
  LIST_HEADERS,
  nationalAreas,
  nationalListRows,
  nationalSchools,
  toCsv,
  type ListRow,
} from '../dev/nationalList';
import { PLACE_COLUMNS, withRealAddresses } from '../dev/realAddresses';
import { gazetteer } from '../core/gazetteer';
import { placesBench } from './places';
import { putPlan } from '../stories/plans/casePlan';
import { latencyBench } from './latency';
import { memoryBench } from './memory';
import { QUERIED_FIELDS } from '../dev/stores';
import { coldStart } from './coldStart';
import { BENCH_TOKEN } from './servers';
import { round, timeIt } from './stats';
import { webhookBench } from './webhook';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 110_755);
const SCHOOLS_IN_LIST = 3000;
const DIRECTORY = 30_000;
const results: Record<string, Record<string, number | string>> = {};
const functionsLib = path.resolve(__dirname, '..');

/** Counts documents written and read through the Store port. */
function counting(store: Store) {
  const n = { reads: 0, writes: 0 };
  const wrapTx = (tx: Tx): Tx => ({
    get: (p) => (n.reads++, tx.get(p)),
    query: async <T>(c: string, q: Query) => {
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
    query: async <T>(c: string, q?: Query) => {
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

/** A CLI command in its own process: the figures it reports (time, peak RSS) and its last line. */
function cli(command: string, file: string, dataDir: string): { seconds: number; peakMB: number; summary: string } {
  const r = spawnSync(process.execPath, [path.join(functionsLib, 'cli', `${command}.js`), file], {
    env: { ...process.env, DATA_DIR: dataDir, STORE: 'embedded' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  const m = /เวลา ([\d.]+) วินาที หน่วยความจำสูงสุด (\d+) MB/.exec(r.stderr);
  const s = /\(([\d.]+) วินาที\)/.exec(r.stdout);
  return {
    seconds: Number(m?.[1] ?? s?.[1] ?? NaN),
    peakMB: Number(m?.[2] ?? NaN),
    summary: r.stdout.trim().split('\n').at(-1) ?? '',
  };
}

async function main() {
  results.coldStart = coldStart();

  // ---- the national list and the school directory, as files ----
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-bench-'));
  const dataDir = path.join(work, 'data');
  const areas = nationalAreas();
  const directory = nationalSchools(DIRECTORY, areas);
  const listSchools = directory.slice(0, SCHOOLS_IN_LIST); // every area has schools in the list
  // Real places: addresses typed in every form, some with place columns, registered ≠ current for some.
  const g = await gazetteer();
  const real = withRealAddresses(nationalListRows(CHILDREN, { schools: listSchools, areas }), g, listSchools);
  const rows = real.rows;
  results.places = placesBench(g, real);
  fs.writeFileSync(
    path.join(work, 'national.csv'),
    `\ufeff${toCsv(rows, [...LIST_HEADERS, 'registered_address', ...PLACE_COLUMNS])}`,
  );
  const dirRows = directory.map((s) => ({
    school_code: s.code,
    school_name: s.name,
    area_code: s.areaCode,
    province: s.province,
    district: s.district,
    subdistrict: s.subdistrict,
    latitude: String(s.lat),
    longitude: String(s.lng),
  }));
  fs.writeFileSync(path.join(work, 'schools.csv'), toCsv(dirRows as unknown as ListRow[], Object.keys(dirRows[0]!)));

  // ---- duplicate detection on the national list with planted pairs, its own process ----
  const dup = spawnSync(process.execPath, [path.join(__dirname, 'duplicates.js'), String(CHILDREN)], {
    encoding: 'utf8',
  });
  const d = JSON.parse(dup.stdout) as Record<string, number | Record<string, number>>;
  results.duplicates = Object.fromEntries(
    Object.entries(d).flatMap(([k, v]) =>
      typeof v === 'object' ? Object.entries(v).map(([kk, vv]) => [`${k}.${kk}`, vv]) : [[k, v]],
    ),
  );

  // ---- CLI commands, each a fresh process ----
  const first = cli('import', path.join(work, 'national.csv'), dataDir);
  const again = cli('import', path.join(work, 'national.csv'), dataDir);
  results.importCli = {
    rows: CHILDREN,
    schools: SCHOOLS_IN_LIST,
    areas: areas.length,
    firstSeconds: first.seconds,
    firstPeakMB: first.peakMB,
    reimportSeconds: again.seconds,
    reimportPeakMB: again.peakMB,
    reimport: again.summary.replace(/\s+/g, ' '),
  };
  // ---- the same list on the official Firestore emulator: the CLI import and each function's peak memory ----
  results.firestoreMemory = await memoryBench(path.join(work, 'national.csv'));
  const dir = cli('schools', path.join(work, 'schools.csv'), dataDir);
  results.schoolsCli = { schools: DIRECTORY, seconds: dir.seconds, summary: dir.summary.replace(/\s+/g, ' ') };

  // ---- users for the scopes measured ----
  const base = new EmbeddedStore(dataDir, { indexed: QUERIED_FIELDS });
  const { store, n } = counting(base);
  const someone = rows[0]!;
  const users: Record<'teacher' | 'area' | 'admin', User> = {
    teacher: {
      id: 'U00000000000000000000000bench001',
      role: 'teacher',
      areaCode: someone.area_code!,
      schoolCode: someone.school_code!,
      registeredAt: '2026-11-01',
    },
    area: {
      id: 'U00000000000000000000000bench002',
      role: 'area_coordinator',
      areaCode: someone.area_code!,
      registeredAt: '2026-11-01',
    },
    admin: {
      id: 'U00000000000000000000000bench003',
      role: 'admin',
      areaCode: someone.area_code!,
      registeredAt: '2026-11-01',
    },
  };
  await base.batch(Object.values(users).map((u) => ({ kind: 'set' as const, path: `users/${u.id}`, data: { ...u } })));

  // ---- name search by scope, complete against brute force ----
  const inScope = {
    teacher: (r: ListRow) => r.school_code === someone.school_code,
    area: (r: ListRow) => r.area_code === someone.area_code,
    admin: () => true,
  };
  const queriesFor = (scope: keyof typeof users) => {
    const mine = rows.filter(inScope[scope]);
    return Array.from({ length: 100 }, (_, i) => {
      const r = mine[(i * 7919) % mine.length]!;
      return [r.first_name!, r.last_name!.slice(0, 3), `${r.first_name} ${r.last_name}`, r.first_name!.slice(0, 2)][
        i % 4
      ]!;
    });
  };
  for (const scope of ['teacher', 'area', 'admin'] as const) {
    const queries = queriesFor(scope);
    let complete = 0;
    for (const q of queries) {
      const res = await searchChildren(base, users[scope], q);
      const t = nameTokens(q).join('');
      const truth = rows.filter(
        (r) =>
          inScope[scope](r) && [r.first_name!, r.last_name!, r.first_name! + r.last_name!].some((w) => w.startsWith(t)),
      ).length;
      if (res.kind === 'results' && res.total === truth) complete++;
    }
    results[`search_${scope}`] = {
      ...(await timeIt((i) => searchChildren(base, users[scope], queries[i % queries.length]!), 400)),
      completeVsBruteForce: `${complete}/${queries.length}`,
    };
  }
  // ---- a local administration officer: name search within its subdistrict, reads per search, vs brute force ----
  const perPlace = new Map<string, number>();
  for (const code of real.expected.values()) if (code) perPlace.set(code, (perPlace.get(code) ?? 0) + 1);
  const busiest = [...perPlace].sort((a, b) => b[1] - a[1])[0]![0];
  const place = g.entries.find((e) => e.code === busiest)!;
  const officer: User = {
    id: 'U00000000000000000000000bench004',
    role: 'local_admin',
    areaCode: '',
    places: [{ code: place.code, subdistrict: place.subdistrict, district: place.district, province: place.province }],
    registeredAt: '2026-11-01',
  };
  const theirs = rows.filter((r) => real.expected.get(r.national_id!) === busiest);
  let officerComplete = 0;
  const officerReads = { ...n };
  for (const r of theirs.slice(0, 50)) {
    const res = await searchChildren(store, officer, r.first_name!);
    const t = nameTokens(r.first_name!).join('');
    const truth = theirs.filter((x) =>
      [x.first_name!, x.last_name!, x.first_name! + x.last_name!].some((w) => w.startsWith(t)),
    ).length;
    if (res.kind === 'results' && res.total === truth) officerComplete++;
  }
  results.search_officer = {
    childrenInSubdistrict: theirs.length,
    readsPerSearch: round((n.reads - officerReads.reads) / Math.min(50, theirs.length)),
    completeVsBruteForce: `${officerComplete}/${Math.min(50, theirs.length)}`,
  };
  results.searchById = await timeIt(
    (i) => searchChildren(base, users.admin, rows[(i * 31) % rows.length]!.national_id!),
    400,
  );

  // ---- writes per check-in, reads per view ----
  const deps = { store, clock: () => new Date(), newId: () => Math.random().toString(36).slice(2) };
  const mineIds = (
    await base.query<{ id: string }>('children', { where: [['schoolCode', '==', someone.school_code!]] })
  )
    .map((c) => c.id)
    .slice(0, 20);
  let before = { ...n };
  for (const [i, id] of mineIds.entries()) {
    await recordCheckIn(deps, users.teacher, id, {
      idempotencyKey: `bench-checkin-${String(i).padStart(8, '0')}`,
      location: { lat: 13.7, lng: 100.5, source: 'gps' },
      outcome: { status: 'found' },
    });
  }
  results.checkIn = {
    writesPerStatusChange: (n.writes - before.writes) / mineIds.length,
    readsPerStatusChange: (n.reads - before.reads) / mineIds.length,
  };
  before = { ...n };
  for (const id of mineIds)
    await putPlan(deps, users.teacher, id, {
      causes: ['poverty'],
      problem: 'ไม่มีค่าเดินทาง',
      actions: [{ what: 'ขอทุนค่าเดินทาง', due: '2026-12-20' }],
    });
  results.planUpdate = {
    readsPerUpdate: (n.reads - before.reads) / mineIds.length,
    writesPerUpdate: (n.writes - before.writes) / mineIds.length,
  };
  const readsOf = async (fn: () => Promise<unknown>) => {
    before = { ...n };
    await fn();
    return n.reads - before.reads;
  };
  const fakeForReads = new FakeLine(BENCH_TOKEN);
  const readDeps = {
    ...deps,
    line: lineClient({ channelAccessToken: BENCH_TOKEN, origin: await fakeForReads.listen() }),
    liffId: 'bench',
    logger: createLogger(() => undefined),
  } as unknown as Deps;
  const near = listSchools[0]!;
  const routed = await readsOf(() =>
    reportSighting(readDeps, 'U00000000000000000000000reporter1', {
      idempotencyKey: 'bench-sighting-0000001',
      place: 'ตลาด',
      description: 'เด็กขายของช่วงเวลาเรียน',
      sex: 'male',
      location: { lat: near.lat + 0.02, lng: near.lng },
      childName: rows[3]!.first_name,
    }),
  );
  for (let i = 2; i <= 25; i++) {
    await reportSighting(readDeps, `U0000000000000000000000reporter${String(i).padStart(2, '0')}`, {
      idempotencyKey: `bench-sighting-${String(i).padStart(7, '0')}`,
      place: 'ตลาด',
      description: 'เด็กขายของ',
      sex: 'female',
      areaCode: near.areaCode,
      childName: rows[i]!.first_name,
    });
  }
  const areaOfNear = { ...users.area, areaCode: near.areaCode };
  results.reads = {
    perRoutedReport: routed,
    triageOpen: await readsOf(() => triageQueue(readDeps, areaOfNear)),
    dashboardNational: await readsOf(() => dashboardFor(store, users.admin)),
    dashboardArea: await readsOf(() => dashboardFor(store, users.area)),
    mapNational: await readsOf(() => checkInMap(store, users.admin)),
    mapArea: await readsOf(() => checkInMap(store, users.area)),
    weeklyReportNational: await readsOf(() => weeklyReport(store, users.admin, 'friday', '2026-11-27')),
    weeklyReportArea: await readsOf(() => weeklyReport(store, users.area, 'friday', '2026-11-27')),
  };
  await fakeForReads.close();
  await base.close();

  // ---- webhook ack per mix of who searches names: teachers (own school), mixed, admins (national scope) ----
  const mixes: Record<string, (i: number) => keyof typeof users> = {
    teachers: () => 'teacher',
    mixed: (i) => (i % 4 < 2 ? 'teacher' : i % 4 === 2 ? 'area' : 'admin'), // half teachers, a quarter each
    admins: () => 'admin',
  };
  const queries = { teacher: queriesFor('teacher'), area: queriesFor('area'), admin: queriesFor('admin') };
  for (const [name, scopeOf] of Object.entries(mixes)) {
    const mix = Array.from({ length: 400 }, (_, i): [string, string] => {
      const qs = queries[scopeOf(i)];
      return [users[scopeOf(i)].id, qs[i % qs.length]!];
    });
    results[`webhook_${name}`] = await webhookBench(dataDir, mix);
  }

  // ---- production latencies: 8 ms per store call, 60 ms per LINE call, sequential round trips per path ----
  const latencyStore = new EmbeddedStore(dataDir, { indexed: QUERIED_FIELDS, flush: false });
  const mine = (await latencyStore.query<Child>('children', { where: [['schoolCode', '==', someone.school_code!]] }))
    .map((c) => c.data)
    .filter((c) => c.status === 'not_tracked');
  results.latency = flatten(
    await latencyBench(latencyStore, {
      teacher: { ...users.teacher, id: 'U00000000000000000000000bench009' },
      names: queriesFor('teacher'),
      ids: mine.map((c) => c.nationalId),
      childIds: mine.map((c) => c.id),
    }),
  );
  await latencyStore.close();

  // ---- the dashboard page on a phone, national list loaded ----
  // (after the webhook run: these writes would otherwise start a log compaction in the middle of it)
  const pinStore = new EmbeddedStore(dataDir);
  // Pins across the country for the maps: 3,000 check-ins with a location, spread over every area.
  const untracked = (await pinStore.query<{ status: string }>('children', { limit: CHILDREN })).filter(
    (c) => c.data.status === 'not_tracked',
  );
  const spread = untracked.filter((_, i) => i % Math.ceil(untracked.length / 3000) === 0);
  for (const [i, c] of spread.entries()) {
    const s = listSchools[i % listSchools.length]!;
    await recordCheckIn({ store: pinStore, clock: () => new Date() }, users.admin, c.id, {
      idempotencyKey: `bench-pin-${String(i).padStart(10, '0')}`,
      location: { lat: s.lat + ((i % 7) - 3) * 0.01, lng: s.lng + ((i % 5) - 2) * 0.01, source: 'gps' },
      outcome: { status: i % 3 ? 'found' : 'not_found', ...(i % 3 ? {} : { reason: 'nobody_home' }) } as never,
    });
  }
  await pinStore.close();
  results.dashboardPage = await dashboardPageBench(dataDir, { admin: users.admin.id, area: users.area.id });

  // ---- line:setup twice against the fake LINE API ----
  results.lineSetup = await lineSetupBench();

  // ---- Monday at the real spread: 30,000 recipients in 15,000 schools, LINE answering in 150 ms ----
  results.mondayRealSpread = await mondayBench();

  fs.rmSync(work, { recursive: true, force: true });
  print();
}

async function mondayBench() {
  const fake = new FakeLine(BENCH_TOKEN);
  const origin = await fake.listen();
  const store = new EmbeddedStore();
  const schools = 15_000;
  const writes = Array.from({ length: schools }, (_, i) => {
    const code = `${3001 + (i % 245)}${String(i).padStart(4, '0')}`;
    return [
      {
        kind: 'set' as const,
        path: `stats/school_${code}`,
        data: {
          level: 'school',
          schoolCode: code,
          areaCode: code.slice(0, 4),
          name: `โรงเรียน ${i}`,
          total: 8 + (i % 20),
          not_tracked: i % 9,
        },
      },
      ...[0, 1].map((k) => ({
        kind: 'set' as const,
        path: `users/U${code}${k}`.padEnd(39, 'b'),
        data: {
          id: `U${code}${k}`.padEnd(33, 'b'),
          role: k ? 'teacher' : 'school_coordinator',
          areaCode: code.slice(0, 4),
          schoolCode: code,
          registeredAt: '2026-11-01',
        },
      })),
    ];
  }).flat();
  for (let i = 0; i < writes.length; i += 500) await store.batch(writes.slice(i, i + 500));
  const deps: Deps = {
    store,
    line: lineClient({ channelAccessToken: BENCH_TOKEN, origin }),
    verifyIdToken: lineIdTokenVerifier({ origin, channelId: '1', now: () => new Date() }),
    clock: () => new Date(),
    newId: () => Math.random().toString(36).slice(2),
    logger: createLogger(() => undefined),
    liffId: 'bench-liff',
    loginChannelId: '1',
    channelSecret: 'x',
  };
  fake.latencyMs = 150;
  fake.fail('/v2/bot/message/multicast', 500, 3); // retried with the same key
  const t = process.hrtime.bigint();
  const report = await runReminders(deps, 'monday', '2026-11-23');
  const wallSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  const calls = fake.calls.filter((c) => c.path.includes('/message/')).length;
  // A forced full re-run (every batch pending again): LINE answers 409 to each, nobody gets two.
  for (const b of await store.query('reminderRuns/monday-2026-11-23/batches'))
    await store.batch([
      { kind: 'update', path: `reminderRuns/monday-2026-11-23/batches/${b.id}`, data: { state: 'pending' } },
    ]);
  await runReminders(deps, 'monday', '2026-11-23');
  const got = new Map<string, number>();
  for (const s of fake.sent) for (const to of s.to) got.set(to, (got.get(to) ?? 0) + 1);
  await fake.close();
  return {
    recipients: report.recipients,
    schools,
    latencyMs: 150,
    concurrency: SEND_CONCURRENCY,
    wallSeconds: round(wallSeconds, 1),
    functionLimitSeconds: 540,
    lineCalls: calls,
    lowerBound: schools + 2, // one multicast per school + quota and consumption reads
    injected500s: 3,
    duplicatesAfterForcedRerun: [...got.values()].filter((k) => k > 1).length,
  };
}

/** Nested figures as `path.field` keys (the report prints one line per section). */
function flatten(r: Record<string, unknown>): Record<string, number | string> {
  return Object.fromEntries(
    Object.entries(r).flatMap(([k, v]) =>
      v && typeof v === 'object'
        ? Object.entries(v).map(([kk, vv]) => [`${k}.${kk}`, vv as number | string])
        : [[k, v as number | string]],
    ),
  );
}

function print() {
  const rows = Object.entries(results).map(
    ([name, r]) =>
      `${name.padEnd(20)} ${Object.entries(r)
        .map(([k, v]) => `${k}=${v}`)
        .join('  ')}`,
  );
  console.log(
    `\npanong benchmark (${new Date().toISOString()}, node ${process.version}, ` +
      `${os.cpus().length} cores)\n${'-'.repeat(100)}\n${rows.join('\n')}\n`,
  );
  const out = path.resolve(__dirname, '../../../bench/results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2));
  console.log(`written ${path.relative(process.cwd(), out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
