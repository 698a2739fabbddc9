import { createHash } from 'node:crypto';
import { DUPLICATE_REASONS, duplicateGroups, groupReasons, type Child, type DuplicateReason } from '@panong/shared';
import { factsOf } from './facts';
import { paths, type DuplicatePair } from '../../core/documents';
import type { Store, Write } from '../../ports/store';

const LOOKUP = 500;

const groupPath = (group: string) =>
  paths.duplicateGroup(createHash('sha256').update(group).digest('base64url').slice(0, 22));
const member = (id: string) => `m_${id}`;
export const pairId = (x: string, y: string) => (x < y ? `${x}__${y}` : `${y}__${x}`);

/**
 * Puts new or changed cases in their duplicate groups (`duplicateGroups/{hash}`: `m_<childId>` = the
 * member's signature, merged in without a read) and returns those writes and the pairs they open with
 * any member, earlier or in the same call. A pair already known in any state (open, merged, distinct)
 * is not opened again. Reads: the group documents and the candidate pairs, requests of 500 sent together.
 */
export async function flagDuplicates(
  store: Pick<Store, 'getMany'>,
  cases: readonly Child[],
  now: string,
): Promise<{ writes: Write[]; pairs: number }> {
  const groups = new Map<string, { path: string; group: string; fresh: Map<string, string> }>();
  for (const c of cases)
    for (const { group, sig } of duplicateGroups(factsOf(c))) {
      const path = groupPath(group);
      let g = groups.get(path);
      if (!g) groups.set(path, (g = { path, group, fresh: new Map() }));
      g.fresh.set(c.id, sig);
    }
  const all = [...groups.values()];
  const docs = await getAll<Record<string, string>>(
    store,
    all.map((g) => g.path),
  );
  const writes: Write[] = [];
  const reasons = new Map<string, Set<DuplicateReason>>();
  for (const [i, g] of all.entries()) {
    const members = new Map(Object.entries(docs[i] ?? {}).map(([f, sig]) => [f.slice(2), sig]));
    for (const [id, sig] of g.fresh) members.set(id, sig);
    writes.push({
      kind: 'set',
      path: g.path,
      data: Object.fromEntries([...g.fresh].map(([id, sig]) => [member(id), sig])),
      merge: true,
    });
    for (const [id, sig] of g.fresh)
      for (const [other, otherSig] of members) {
        if (other === id) continue;
        const found = groupReasons(g.group, sig, otherSig);
        if (found.length === 0) continue;
        const p = pairId(id, other);
        let set = reasons.get(p);
        if (!set) reasons.set(p, (set = new Set()));
        for (const r of found) set.add(r);
      }
  }
  const ids = [...reasons.keys()];
  const existing = await getAll<DuplicatePair>(store, ids.map(paths.duplicate));
  const opened = ids.filter((_, i) => !existing[i]);
  const area = new Map(cases.map((c) => [c.id, c.areaCode]));
  const others = [...new Set(opened.flatMap((p) => p.split('__')))].filter((id) => !area.has(id));
  for (const [i, c] of (await getAll<Child>(store, others.map(paths.child))).entries())
    if (c) area.set(others[i]!, c.areaCode);
  let pairs = 0;
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
    pairs++;
  }
  return { writes, pairs };
}

/** Reads in requests of 500 documents, all at once (one round trip's wait, not one per request). */
async function getAll<T>(store: Pick<Store, 'getMany'>, all: readonly string[]): Promise<Array<T | undefined>> {
  const parts: Array<Promise<Array<T | undefined>>> = [];
  for (let i = 0; i < all.length; i += LOOKUP) parts.push(store.getMany<T>(all.slice(i, i + LOOKUP)));
  return (await Promise.all(parts)).flat();
}
