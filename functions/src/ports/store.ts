/**
 * The one persistence port. It is a deliberately small subset of Firestore's model
 * (documents by slash path, equality/array-contains/in/range filters, one orderBy, limit,
 * transactions with reads before writes, atomic batches, numeric increments) so that the
 * Firestore adapter is a thin translation and the embedded adapter stays simple.
 */
export type Doc = Record<string, unknown>;
export type WhereOp = '==' | '!=' | 'array-contains' | 'in' | '<' | '<=' | '>' | '>=';
export type Where = readonly [field: string, op: WhereOp, value: unknown];

export interface Query {
  where?: readonly Where[];
  orderBy?: { field: string; dir?: 'asc' | 'desc' };
  limit?: number;
}

export interface Snap<T> {
  id: string;
  data: T;
}

/** A numeric field change applied by the store (never read-modify-write in application code). */
export class Increment {
  constructor(readonly by: number) {}
}
export const increment = (by: number) => new Increment(by);

export type Write =
  | { kind: 'set'; path: string; data: Doc; merge?: boolean }
  | { kind: 'create'; path: string; data: Doc }
  | { kind: 'update'; path: string; data: Doc }
  | { kind: 'delete'; path: string };

export interface Tx {
  get<T = Doc>(path: string): Promise<T | undefined>;
  query<T = Doc>(collection: string, q: Query): Promise<Snap<T>[]>;
  set(path: string, data: Doc, opts?: { merge?: boolean }): void;
  /** Fails the whole transaction if the document already exists. */
  create(path: string, data: Doc): void;
  /** Fails the whole transaction if the document does not exist. */
  update(path: string, data: Doc): void;
  delete(path: string): void;
}

/**
 * Documents a store returns are the caller's to read, not to change: the embedded store hands out its own frozen
 * copies (no copy per read), so a change is a TypeError there; copy first (`{ ...doc }`) to build on one.
 */
export interface Store {
  get<T = Doc>(path: string): Promise<T | undefined>;
  /** Several documents by path in one round trip, in the order asked (undefined where missing). */
  getMany<T = Doc>(paths: readonly string[]): Promise<Array<T | undefined>>;
  query<T = Doc>(collection: string, q?: Query): Promise<Snap<T>[]>;
  count(collection: string, where?: readonly Where[]): Promise<number>;
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  /** Atomic group of at most MAX_BATCH writes. */
  batch(writes: readonly Write[]): Promise<void>;
  close(): Promise<void>;
}

export const MAX_BATCH = 500;
/** Firestore's limit on the values of one `in` filter. */
export const MAX_IN = 30;

/** Documents whose `field` is one of `values`: one `in` query per 30 values, in parallel. */
export async function queryIn<T>(
  store: Pick<Store, 'query'>,
  collection: string,
  field: string,
  values: readonly string[],
): Promise<Snap<T>[]> {
  const parts = Array.from({ length: Math.ceil(values.length / MAX_IN) }, (_, i) =>
    values.slice(i * MAX_IN, (i + 1) * MAX_IN),
  );
  return (await Promise.all(parts.map((part) => store.query<T>(collection, { where: [[field, 'in', part]] })))).flat();
}

export class AlreadyExistsError extends Error {
  constructor(readonly path: string) {
    super(`document already exists: ${path}`);
  }
}
export class NotFoundError extends Error {
  constructor(readonly path: string) {
    super(`document not found: ${path}`);
  }
}

/** Too many writers on the same documents right now (Firestore ABORTED after its retries): safe to retry. */
export class StoreBusyError extends Error {
  constructor(cause?: unknown) {
    super('store contention: retry', { cause });
  }
}

export function splitPath(path: string): { collection: string; id: string } {
  const i = path.lastIndexOf('/');
  if (i <= 0 || i === path.length - 1 || path.split('/').length % 2 !== 0)
    throw new Error(`not a document path: ${path}`);
  return { collection: path.slice(0, i), id: path.slice(i + 1) };
}
