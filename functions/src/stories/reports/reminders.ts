import { bangkokDate, endOfBangkokDay, formatThaiDate, type StatusCounts, type User } from '@panong/shared';
import { retryKeyFor, type Message } from '../../ports/line';
import { mapConcurrent, sleep as realSleep, withRetry } from '../../core/retry';
import { AlreadyExistsError, MAX_BATCH, type Where, type Write } from '../../ports/store';
import { countOverdue } from '../afterFound/referrals';

import { unitWhere } from '../../core/units';
import { openWork } from './openWork';
import { liffUrl } from '../../config';
import { linkCard, reminderCard } from '../../messages/cards';
import { notify } from '../../messages/notify';
import type { Deps } from '../../deps';
import { paths } from '../../core/documents';

/**
 * monday: schools → ESA report day; friday: ESA → OBEC; digest: daily count of community reports
 * awaiting triage; referrals: a partner's daily digest of referrals awaiting an answer or overdue.
 */
export type ReminderKind = 'monday' | 'friday' | 'digest' | 'referrals';
export const MULTICAST_MAX = 500;
/**
 * Sends in flight at once. At LINE's 100–200 ms per call, 15,000 schools' reminders take about
 * 15,000 × 0.15 s / 25 = 90 s (one after another: 38 minutes, past the job's 540 s). 25 in flight
 * stays under LINE's 200 multicast requests per second.
 */
export const SEND_CONCURRENCY = 25;

interface Batch {
  index: number;
  to: string[];
  scope: string;
  /** Lower = more overdue (share of children not yet tracked, negated): sent first under a quota shortfall. */
  priority: number;
  state: 'pending' | 'sent' | 'skipped' | 'failed';
}

/** Units whose content is built and stored together while planning, and batches sent per read of contents. */
const PLAN_CHUNK = 250;

export interface ReminderReport {
  runId: string;
  recipients: number;
  batches: number;
  sent: number;
  skippedForQuota: number;
  failed: number;
  alreadyDone: boolean;
}

/** Who is reminded on which day, and which counters they see. */
function audience(kind: ReminderKind): { roles: User['role'][]; scopeOf(u: User): string | undefined } {
  if (kind === 'referrals')
    return { roles: ['agency'], scopeOf: (u) => (u.partnerId ? `partner_${u.partnerId}` : undefined) };
  return kind === 'monday'
    ? {
        roles: ['school_coordinator', 'teacher'],
        scopeOf: (u) => (u.schoolCode ? `school_${u.schoolCode}` : undefined),
      }
    : { roles: ['area_coordinator'], scopeOf: (u) => `area_${u.areaCode}` };
}

type StatsDoc = Partial<StatusCounts> & Record<string, unknown>;
/** What one unit's recipients get, and how overdue it is (lower first). */
type Unit = { messages: Message[]; priority: number };

/** The daily count of community reports waiting in an area; nothing when none wait. */
async function digestContent(deps: Deps, runDate: string, scope: string): Promise<Unit | undefined> {
  const waiting = await deps.store.count('sightings', [
    ['status', '==', 'received'],
    ['areaCode', '==', scope.replace(/^area_/, '')],
  ]);
  if (waiting === 0) return undefined;
  const text = `มีเรื่องแจ้งพบเด็กจากประชาชนรอคัดกรอง ${waiting} เรื่อง (${formatThaiDate(bangkokDate(runDate))})`;
  return {
    messages: [linkCard(text, { label: 'เปิดคิวคัดกรอง', uri: liffUrl(deps.liffId, 'triage.html') })],
    priority: -waiting,
  };
}

/** A partner's digest: referrals waiting for its answer and overdue ones; nothing when there are none. */
async function referralDigestContent(deps: Deps, runDate: string, scope: string): Promise<Unit | undefined> {
  const partner: Where = ['partnerId', '==', scope.replace(/^partner_/, '')];
  const [waiting, overdue] = await Promise.all([
    deps.store.count('referrals', [partner, ['state', '==', 'sent']]),
    countOverdue(deps, [partner], endOfBangkokDay(runDate)),
  ]);
  if (waiting === 0 && overdue === 0) return undefined;
  const text =
    `เรื่องส่งต่อถึงหน่วยงานของคุณ (${formatThaiDate(bangkokDate(runDate))})\nรอตอบรับ ` +
    `${waiting} เรื่อง${overdue ? `\nเกินกำหนด ${overdue} เรื่อง` : ''}`;
  return {
    messages: [
      linkCard(text, { label: 'เปิดรายการส่งต่อ', uri: liffUrl(deps.liffId, 'referrals.html') }, text.replace(/\n/g, ' ')),
    ],
    priority: -(waiting + overdue),
  };
}

/**
 * Groups recipients whose message is identical (same scope) into batches of ≤500, in a stable order. Each unit's
 * messages are stored under the run as they are built, a chunk of scopes at a time, and read back when sent: the
 * plan itself holds only recipients, so 15,000 schools' cards are never in memory together.
 */
async function plan(deps: Deps, kind: ReminderKind, runDate: string, runPath: string): Promise<Batch[]> {
  const { roles, scopeOf } = audience(kind);
  const users = (await deps.store.query<User>('users', { where: [['role', 'in', roles]] })).map((u) => u.data);
  const byScope = new Map<string, string[]>();
  for (const u of users) {
    const scope = scopeOf(u);
    if (!scope || u.remindersOff) continue;
    byScope.set(scope, [...(byScope.get(scope) ?? []), u.id]);
  }
  const scopes = [...byScope.keys()].sort();
  const batches: Batch[] = [];
  for (let c = 0; c < scopes.length; c += PLAN_CHUNK) {
    const chunk = scopes.slice(c, c + PLAN_CHUNK);
    const units = await contents(deps, kind, runDate, chunk);
    const stored: Write[] = [];
    for (const [i, scope] of chunk.entries()) {
      const unit = units[i];
      if (!unit) continue;
      stored.push({ kind: 'set', path: contentPath(runPath, scope), data: { messages: unit.messages } });
      const ids = byScope.get(scope)!.sort();
      for (let i = 0; i < ids.length; i += MULTICAST_MAX) {
        const to = ids.slice(i, i + MULTICAST_MAX);
        batches.push({ index: batches.length, to, scope, priority: unit.priority, state: 'pending' });
      }
    }
    await storeAll(deps, stored);
  }
  return batches;
}

/**
 * Every unit's content; counters are read in bulk (one getMany per chunk of scopes, not one read per school).
 */
async function contents(
  deps: Deps,
  kind: ReminderKind,
  runDate: string,
  scopes: string[],
): Promise<Array<Unit | undefined>> {
  if (kind === 'digest') return mapConcurrent(scopes, SEND_CONCURRENCY, (scope) => digestContent(deps, runDate, scope));
  if (kind === 'referrals')
    return mapConcurrent(scopes, SEND_CONCURRENCY, (scope) => referralDigestContent(deps, runDate, scope));
  const docs = await deps.store.getMany<StatsDoc>(scopes.map(paths.stats));
  return mapConcurrent(
    docs.map((stats, i) => ({ stats, scope: scopes[i]! })),
    SEND_CONCURRENCY,
    async ({ stats, scope }) =>
      stats?.total
        ? {
            messages: [
              reminderCard(
                kind,
                runDate,
                stats,
                deps.liffId,
                await openWork(deps.store, unitWhere(scope), endOfBangkokDay(runDate), runDate, stats),
              ),
            ],
            priority: -((stats.not_tracked ?? 0) / stats.total),
          }
        : undefined,
  );
}

/**
 * Sends one reminder run exactly once. The plan is stored first (atomically, so a concurrent
 * double-fire adopts the same plan); each batch is marked when sent and carries a retry key
 * derived from run and batch, so a crash between send and mark is answered 409 by LINE on resume.
 */
export async function runReminders(
  deps: Deps,
  kind: ReminderKind,
  runDate: string,
  sleep = realSleep,
): Promise<ReminderReport> {
  const runId = `${kind}-${runDate}`;
  const runPath = `reminderRuns/${runId}`;
  let batches = await loadPlan(deps, runPath);
  if (!batches) {
    const fresh = await plan(deps, kind, runDate, runPath);
    try {
      await storePlan(deps, runPath, fresh);
      batches = fresh;
    } catch (err) {
      if (!(err instanceof AlreadyExistsError) && !(await deps.store.get(runPath))) throw err;
      batches = (await loadPlan(deps, runPath))!;
    }
  }
  const report: ReminderReport = {
    runId,
    recipients: batches.reduce((n, b) => n + b.to.length, 0),
    batches: batches.length,
    sent: 0,
    skippedForQuota: 0,
    failed: 0,
    alreadyDone: batches.every((b) => b.state === 'sent' || b.state === 'skipped'),
  };
  // A failed batch is tried again on the next run: its retry key makes that safe.
  const pending = batches
    .filter((b) => b.state === 'pending' || b.state === 'failed')
    .sort((a, b) => a.priority - b.priority || a.index - b.index);
  if (pending.length === 0) return report;

  const admins = (await deps.store.query<User>('users', { where: [['role', '==', 'admin']] })).map((u) => u.data.id);
  const { limit, used } = await withRetry(() => deps.line.quota(), undefined, sleep);
  let remaining = limit === undefined ? Infinity : limit - used - admins.length; // keep room to tell admins
  const skipped: Batch[] = [];
  const send = async (batch: Batch, messages: Message[]) => {
    // Quota is reserved before the call and given back if it fails: parallel sends never overspend it.
    if (batch.to.length > remaining) {
      skipped.push(batch);
      await mark(deps, runPath, batch, 'skipped');
      return;
    }
    remaining -= batch.to.length;
    try {
      await withRetry(
        () =>
          batch.to.length === 1
            ? deps.line.push(batch.to[0]!, messages, retryKeyFor(runId, String(batch.index)))
            : deps.line.multicast(batch.to, messages, retryKeyFor(runId, String(batch.index))),
        undefined,
        sleep,
      );
      report.sent += batch.to.length;
      await mark(deps, runPath, batch, 'sent');
    } catch (err) {
      remaining += batch.to.length;
      report.failed += batch.to.length;
      deps.logger.error('reminder batch failed', {
        runId,
        batch: batch.index,
        recipients: batch.to.length,
        error: err,
      });
      await mark(deps, runPath, batch, 'failed');
    }
  };
  // A window of batches at a time: their contents in one read, then sent in priority order.
  for (let w = 0; w < pending.length; w += PLAN_CHUNK) {
    const window = pending.slice(w, w + PLAN_CHUNK);
    const scopes = [...new Set(window.map((b) => b.scope))];
    const docs = await deps.store.getMany<{ messages: Message[] }>(scopes.map((s) => contentPath(runPath, s)));
    const messagesOf = new Map(scopes.map((s, i) => [s, docs[i]!.messages]));
    await mapConcurrent(window, SEND_CONCURRENCY, (batch) => send(batch, messagesOf.get(batch.scope)!));
  }
  report.skippedForQuota = skipped.reduce((n, b) => n + b.to.length, 0);
  if (skipped.length > 0) await tellAdmins(deps, runId, admins, skipped, sleep);
  deps.logger.info('reminder run', { ...report });
  return report;
}

async function tellAdmins(
  deps: Deps,
  runId: string,
  admins: string[],
  skipped: Batch[],
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const people = skipped.reduce((n, b) => n + b.to.length, 0);
  const scopes = [...new Set(skipped.map((b) => b.scope))];
  const text =
    `โควตาข้อความ LINE เดือนนี้ไม่พอสำหรับการแจ้งเตือน ${runId}\nข้ามผู้รับ ${people} คน ใน ${scopes.length} หน่วย ` +
    `(${scopes.slice(0, 10).join(', ')}${scopes.length > 10 ? ' …' : ''})\nส่งให้หน่วยที่ค้างติดตามมากที่สุดก่อนแล้ว`;
  const n = { key: [runId, 'quota-notice'], what: 'quota notice failed', sleep, log: { runId } };
  await notify(deps, admins, [{ type: 'text', text }], n);
}

async function loadPlan(deps: Deps, runPath: string): Promise<Batch[] | undefined> {
  if (!(await deps.store.get(runPath))) return undefined;
  // Copied: `mark` keeps each batch's state as it goes, and a store's documents are read-only.
  return (await deps.store.query<Batch>(`${runPath}/batches`))
    .map((b) => ({ ...b.data }))
    .sort((a, b) => a.index - b.index);
}

async function storePlan(deps: Deps, runPath: string, batches: Batch[]): Promise<void> {
  await storeAll(deps, [
    ...batches.map((b): Write => ({ kind: 'set', path: batchPath(runPath, b), data: { ...b } })),
    // Created last: the plan exists only once all of it is stored, and only one run can create it.
    { kind: 'create', path: runPath, data: { createdAt: deps.clock().toISOString(), batches: batches.length } },
  ]);
}

async function storeAll(deps: Deps, writes: Write[]): Promise<void> {
  for (let i = 0; i < writes.length; i += MAX_BATCH) await deps.store.batch(writes.slice(i, i + MAX_BATCH));
}

async function mark(deps: Deps, runPath: string, batch: Batch, state: Batch['state']): Promise<void> {
  batch.state = state;
  await deps.store.batch([{ kind: 'update', path: batchPath(runPath, batch), data: { state } }]);
}

const batchPath = (runPath: string, b: Pick<Batch, 'index'>) =>
  `${runPath}/batches/${String(b.index).padStart(5, '0')}`;
/** One unit's messages, shared by its batches (a scope with more than 500 recipients has several). */
const contentPath = (runPath: string, scope: string) => `${runPath}/contents/${scope}`;
