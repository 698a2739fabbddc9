/**
 * The store the integration tests run on: the embedded store, or (jest project "firestore") the
 * real firebase-admin code path against the official Cloud Firestore emulator that globalSetup
 * started. Each store gets its own emulator project, so test files never see each other's data.
 * Every query is checked against firestore.indexes.json: the emulator serves any query, production does not.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedStore } from '../../functions/src/adapters/embedded/embeddedStore';
import { FirestoreStore } from '../../functions/src/adapters/firestoreStore';
import { isDeclared, requiredIndex, type CompositeIndex } from '../../functions/src/adapters/firestoreIndexes';
import type { Doc, Query, Store, Tx, Write } from '../../functions/src/ports/store';

export const TEST_STORE: 'embedded' | 'firestore' =
  process.env.PANONG_TEST_STORE === 'firestore' ? 'firestore' : 'embedded';
export const onFirestore = TEST_STORE === 'firestore';

const declared = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../firestore.indexes.json'), 'utf8')) as {
    indexes: CompositeIndex[];
  }
).indexes;

export function assertIndexed(collection: string, q: Query): void {
  const needed = requiredIndex(collection, q);
  if (needed && !isDeclared(needed, declared)) {
    const { equalities: _e, ...index } = needed;
    throw new Error(
      `query on ${collection} needs a composite index missing from firestore.indexes.json: ${JSON.stringify(index)}`,
    );
  }
}

let projects = 0;
export async function openTestStore(opts: { checkIndexes?: boolean } = {}): Promise<Store> {
  if (!onFirestore) return new EmbeddedStore();
  if (!process.env.FIRESTORE_EMULATOR_HOST)
    throw new Error(
      'FIRESTORE_EMULATOR_HOST is not set: the Firestore tests ' +
        'need the emulator that tests/helpers/globalSetup.js starts',
    );
  const { initializeApp, deleteApp } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  // Unique per store: jest reuses worker processes and resets module state per test file.
  const projectId = `panong-${process.pid}-${++projects}-${randomUUID().slice(0, 8)}`;
  const app = initializeApp({ projectId }, projectId);
  const store = new FirestoreStore(getFirestore(app), {
    onQuery: opts.checkIndexes === false ? undefined : assertIndexed,
  });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await deleteApp(app);
  };
  return store;
}

/**
 * Any store with an injectable commit failure (a full disk, a Firestore outage): asked with the
 * paths of each commit before it reaches the store, so a failed commit writes nothing on either adapter.
 */
export class FaultyStore implements Store {
  failCommitIf: ((paths: string[]) => Error | undefined) | undefined;
  /** The paths written by each commit that reached the store, in order. */
  readonly commits: string[][] = [];
  constructor(readonly inner: Store) {}

  get<T = Doc>(path: string) {
    return this.inner.get<T>(path);
  }
  getMany<T = Doc>(paths: readonly string[]) {
    return this.inner.getMany<T>(paths);
  }
  query<T = Doc>(collection: string, q?: Query) {
    return this.inner.query<T>(collection, q);
  }
  count(collection: string, where?: Parameters<Store['count']>[1]) {
    return this.inner.count(collection, where);
  }
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    return this.inner.transaction(async (tx) => {
      const paths: string[] = [];
      const recording: Tx = {
        get: (p) => tx.get(p),
        query: (c, q) => tx.query(c, q),
        set: (p, d, o) => (paths.push(p), tx.set(p, d, o)),
        create: (p, d) => (paths.push(p), tx.create(p, d)),
        update: (p, d) => (paths.push(p), tx.update(p, d)),
        delete: (p) => (paths.push(p), tx.delete(p)),
      };
      const result = await fn(recording);
      const injected = this.failCommitIf?.(paths);
      if (injected) throw injected;
      this.commits.push(paths);
      return result;
    });
  }
  async batch(writes: readonly Write[]): Promise<void> {
    const injected = this.failCommitIf?.(writes.map((w) => w.path));
    if (injected) throw injected;
    await this.inner.batch(writes);
    this.commits.push(writes.map((w) => w.path));
  }
  close() {
    return this.inner.close();
  }
}
