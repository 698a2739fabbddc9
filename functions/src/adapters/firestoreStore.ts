import { FieldValue, type Firestore, type Query as FsQuery, type Transaction } from 'firebase-admin/firestore';
import { Increment, MAX_BATCH, type Doc, type Query, type Snap, type Store, type Tx, type Where, type Write } from './store';

/** The Store port on Cloud Firestore through firebase-admin. */
export class FirestoreStore implements Store {
  constructor(private readonly db: Firestore) {}

  async get<T = Doc>(path: string): Promise<T | undefined> {
    const snap = await this.db.doc(path).get();
    return snap.exists ? (snap.data() as T) : undefined;
  }

  async query<T = Doc>(collection: string, q: Query = {}): Promise<Snap<T>[]> {
    const snap = await this.build(collection, q).get();
    return snap.docs.map((d) => ({ id: d.id, data: d.data() as T }));
  }

  async count(collection: string, where: readonly Where[] = []): Promise<number> {
    const snap = await this.build(collection, { where }).count().get();
    return snap.data().count;
  }

  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    return this.db.runTransaction((t) => fn(this.wrap(t)));
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
    await b.commit();
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  private build(collection: string, q: Query): FsQuery {
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

/** Increments become FieldValue.increment; undefined fields are left out (Firestore rejects them). */
function toFirestore(data: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    out[k] = v instanceof Increment ? FieldValue.increment(v.by) : v;
  }
  return out;
}
