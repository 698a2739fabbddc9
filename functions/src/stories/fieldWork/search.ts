import {
  canSee,
  isValidIdentifier,
  matchesNameKeys,
  nameQuery,
  parseIdentifier,
  personalList,
  scopeFilter,
  type Child,
  type NameQuery,
  type User,
} from '@panong/shared';
import type { Store } from '../../ports/store';
import { scopeWhere } from '../../core/units';
import { nationalIdPath, type NationalIdEntry } from '../../core/children';
import { paths } from '../../core/documents';

export const MAX_RESULTS = 12; // a Flex carousel holds at most 12 bubbles

export type SearchResult =
  | { kind: 'results'; children: Child[]; total: number }
  | { kind: 'invalid_id' }
  | { kind: 'too_short' };

/**
 * Finds children the user may see, by national ID or G-code (Arabic or Thai digits) or by name: every child
 * whose first name, surname, or full name starts with what was typed, counted exactly, exact names
 * first. Children outside the user's scope are never returned, so "no match" and "not yours" look
 * the same. Reads: one count plus at most 12 + 24 documents, whatever the scope, in one round trip.
 */
export async function searchChildren(store: Store, user: User, text: string): Promise<SearchResult> {
  const id = parseIdentifier(text);
  if (id) {
    if (!isValidIdentifier(id)) return { kind: 'invalid_id' };
    const hits = (await store.query<Child>('children', { where: [['nationalId', '==', id]], limit: 5 })).map(
      (h) => h.data,
    );
    // An identifier the case had before (a G-code before its national ID, or a duplicate merged into it):
    // the identity index still names the case. One more read, and only on a miss.
    if (hits.length === 0) hits.push(...(await byPreviousId(store, id)));
    const mine = hits.filter((c) => canSee(user, c));
    return { kind: 'results', children: mine, total: mine.length };
  }
  const q = nameQuery(text);
  if (!q) return { kind: 'too_short' };
  const scope = scopeFilter(user);
  const personal = personalList(scope);
  if (personal) {
    // An assignment (or a partner's) list is small, so it is read whole and matched here.
    const mine = (await store.query<Child>('children', { where: [personal] })).map((h) => h.data);
    return ranked(
      mine.filter((c) => canSee(user, c)),
      q,
    );
  }
  const within = scopeWhere(scope);
  if (!within) return { kind: 'results', children: [], total: 0 }; // an officer without subdistricts
  const byKey = (key: string, limit: number) =>
    store.query<Child>('children', { where: [['searchKeys', 'array-contains', key], ...within], limit });
  const exactOnly = q.key !== q.text; // longer than the stored prefixes: only exact words can be counted by index
  // One round trip: the count, the exact names and the prefix matches are asked together (a chat answer waits
  // for each round trip; the prefix read is wasted only when 12 exact names fill the answer).
  const [total, exact, more] = await Promise.all([
    store.count('children', [['searchKeys', 'array-contains', exactOnly ? q.exact : q.key], ...within]),
    byKey(q.exact, MAX_RESULTS),
    exactOnly ? Promise.resolve([]) : byKey(q.key, 2 * MAX_RESULTS),
  ]);
  const seen = new Set(exact.map((e) => e.id));
  const found = [...exact, ...more.filter((m) => !seen.has(m.id))].map((h) => h.data).filter((c) => canSee(user, c));
  const result = ranked(found, q);
  return { ...result, total: Math.max(total, result.total) };
}

const thai = new Intl.Collator('th');

/**
 * The children whose name answers the query, exact names first, then by name in Thai order; at most 12 shown,
 * `total` all that match. Each child is matched once, on its stored keys (matching in the comparator and
 * normalising every name again was most of a national search's time).
 */
function ranked(children: Child[], q: NameQuery): { kind: 'results'; children: Child[]; total: number } {
  const matched = children.flatMap((c) => {
    const m = matchesNameKeys(c.searchKeys, c.firstName, c.lastName, q);
    return m.match ? [{ c, rank: m.exact ? 0 : 1 }] : [];
  });
  matched.sort(
    (a, b) => a.rank - b.rank || thai.compare(a.c.firstName, b.c.firstName) || thai.compare(a.c.lastName, b.c.lastName),
  );
  return { kind: 'results', children: matched.slice(0, MAX_RESULTS).map((m) => m.c), total: matched.length };
}

async function byPreviousId(store: Store, id: string): Promise<Child[]> {
  const entry = await store.get<NationalIdEntry>(nationalIdPath(id));
  const child = entry ? await store.get<Child>(paths.child(entry.childId)) : undefined;
  return child ? [child] : [];
}
