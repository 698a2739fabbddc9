import { FieldValue, type Firestore, type Query as FsQuery, type Transaction } from 'firebase-admin/firestore';
import {
  AlreadyExistsError,
  Increment,
  MAX_BATCH,
  StoreBusyError,
  type Doc,
  type Query,
  type Snap,
  type Store,
  type Tx,
  type Where,
  type Write,
} from '../ports/store';

const GET_ALL_CHUNK = 300;
/**
 * gRPC statuses after which a transaction may simply be tried again: lost to concurrent writers
 * (ABORTED), or timed out / unreachable under load. Callers' idempotency keys make a retry safe even
 * if the commit did land.
 */
const RETRY_LATER = new Set([10 /* ABORTED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

export interface FirestoreStoreOptions {
  /** Sees every query before it is sent; tests use it to fail on a query without its composite index. */
  onQuery?: (collection: string, q: Query) => void;
}

/** The Store port on Cloud Firestore through firebase-admin. */
export class FirestoreStore implements Store {
  constructor(
    private readonly db: Firestore,
    private readonly opts: FirestoreStoreOptions = {},
  ) {}

  async get<T = Doc>(path: string): Promise<T | undefined> {
    const snap = await this.db.doc(path).get();
    return snap.exists ? (snap.data() as T) : undefined;
  }

  async getMany<T = Doc>(paths: readonly string[]): Promise<Array<T | undefined>> {
    const out: Array<T | undefined> = [];
    for (let i = 0; i < paths.length; i += GET_ALL_CHUNK) {
      const refs = paths.slice(i, i + GET_ALL_CHUNK).map((p) => this.db.doc(p));
      if (refs.length === 0) continue;
      const snaps = await this.db.getAll(...refs);
      out.push(...snaps.map((s) => (s.exists ? (s.data() as T) : undefined)));
    }
    return out;
  }

  async query<T = Doc>(collection: string, q: Query = {}): Promise<Snap<T>[]> {
    const snap = await this.build(collection, q).get();
    return snap.docs.map((d) => ({ id: d.id, data: d.data() as T }));
  }

  async count(collection: string, where: readonly Where[] = []): Promise<number> {
    const snap = await this.build(collection, { where }).count().get();
    return snap.data().count;
  }

  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    try {
      return await this.db.runTransaction((t) => fn(this.wrap(t)));
    } catch (err) {
      // Contention outlasted the SDK's retries.
      if (RETRY_LATER.has((err as { code?: number }).code ?? -1)) throw new StoreBusyError(err);
      throw err;
    }
  }

  async batch(writes: readonly Write[]): Promise<void> {
    if (writes.length > MAX_BATCH) throw new Error(`batch larger than ${MAX_BATCH} writes`);
    const b = this.db.batch();
    for (const w of writes) {
      const ref = this.db.doc(w.path);
      if (w.kind === 'set') b.set(ref, toFirestore(w.data), { merge: !!w.merge });
      else if (w.kind === 'create') b.create(ref, toFirestore(w.data));
      else if (w.kind === 'update') b.update(ref, toFirestore(w.data));
      else b.delete(ref);
    }
    try {
      await b.commit();
    } catch (err) {
      // ALREADY_EXISTS: a create met a document (the embedded store says the same).
      const created = writes.find((w) => w.kind === 'create');
      if ((err as { code?: number }).code === 6 && created) throw new AlreadyExistsError(created.path);
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  private build(collection: string, q: Query): FsQuery {
    this.opts.onQuery?.(collection, q);
    let query: FsQuery = this.db.collection(collection);
    for (const [field, op, value] of q.where ?? []) query = query.where(field, op, value);
    if (q.orderBy) query = query.orderBy(q.orderBy.field, q.orderBy.dir ?? 'asc');
    if (q.limit !== undefined) query = query.limit(q.limit);
    return query;
  }

  private wrap(t: Transaction): Tx {
    return {
      get: async <T>(path: string) => {
        const snap = await t.get(this.db.doc(path));
        return snap.exists ? (snap.data() as T) : undefined;
      },
      query: async <T>(collection: string, q: Query) => {
        const snap = await t.get(this.build(collection, q));
        return snap.docs.map((d) => ({ id: d.id, data: d.data() as T }));
      },
      set: (path, data, opts) => void t.set(this.db.doc(path), toFirestore(data), { merge: !!opts?.merge }),
      create: (path, data) => void t.create(this.db.doc(path), toFirestore(data)),
      update: (path, data) => void t.update(this.db.doc(path), toFirestore(data)),
      delete: (path) => void t.delete(this.db.doc(path)),
    };
  }
}

/**
 * Increments become FieldValue.increment; undefined is left out at every depth (Firestore rejects
 * it anywhere in a document, nested maps and arrays included).
 */
export function toFirestore(data: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(data)) {
    if (v !== undefined) out[k] = toValue(v);
  }
  return out;
}

function toValue(v: unknown): unknown {
  if (v instanceof Increment) return FieldValue.increment(v.by);
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(toValue);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return toFirestore(v as Doc);
  return v;
}
