import type { Query } from '../ports/store';

/** One field of a composite index as firestore.indexes.json writes it. */
export interface IndexField {
  fieldPath: string;
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
}
export interface CompositeIndex {
  collectionGroup: string;
  queryScope?: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: IndexField[];
}

const EQUALITY = new Set(['==', 'in']);
const RANGE = new Set(['<', '<=', '>', '>=', '!=']);

/**
 * The composite index a query needs in production, or undefined when Firestore's automatic
 * single-field indexes serve it (one field, or equalities only, which Firestore merges).
 * Equality fields come first in any order, then array-contains, then the range field, then the order.
 * No emulator enforces this: tests run every query of the suite through it.
 */
export type NeededIndex = CompositeIndex & {
  /** the first `equalities` fields are equality filters */ equalities: number;
};

export function requiredIndex(collection: string, q: Query): NeededIndex | undefined {
  const where = q.where ?? [];
  const eq = [...new Set(where.filter(([, op]) => EQUALITY.has(op)).map(([f]) => f))];
  const arr = where.filter(([, op]) => op === 'array-contains').map(([f]) => f);
  const range = [...new Set(where.filter(([, op]) => RANGE.has(op)).map(([f]) => f))];
  const order = q.orderBy;
  const fields = new Set([...eq, ...arr, ...range, ...(order ? [order.field] : [])]);
  if (fields.size <= 1) return undefined;
  if (arr.length === 0 && range.length === 0 && !order) return undefined;
  const dir = (d?: 'asc' | 'desc') => (d === 'desc' ? 'DESCENDING' : 'ASCENDING');
  const tail: IndexField[] = [];
  for (const f of range) tail.push({ fieldPath: f, order: order?.field === f ? dir(order.dir) : 'ASCENDING' });
  if (order && !range.includes(order.field)) tail.push({ fieldPath: order.field, order: dir(order.dir) });
  const head = eq.filter((f) => !range.includes(f) && f !== order?.field).sort();
  const collectionGroup = collection.split('/').at(-1)!;
  return {
    collectionGroup,
    queryScope: 'COLLECTION',
    equalities: head.length,
    fields: [
      ...head.map((f) => ({ fieldPath: f, order: 'ASCENDING' as const })),
      ...arr.map((f) => ({ fieldPath: f, arrayConfig: 'CONTAINS' as const })),
      ...tail,
    ],
  };
}

/**
 * Whether `declared` (firestore.indexes.json) serves `needed`: equality fields in any order and direction, the rest
 * exactly.
 */
export function isDeclared(needed: NeededIndex, declared: readonly CompositeIndex[]): boolean {
  const key = (f: IndexField) => `${f.fieldPath}:${f.arrayConfig ?? f.order}`;
  const k = needed.equalities;
  const sorted = (fs: IndexField[]) =>
    fs
      .map((f) => f.fieldPath)
      .sort()
      .join();
  return declared.some(
    (d) =>
      d.collectionGroup === needed.collectionGroup &&
      (d.queryScope ?? 'COLLECTION') === 'COLLECTION' &&
      d.fields.length === needed.fields.length &&
      d.fields.slice(0, k).every((f) => !f.arrayConfig) &&
      sorted(d.fields.slice(0, k)) === sorted(needed.fields.slice(0, k)) &&
      d.fields.slice(k).map(key).join() === needed.fields.slice(k).map(key).join(),
  );
}
