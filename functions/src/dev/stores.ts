/**
 * The store of the local stack and the CLIs: the embedded one in DATA_DIR, or Firestore. The deployed
 * functions open Firestore only (wiring.ts), so the embedded store never ships in functions/dist.
 */
import path from 'node:path';
import type { Config } from '../config';
import { DataDirInUseError } from '../adapters/embedded/dataDirLog';
import { EmbeddedStore } from '../adapters/embedded/embeddedStore';
import { RemoteStore } from '../adapters/embedded/remoteStore';
import type { Store } from '../ports/store';
import { openFirestore } from '../wiring';

/** Fields the request paths filter on: an embedded store serving requests builds their indexes while it loads. */
export const QUERIED_FIELDS = [
  ['children', 'searchKeys'],
  ['children', 'guardianPhoneKey'],
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
  ['transfers', 'toArea'],
  ['duplicates', 'state'],
  ['duplicates', 'areaCodes'],
  ['transfers', 'fromArea'],
  ['users', 'areaCode'],
  ['children', 'placeCode'],
  ['plans', 'childId'],
  ['plans', 'schoolCode'],
  ['plans', 'areaCode'],
  ['plans', 'placeCode'],
] as const;

/** How long a command waits for DATA_DIR held by another command (a server is reached at once). */
const OWNER_WAIT_MS = 60_000;

/**
 * The configured store. Embedded: the process that opens DATA_DIR owns it; `serving` (the local
 * server) has the query indexes built as it loads and refuses a DATA_DIR another server holds. A
 * command beside a running server works through that server (RemoteStore), else waits for the command
 * that holds DATA_DIR to finish.
 */
export async function openStore(
  config: Pick<Config, 'STORE' | 'DATA_DIR' | 'EMBEDDED_COMPACT_BYTES'>,
  opts: { serving?: boolean } = {},
): Promise<Store> {
  if (config.STORE !== 'embedded') return openFirestore();
  const dir = path.resolve(config.DATA_DIR);
  const deadline = Date.now() + OWNER_WAIT_MS;
  for (;;) {
    try {
      const store = new EmbeddedStore(dir, { indexed: opts.serving ? QUERIED_FIELDS : [] });
      store.compactAfterBytes = config.EMBEDDED_COMPACT_BYTES;
      return store;
    } catch (err) {
      if (!(err instanceof DataDirInUseError)) throw err;
      const { pid, url, token } = err.owner;
      if (opts.serving) throw new Error(`DATA_DIR ${dir} มีโปรเซส ${pid} ใช้อยู่: หยุดโปรเซสนั้นก่อน หรือตั้ง DATA_DIR อื่น`);
      if (url && token) return new RemoteStore(url, token);
      if (Date.now() > deadline) throw new Error(`DATA_DIR ${dir} ยังมีคำสั่งอื่น (โปรเซส ${pid}) ใช้อยู่: ลองใหม่ภายหลัง`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
