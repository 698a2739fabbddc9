/**
 * The answer at production latencies: every store call waits a fixed delay (a Firestore round trip in the same
 * region, default 8 ms) and the fake LINE API answers after another (default 60 ms). Requests run one at a time, so
 * the store calls of one request are its own: a "sequential round trip" is a wave of calls that starts when none
 * is in flight (calls run together, like a count beside a query, are one). The bare @line/bot-sdk echo answers
 * through the same delayed LINE API, in the same process and run. Mocked: only LINE (the fake on loopback).
 */
import express from 'express';
import request from 'supertest';
import { messagingApi, middleware } from '@line/bot-sdk';
import type { User } from '@panong/shared';
import { createApp } from '../app';
import type { Deps } from '../deps';
import { lineIdTokenVerifier } from '../adapters/idToken';
import { lineClient } from '../adapters/lineClient';
import { createLogger } from '../adapters/logger';
import type { Query, Store, Tx } from '../ports/store';
import type { LinePort } from '../ports/line';
import { FakeLine } from '../dev/fakeLine';
import { sign, textEvent, webhookBody } from '../dev/webhookEvents';
import { createInvite } from '../stories/chat/invites';
import { runReminders } from '../stories/reports/reminders';
import { pct, round } from './stats';

const SECRET = 'latency-secret';
const TOKEN = 'latency-token';
const CHANNEL = '1650000009';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A store whose every call takes `delayMs` more, counting calls and sequential waves. */
export class DelayedStore implements Store {
  calls = 0;
  waves = 0;
  private inFlight = 0;
  constructor(
    private readonly inner: Store,
    private readonly delayMs: number,
  ) {}

  private async trip<R>(fn: () => Promise<R>): Promise<R> {
    this.calls++;
    if (this.inFlight++ === 0) this.waves++;
    try {
      await sleep(this.delayMs);
      return await fn();
    } finally {
      this.inFlight--;
    }
  }
  reset(): { calls: number; waves: number } {
    const was = { calls: this.calls, waves: this.waves };
    this.calls = 0;
    this.waves = 0;
    return was;
  }
  get<T>(path: string) {
    return this.trip(() => this.inner.get<T>(path));
  }
  getMany<T>(paths: readonly string[]) {
    return this.trip(() => this.inner.getMany<T>(paths));
  }
  query<T>(collection: string, q?: Query) {
    return this.trip(() => this.inner.query<T>(collection, q));
  }
  count(collection: string, where?: Parameters<Store['count']>[1]) {
    return this.trip(() => this.inner.count(collection, where));
  }
  batch(writes: Parameters<Store['batch']>[0]) {
    return this.trip(() => this.inner.batch(writes));
  }
  /** Each read in a transaction is a round trip, and so is its commit. */
  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    const r = await this.inner.transaction((tx) =>
      fn({
        ...tx,
        get: (p) => this.trip(() => tx.get(p)),
        query: (c, q) => this.trip(() => tx.query(c, q)),
        set: tx.set.bind(tx),
        create: tx.create.bind(tx),
        update: tx.update.bind(tx),
        delete: tx.delete.bind(tx),
      }),
    );
    await this.trip(async () => undefined);
    return r;
  }
  close() {
    return this.inner.close();
  }
}

/** Read through a call: TypeScript keeps `last.answer` narrowed to undefined across the awaited request. */
const answerOf = <T>(last: { answer?: T }) => last.answer;

interface PathFigures {
  sequentialBeforeAnswer: number;
  storeCalls: number;
  p50ms: number;
  p95ms: number;
}

/**
 * Chat search by name and by ID, registration, check-in (LIFF API) and the Monday run of one school, over `store`
 * (the national list loaded), each `n` times, one request at a time.
 */
export async function latencyBench(
  base: Store,
  who: { teacher: User; names: string[]; ids: string[]; childIds: string[] },
  opts: { storeDelayMs?: number; lineDelayMs?: number; n?: number } = {},
): Promise<Record<string, PathFigures | number | string>> {
  const storeDelayMs = opts.storeDelayMs ?? 8;
  const lineDelayMs = opts.lineDelayMs ?? 60;
  const n = opts.n ?? 40;
  const fake = new FakeLine(TOKEN);
  fake.latencyMs = lineDelayMs;
  const origin = await fake.listen();
  const store = new DelayedStore(base, storeDelayMs);
  // The moment the answer is handed to LINE and LINE confirms it: where the store calls before it stop counting.
  const last: { answer?: { at: number; storeBefore: { calls: number; waves: number } } } = {};
  const real = lineClient({ channelAccessToken: TOKEN, origin });
  const line: LinePort = {
    ...real,
    reply: async (token, messages) => {
      const storeBefore = { calls: store.calls, waves: store.waves };
      await real.reply(token, messages);
      last.answer = { at: performance.now(), storeBefore };
    },
  };
  const deps: Deps = {
    store,
    line,
    verifyIdToken: lineIdTokenVerifier({ origin, channelId: CHANNEL, now: () => new Date() }),
    clock: () => new Date(),
    newId: () => Math.random().toString(36).slice(2, 12),
    logger: createLogger(() => undefined),
    liffId: 'latency',
    loginChannelId: CHANNEL,
    channelSecret: SECRET,
  };
  const app = createApp(deps);
  const say = (userId: string, text: string) => {
    const body = webhookBody([textEvent({ userId, text, replyToken: `r${Math.random().toString(36).slice(2)}` })]);
    return request(app)
      .post('/webhook')
      .set('content-type', 'application/json')
      .set('x-line-signature', sign(SECRET, body))
      .send(body);
  };
  const measure = async (run: (i: number) => Promise<unknown>, byReply = true): Promise<PathFigures> => {
    const times: number[] = [];
    let seq = 0;
    let calls = 0;
    for (let i = 0; i < n; i++) {
      store.reset();
      last.answer = undefined;
      const t0 = performance.now();
      await run(i);
      const done = performance.now();
      const all = store.reset();
      const answer = byReply ? answerOf(last) : undefined;
      times.push((answer?.at ?? done) - t0);
      const upTo = answer?.storeBefore ?? all;
      seq += upTo.waves;
      calls += all.calls;
    }
    return {
      sequentialBeforeAnswer: round(seq / n, 1),
      storeCalls: round(calls / n, 1),
      p50ms: round(pct(times, 50), 1),
      p95ms: round(pct(times, 95), 1),
    };
  };

  const out: Record<string, PathFigures | number | string> = { storeDelayMs, lineDelayMs, requests: n };
  await base.batch([{ kind: 'set', path: `users/${who.teacher.id}`, data: { ...who.teacher } }]);
  out.chatSearchName = await measure((i) => say(who.teacher.id, who.names[i % who.names.length]!));
  out.chatSearchId = await measure((i) => say(who.teacher.id, who.ids[i % who.ids.length]!));
  const invites = await Promise.all(
    Array.from({ length: n }, () =>
      createInvite(deps, { role: 'teacher', area: who.teacher.areaCode, school: who.teacher.schoolCode }),
    ),
  );
  out.registration = await measure((i) =>
    say(`U${(0xa000000 + i).toString(16).padStart(32, '0')}`, `ลงทะเบียน ${invites[i]!.code}`),
  );
  const auth = `Bearer ${FakeLine.idToken(who.teacher.id, CHANNEL, new Date(Date.now() + 3600_000))}`;
  out.checkIn = await measure(
    (i) =>
      request(app)
        .post(`/api/children/${who.childIds[i % who.childIds.length]}/checkins`)
        .set('authorization', auth)
        .send({ idempotencyKey: `latency-visit-${String(i).padStart(8, '0')}`, outcome: { status: 'found' } })
        .expect((r) => {
          if (r.status >= 300) throw new Error(`check-in ${r.status}`);
        }),
    false,
  );
  // The Monday run for one school's coordinator and teacher (per school: what 15,000 schools repeat).
  const monday = await measure(
    (i) => runReminders(deps, 'monday', `2027-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, '0')}`),
    false,
  );
  out.mondayRun = monday;

  // The floor: the bare SDK echo answering through the same delayed LINE API.
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: origin });
  const echo = express();
  let echoAt = 0;
  echo.post('/webhook', middleware({ channelSecret: SECRET }), async (req, res) => {
    for (const e of req.body.events as Array<{ replyToken: string; message: { text: string } }>)
      await client.replyMessage({ replyToken: e.replyToken, messages: [{ type: 'text', text: e.message.text }] });
    echoAt = performance.now();
    res.json({});
  });
  const echoTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const body = webhookBody([textEvent({ userId: who.teacher.id, text: 'x', replyToken: `e${i}x${Date.now()}` })]);
    const t0 = performance.now();
    await request(echo)
      .post('/webhook')
      .set('content-type', 'application/json')
      .set('x-line-signature', sign(SECRET, body))
      .send(body);
    echoTimes.push(echoAt - t0);
  }
  out.echoP50ms = round(pct(echoTimes, 50), 1);
  out.chatSearchP50VsEcho = `×${((out.chatSearchName as PathFigures).p50ms / out.echoP50ms).toFixed(2)}`;
  await fake.close();
  return out;
}
