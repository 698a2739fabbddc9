import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Config, FunctionConfig } from './config';
import type { Deps } from './deps';
import { EmbeddedStore } from './adapters/embeddedStore';
import { lineIdTokenVerifier } from './adapters/idToken';
import { lineClient } from './adapters/line';
import { createLogger } from './adapters/logger';
import type { Store } from './adapters/store';

/** Fields the request paths filter on: an embedded store serving requests builds their indexes while it loads. */
export const QUERIED_FIELDS = [
  ['children', 'searchKeys'],
  ['children', 'nationalId'],
  ['children', 'assigneeIds'],
  ['children', 'schoolCode'],
  ['children', 'areaCode'],
  ['users', 'role'],
  ['users', 'schoolCode'],
  ['stats', 'level'],
  ['stats', 'areaCode'],
  ['sightings', 'status'],
  ['sightings', 'areaCode'],
  ['partners', 'province'],
  ['partners', 'areas'],
  ['referrals', 'partnerId'],
  ['referrals', 'schoolCode'],
  ['referrals', 'areaCode'],
  ['referrals', 'childId'],
  ['followups', 'childId'],
  ['followups', 'schoolCode'],
  ['followups', 'areaCode'],
  ['children', 'partnerId'],
  ['snapshots', 'unit'],
  ['schools', 'area'],
] as const;

/** The configured store; `serving` (a server, not a command) has the query indexes built as it loads. */
export async function openStore(
  config: { STORE: 'firestore' } | Pick<Config, 'STORE' | 'DATA_DIR' | 'EMBEDDED_COMPACT_BYTES'>,
  opts: { serving?: boolean } = {},
): Promise<Store> {
  if (config.STORE === 'embedded' && 'DATA_DIR' in config) {
    const store = new EmbeddedStore(path.resolve(config.DATA_DIR), { indexed: opts.serving ? QUERIED_FIELDS : [] });
    store.compactAfterBytes = config.EMBEDDED_COMPACT_BYTES;
    return store;
  }
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
    verifyIdToken: lineIdTokenVerifier({ origin: config.LINE_API_ORIGIN, channelId: config.LINE_LOGIN_CHANNEL_ID, now: clock }),
    clock,
    newId: () => randomUUID(),
    logger: createLogger(),
    liffId: config.LIFF_ID,
    loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
    channelSecret: config.LINE_CHANNEL_SECRET,
    mapTiles: { url: config.MAP_TILE_URL, attribution: config.MAP_ATTRIBUTION },
  };
}
