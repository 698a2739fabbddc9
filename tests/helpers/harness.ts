import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../functions/src/app';
import type { Deps } from '../../functions/src/deps';
import { lineIdTokenVerifier } from '../../functions/src/adapters/idToken';
import { lineClient } from '../../functions/src/adapters/lineClient';
import { memoryLogger } from '../../functions/src/adapters/logger';
import { DEMO_USERS, seedDemo } from '../../functions/src/dev/demoData';
import { FakeLine } from '../../functions/src/dev/fakeLine';
import { sign, webhookBody } from '../../functions/src/dev/webhookEvents';
import { FaultyStore, openTestStore } from './stores';

export const SECRET = 'test-channel-secret';
export const LOGIN_CHANNEL = '1650000001';
export const LIFF_ID = '1650000001-test';
export const [VOLUNTEER, TEACHER, SCHOOL_COORD, AREA_COORD, ADMIN, CHIANG_MAI_TEACHER, PDHS_AGENCY, NFE_AGENCY] =
  DEMO_USERS.map((u) => u.id) as [string, string, string, string, string, string, string, string];

/**
 * createApp with real adapters against loopback: the real @line/bot-sdk client and the real
 * ID-token verifier talk HTTP to a fake LINE API; the store is the embedded one (in memory), or
 * Firestore on the official emulator in the jest project "firestore" (see stores.ts).
 */
export async function harness() {
  const fake = new FakeLine('test-access-token');
  const origin = await fake.listen();
  const store = new FaultyStore(await openTestStore());
  const logger = memoryLogger();
  let ids = 0;
  const deps: Deps = {
    store,
    line: lineClient({ channelAccessToken: 'test-access-token', origin }),
    verifyIdToken: lineIdTokenVerifier({ origin, channelId: LOGIN_CHANNEL, now: () => new Date() }),
    clock: () => new Date(),
    newId: () => `id${++ids}`,
    logger,
    liffId: LIFF_ID,
    loginChannelId: LOGIN_CHANNEL,
    channelSecret: SECRET,
  };
  await seedDemo(store);
  const app: Express = createApp(deps);
  return {
    fake,
    origin,
    store,
    deps,
    app,
    logger,
    /** Posts events the way LINE does: signed over the exact bytes. */
    webhook(events: unknown[]) {
      const body = webhookBody(events);
      return request(app)
        .post('/webhook')
        .set('content-type', 'application/json')
        .set('x-line-signature', sign(SECRET, body))
        .send(body);
    },
    token(userId: string, opts: { audience?: string; expiresInSec?: number } = {}) {
      return FakeLine.idToken(
        userId,
        opts.audience ?? LOGIN_CHANNEL,
        new Date(Date.now() + (opts.expiresInSec ?? 3600) * 1000),
      );
    },
    api(userId: string) {
      const auth = `Bearer ${FakeLine.idToken(userId, LOGIN_CHANNEL, new Date(Date.now() + 3600_000))}`;
      return {
        get: (path: string) => request(app).get(`/api${path}`).set('authorization', auth),
        post: (path: string, body: unknown) =>
          request(app)
            .post(`/api${path}`)
            .set('authorization', auth)
            .send(body as object),
        put: (path: string, body: unknown) =>
          request(app)
            .put(`/api${path}`)
            .set('authorization', auth)
            .send(body as object),
      };
    },
    async close() {
      await fake.close();
      await store.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof harness>>;

/** Every text the fake LINE API delivered, as one string, for leak scans. */
export function everythingSent(fake: FakeLine): string {
  return JSON.stringify(fake.sent);
}
