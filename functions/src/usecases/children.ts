import { nameSearchKeys, type Child, type Status } from '@panong/shared';
import { MAX_BATCH, type Store, type Write } from '../adapters/store';
import { CounterDeltas } from './stats';

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
    const counters = new CounterDeltas();
    for (const child of slice) counters.add(child, ['total', child.status], 1);
    if (counters.size > MAX_BATCH - slice.length) throw new Error('too many distinct schools in one batch');
    const writes: Write[] = slice.map((c) => ({ kind: 'set', path: `children/${c.id}`, data: { ...c } }));
    writes.push(...counters.writes());
    await store.batch(writes);
    onProgress?.(start + slice.length);
  }
}
