import { nameSearchKeys, type Child, type Status } from '@panong/shared';
import { increment, MAX_BATCH, type Store, type Write } from '../adapters/store';
import { statScopes } from './stats';

export type ChildRecord = Omit<Child, 'id' | 'assigneeIds' | 'status' | 'searchKeys' | 'version' | 'updatedAt'> & {
  assigneeIds?: string[];
  status?: Status;
};

export function newChild(id: string, record: ChildRecord, now: string): Child {
  return {
    ...record,
    id,
    assigneeIds: record.assigneeIds ?? [],
    status: record.status ?? 'not_tracked',
    searchKeys: nameSearchKeys(record.firstName, record.lastName),
    version: 1,
    updatedAt: now,
  };
}

/**
 * Writes new children with their counters, in atomic batches of at most 500 writes
 * (children plus the counter documents each batch touches).
 */
export async function addChildren(store: Store, children: readonly Child[], onProgress?: (done: number) => void): Promise<void> {
  const perBatch = MAX_BATCH - 64; // room for the counter writes of the batch
  for (let start = 0; start < children.length; start += perBatch) {
    const slice = children.slice(start, start + perBatch);
    const counters = new Map<string, { meta: Record<string, string>; byStatus: Map<Status, number> }>();
    for (const child of slice) {
      for (const { path, meta } of statScopes(child)) {
        const entry = counters.get(path) ?? { meta, byStatus: new Map<Status, number>() };
        entry.byStatus.set(child.status, (entry.byStatus.get(child.status) ?? 0) + 1);
        counters.set(path, entry);
      }
    }
    if (counters.size > MAX_BATCH - slice.length) throw new Error('too many distinct schools in one batch');
    const writes: Write[] = slice.map((c) => ({ kind: 'set', path: `children/${c.id}`, data: { ...c } }));
    for (const [path, { meta, byStatus }] of counters) {
      const data: Record<string, unknown> = { ...meta, total: increment([...byStatus.values()].reduce((a, b) => a + b, 0)) };
      for (const [status, n] of byStatus) data[status] = increment(n);
      writes.push({ kind: 'set', path, data, merge: true });
    }
    await store.batch(writes);
    onProgress?.(start + slice.length);
  }
}
