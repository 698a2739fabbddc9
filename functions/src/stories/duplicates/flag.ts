import { createHash } from 'node:crypto';
import {
  duplicateKeys,
  DUPLICATE_REASONS,
  MAX_KEY_MEMBERS,
  type Child,
  type DuplicateFacts,
  type DuplicateReason,
} from '@panong/shared';
import { paths, type DuplicateKeyDoc, type DuplicatePair } from '../../core/documents';
import type { Store, Write } from '../../ports/store';

const LOOKUP = 500;

export type FlagCase = DuplicateFacts & Pick<Child, 'id' | 'areaCode'>;

const keyHash = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 22);
const member = (id: string) => `m_${id}`;
export const pairId = (x: string, y: string) => (x < y ? `${x}__${y}` : `${y}__${x}`);

/**
 * Adds new or changed cases to the blocking-key index and returns the writes that do it and open the
 * pairs they form, with cases indexed before or with each other. A pair already known in any state
 * (open, merged, distinct) is not opened again. Reads: the key documents, the pairs and the other
 * sides' areas, each in one round trip per 500.
 */
export async function flagDuplicates(
  store: Pick<Store, 'getMany'>,
  cases: readonly FlagCase[],
  now: string,
): Promise<{ writes: Write[]; pairs: number }> {
  const byKey = new Map<string, { hash: string; reason: DuplicateReason; ids: string[] }>();
  for (const c of cases)
    for (const { key, reason } of duplicateKeys(c)) {
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { hash: keyHash(key), reason, ids: [] }));
      if (!entry.ids.includes(c.id)) entry.ids.push(c.id);
    }
  const entries = [...byKey.values()];
  const docs = await getAll<DuplicateKeyDoc>(
    store,
    entries.map((e) => paths.duplicateKey(e.hash)),
  );
  const writes: Write[] = [];
  const reasons = new Map<string, Set<DuplicateReason>>();
  for (const [i, e] of entries.entries()) {
    const known = Object.keys(docs[i] ?? {}).map((f) => f.slice(2));
    const fresh = e.ids.filter((id) => !known.includes(id));
    const members = [...known, ...fresh];
    if (members.length > MAX_KEY_MEMBERS) continue;
    if (fresh.length)
      writes.push({
        kind: 'set',
        path: paths.duplicateKey(e.hash),
        data: Object.fromEntries(fresh.map((id) => [member(id), true])),
        merge: true,
      });
    for (const id of e.ids)
      for (const other of members) {
        if (other === id) continue;
        const p = pairId(id, other);
        let set = reasons.get(p);
        if (!set) reasons.set(p, (set = new Set()));
        set.add(e.reason);
      }
  }
  const ids = [...reasons.keys()];
  const existing = await getAll<DuplicatePair>(store, ids.map(paths.duplicate));
  const opened = ids.filter((_, i) => !existing[i]);
  const area = new Map(cases.map((c) => [c.id, c.areaCode]));
  const others = [...new Set(opened.flatMap((p) => p.split('__')))].filter((id) => !area.has(id));
  for (const [i, c] of (await getAll<Child>(store, others.map(paths.child))).entries())
    if (c) area.set(others[i]!, c.areaCode);
  for (const p of opened) {
    const [a, b] = p.split('__') as [string, string];
    if (!area.has(a) || !area.has(b)) continue; // a side merged away meanwhile
    const pair: DuplicatePair = {
      id: p,
      a,
      b,
      reasons: DUPLICATE_REASONS.filter((r) => reasons.get(p)!.has(r)),
      areaCodes: [...new Set([area.get(a)!, area.get(b)!])],
      state: 'open',
      createdAt: now,
    };
    writes.push({ kind: 'set', path: paths.duplicate(p), data: { ...pair } });
  }
  return { writes, pairs: opened.length };
}

async function getAll<T>(store: Pick<Store, 'getMany'>, all: readonly string[]): Promise<Array<T | undefined>> {
  const out: Array<T | undefined> = [];
  for (let i = 0; i < all.length; i += LOOKUP) out.push(...(await store.getMany<T>(all.slice(i, i + LOOKUP))));
  return out;
}
