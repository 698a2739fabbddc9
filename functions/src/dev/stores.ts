/**
 * The store of the local stack and the CLIs: the embedded one in DATA_DIR, or Firestore. The deployed
 * functions open Firestore only (wiring.ts), so the embedded store never ships in functions/dist.
 */
import path from 'node:path';
import type { Config } from '../config';
import { EmbeddedStore } from '../adapters/embeddedStore';
import type { Store } from '../ports/store';
import { openFirestore } from '../wiring';

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
  config: Pick<Config, 'STORE' | 'DATA_DIR' | 'EMBEDDED_COMPACT_BYTES'>,
  opts: { serving?: boolean } = {},
): Promise<Store> {
  if (config.STORE === 'embedded') {
    const store = new EmbeddedStore(path.resolve(config.DATA_DIR), { indexed: opts.serving ? QUERIED_FIELDS : [] });
    store.compactAfterBytes = config.EMBEDDED_COMPACT_BYTES;
    return store;
  }
  return openFirestore();
}
