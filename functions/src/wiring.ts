import { randomUUID } from 'node:crypto';
import type { FunctionConfig } from './config';
import type { Deps } from './deps';
import { lineIdTokenVerifier } from './adapters/idToken';
import { lineClient } from './adapters/lineClient';
import { createLogger } from './adapters/logger';
import type { Store } from './ports/store';

/** Firestore through firebase-admin (the emulator when FIRESTORE_EMULATOR_HOST is set). */
export async function openFirestore(): Promise<Store> {
  const { initializeApp, getApps } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const { FirestoreStore } = await import('./adapters/firestoreStore');
  const app = getApps()[0] ?? initializeApp();
  return new FirestoreStore(getFirestore(app));
}

/** Real adapters from configuration: the LINE SDK client and ID-token verification both go to LINE_API_ORIGIN. */
export function realDeps(config: FunctionConfig, store: Store): Deps {
  const clock = () => new Date();
  return {
    store,
    line: lineClient({ channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN, origin: config.LINE_API_ORIGIN }),
    verifyIdToken: lineIdTokenVerifier({
      origin: config.LINE_API_ORIGIN,
      channelId: config.LINE_LOGIN_CHANNEL_ID,
      now: clock,
    }),
    clock,
    newId: () => randomUUID(),
    logger: createLogger(),
    liffId: config.LIFF_ID,
    loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
    channelSecret: config.LINE_CHANNEL_SECRET,
    mapTiles: { url: config.MAP_TILE_URL, attribution: config.MAP_ATTRIBUTION },
  };
}
