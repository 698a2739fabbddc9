import { openPerWorker, ROLE_LABEL, type User, type WorkerLoad } from '@panong/shared';
import type { Store } from '../../ports/store';
import { paths } from '../../core/documents';

/** The most field workers a dashboard names (one user read each); the report names them all. */
export const WORKERS_SHOWN = 30;

/**
 * Open cases per field worker of a unit, from its counter document (`w_<user>` fields, or their sum for the
 * country): no child is read, one user read per named worker.
 */
export async function workerLoads(
  store: Pick<Store, 'getMany'>,
  counters: Record<string, unknown>,
  limit = WORKERS_SHOWN,
): Promise<WorkerLoad[]> {
  const top = openPerWorker(counters).slice(0, limit);
  const users = await store.getMany<User>(top.map((w) => paths.user(w.userId)));
  return top.map((w, i) => {
    const u = users[i];
    return {
      name: u?.displayName ?? (u ? 'ไม่ทราบชื่อ' : 'ผู้ใช้ที่ออกจากระบบแล้ว'),
      role: u ? ROLE_LABEL[u.role] : '',
      open: w.open,
    };
  });
}
