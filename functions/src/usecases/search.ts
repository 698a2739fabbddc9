import {
  canSee,
  isValidNationalId,
  nameQuery,
  parseNationalId,
  scopeFilter,
  type Child,
  type User,
} from '@panong/shared';
import type { Store, Where } from '../adapters/store';

export const MAX_RESULTS = 12; // a Flex carousel holds at most 12 bubbles
const FETCH_LIMIT = 60;

export type SearchResult =
  | { kind: 'results'; children: Child[]; total: number }
  | { kind: 'invalid_id' }
  | { kind: 'too_short' };

/**
 * Finds children the user may see, by national ID (Arabic or Thai digits) or by (partial) name.
 * Children outside the user's scope are never returned, so "no match" and "not yours" look the same.
 */
export async function searchChildren(store: Store, user: User, text: string): Promise<SearchResult> {
  const id = parseNationalId(text);
  if (id) {
    if (!isValidNationalId(id)) return { kind: 'invalid_id' };
    const hits = await store.query<Child>('children', { where: [['nationalId', '==', id]], limit: 5 });
    return visible(user, hits.map((h) => h.data));
  }
  const q = nameQuery(text);
  if (!q) return { kind: 'too_short' };
  const scope = scopeFilter(user);
  const where: Where[] =
    scope.kind === 'assigned' ? [['assigneeIds', 'array-contains', scope.userId]] : [['searchKeys', 'array-contains', q.key]];
  if (scope.kind === 'area') where.push(['areaCode', '==', scope.areaCode]);
  if (scope.kind === 'school') where.push(['schoolCode', '==', scope.schoolCode]);
  // An assignment list is small, so it is read whole and matched here.
  const hits = await store.query<Child>('children', { where, ...(scope.kind === 'assigned' ? {} : { limit: FETCH_LIMIT }) });
  const wanted = [q.key, ...q.rest];
  return visible(
    user,
    hits.map((h) => h.data).filter((c) => wanted.every((k) => c.searchKeys.includes(k))),
  );
}

const thai = new Intl.Collator('th');

function visible(user: User, children: Child[]): SearchResult {
  const mine = children.filter((c) => canSee(user, c));
  mine.sort((a, b) => thai.compare(a.firstName, b.firstName) || thai.compare(a.lastName, b.lastName));
  return { kind: 'results', children: mine.slice(0, MAX_RESULTS), total: mine.length };
}
