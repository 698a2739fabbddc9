import { DataDirLog } from './dataDirLog';
import {
  AlreadyExistsError,
  Increment,
  MAX_BATCH,
  NotFoundError,
  splitPath,
  type Doc,
  type Query,
  type Snap,
  type Store,
  type Tx,
  type Where,
  type Write,
} from '../../ports/store';

type Collection = Map<string, Doc>;
/** field → value key → ids; built on first query by that field, kept up to date on every write. */
type FieldIndex = Map<string, Set<string>>;

const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
/**
 * In-memory store for the local stack, tests and benchmarks; with `dataDir`, durable through
 * DataDirLog (one fdatasync'd JSON line per committed transaction or batch) and the only process
 * using that DATA_DIR: others reach it through its store endpoint (RemoteStore). Transactions are
 * serialised; all reads of a transaction come before its writes.
 */
export class EmbeddedStore implements Store {
  private readonly collections = new Map<string, Collection>();
  private readonly indexes = new Map<string, Map<string, FieldIndex>>();

  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: DataDirLog | undefined;
  /** Compact when the log grows past this many bytes. */
  compactAfterBytes = COMPACT_AFTER_BYTES;

  /**
   * `flush: false` acknowledges a commit without waiting for the disk (the production-latency bench: its fixed
   * delay per call stands for Firestore's commit, and a local fdatasync would count twice).
   */
  private readonly flush: boolean;

  /**
   * `indexed`: fields whose equality indexes are built while the log loads (a server's query
   * fields), so the first search after opening answers at once instead of building a national index
   * on the request path. Commands that only write (imports) leave it empty and stay small.
   */
  constructor(
    dataDir?: string,
    opts: { indexed?: ReadonlyArray<readonly [collection: string, field: string]>; flush?: boolean } = {},
  ) {
    this.flush = opts.flush ?? true;
    for (const [collection, field] of opts.indexed ?? []) {
      let byField = this.indexes.get(collection);
      if (!byField) this.indexes.set(collection, (byField = new Map()));
      byField.set(field, new Map());
    }
    if (!dataDir) return;
    this.log = new DataDirLog(dataDir);
    this.log.load((p, doc) => this.apply(p, doc));
  }

  async get<T = Doc>(p: string): Promise<T | undefined> {
    return this.raw(p) as T | undefined;
  }

  async getMany<T = Doc>(paths: readonly string[]): Promise<Array<T | undefined>> {
    return paths.map((p) => this.raw(p) as T | undefined);
  }

  async query<T = Doc>(collection: string, q: Query = {}): Promise<Snap<T>[]> {
    return this.runQuery(collection, q) as Snap<T>[];
  }

  async count(collection: string, where: readonly Where[] = []): Promise<number> {
    return this.countMatches(collection, where);
  }

  /** Serialised within the process, which owns DATA_DIR alone: no other writer can change what it read. */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    const run = this.queue.then(async () => {
      const writes: Write[] = [];
      const guardRead = () => {
        if (writes.length > 0) throw new Error('transaction reads must come before writes');
      };
      const tx: Tx = {
        get: async <T>(p: string) => {
          guardRead();
          return this.raw(p) as T | undefined;
        },
        query: async <T>(c: string, q: Query) => {
          guardRead();
          return this.runQuery(c, q) as Snap<T>[];
        },
        set: (p, data, opts) => void writes.push({ kind: 'set', path: p, data, merge: opts?.merge }),
        create: (p, data) => void writes.push({ kind: 'create', path: p, data }),
        update: (p, data) => void writes.push({ kind: 'update', path: p, data }),
        delete: (p) => void writes.push({ kind: 'delete', path: p }),
      };
      const result = await fn(tx);
      this.commit(writes);
      return result;
    });
    this.queue = run.catch(() => undefined);
    // Acknowledged only once durable; the next transaction does not wait for this one's fdatasync.
    return run.then(async (result) => {
      await this.durable();
      return result;
    });
  }

  private syncing: Promise<void> | undefined;
  /** One fdatasync for every commit made since the last one (group commit), then everyone waiting goes on. */
  private durable(): Promise<void> {
    if (!this.log || !this.flush) return Promise.resolve();
    this.syncing ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.syncing = undefined;
        try {
          this.log!.sync();
          resolve();
        } catch (err) {
          reject(err as Error);
        }
      }),
    );
    return this.syncing;
  }

  async batch(writes: readonly Write[]): Promise<void> {
    if (writes.length > MAX_BATCH) throw new Error(`batch larger than ${MAX_BATCH} writes`);
    await this.transaction(async (tx) => {
      for (const w of writes) {
        if (w.kind === 'set') tx.set(w.path, w.data, { merge: w.merge });
        else if (w.kind === 'delete') tx.delete(w.path);
        else tx[w.kind](w.path, w.data);
      }
    });
  }

  async close(): Promise<void> {
    await this.queue;
    this.log?.close();
  }

  /** Rewrites DATA_DIR's snapshot from memory and empties its log. */
  compact(): void {
    this.log?.compact(this.allDocs());
  }

  /** Tells other processes that this one serves store calls for DATA_DIR at `url` (dev/storeEndpoint.ts). */
  advertise(url: string, token: string): void {
    this.log?.advertise({ url, token });
  }

  private *allDocs(): Iterable<[string, Doc]> {
    for (const [c, docs] of this.collections) for (const [id, doc] of docs) yield [`${c}/${id}`, doc];
  }

  // ---- internals ----

  private raw(p: string): Doc | undefined {
    const { collection, id } = splitPath(p);
    return this.collections.get(collection)?.get(id);
  }

  /**
   * Validates every write first, then logs one line and applies it: all or nothing. What is kept is the JSON of
   * each post-image parsed back: exactly what a restart loads (no Date or undefined that only memory would have),
   * a copy the caller can no longer change, and flat strings (a value cut from a list file's text would otherwise
   * keep that whole text alive).
   */
  private commit(writes: readonly Write[]): void {
    if (writes.length === 0) return;
    const entries = this.images(writes).map(([p, doc]) => [p, JSON.stringify(doc)] as const);
    this.log?.append(entries);
    for (const [p, json] of entries) this.apply(p, JSON.parse(json) as Doc | null);
    if (this.log && this.log.size > this.compactAfterBytes) this.log.compact(this.allDocs());
  }

  private images(writes: readonly Write[]): Array<[string, Doc | null]> {
    const images = new Map<string, Doc | null>();
    // null: deleted in this commit
    const current = (p: string) => (images.has(p) ? (images.get(p) ?? undefined) : this.raw(p));
    for (const w of writes) {
      const before = current(w.path);
      switch (w.kind) {
        case 'create':
          if (before) throw new AlreadyExistsError(w.path);
          images.set(w.path, applyFields({}, w.data));
          break;
        case 'update':
          if (!before) throw new NotFoundError(w.path);
          images.set(w.path, applyFields({ ...before }, w.data));
          break;
        case 'set':
          images.set(w.path, applyFields(w.merge && before ? { ...before } : {}, w.data));
          break;
        case 'delete':
          images.set(w.path, null);
          break;
      }
    }
    return [...images];
  }

  private apply(p: string, doc: Doc | null): void {
    const { collection, id } = splitPath(p);
    let docs = this.collections.get(collection);
    if (!docs) this.collections.set(collection, (docs = new Map()));
    const before = docs.get(id);
    const indexes = this.indexes.get(collection);
    if (indexes) {
      for (const [field, index] of indexes) {
        // Only keys that change are touched, so an update leaves other fields' sorted-id caches alone.
        const after = new Set(doc ? valueKeys(doc[field]) : []);
        if (before) for (const k of valueKeys(before[field])) if (!after.has(k)) removeFrom(index, k, id);
        for (const k of after) addTo(index, k, id);
      }
    }
    if (doc) docs.set(id, freeze(doc));
    else docs.delete(id);
  }

  /** The equality index of a field: declared ones are built while the store loads, others on first use. */
  private index(collection: string, field: string): FieldIndex {
    let byField = this.indexes.get(collection);
    if (!byField) this.indexes.set(collection, (byField = new Map()));
    let index = byField.get(field);
    if (!index) {
      index = new Map();
      for (const [id, doc] of this.collections.get(collection) ?? []) {
        for (const k of valueKeys(doc[field])) addTo(index, k, id);
      }
      byField.set(field, index);
    }
    return index;
  }

  /**
   * Matching documents (not cloned), visited in document-id order (Firestore's default) until `visit`
   * returns false: equality filters are answered by index sets, the smallest one driving, walked
   * through its cached sorted ids, so a limited query stops after `limit` hits.
   */
  private forEachMatch(
    collection: string,
    where: readonly Where[],
    visit: (id: string, doc: Doc) => boolean | undefined,
  ): void {
    const docs = this.collections.get(collection);
    if (!docs) return;
    const plan = this.plan(collection, where);
    if (!plan) return;
    const { driver, others, rest } = plan;
    for (const id of driver ? sortedIds(driver) : [...docs.keys()].sort()) {
      if (others.length && !others.every((s) => s.has(id))) continue;
      const doc = docs.get(id);
      if (doc && (rest.length === 0 || rest.every((w) => matches(doc, w))) && visit(id, doc) === false) return;
    }
  }

  /**
   * Index sets for the equality filters (smallest first) and the filters left to check per document; undefined when
   * nothing can match.
   */
  private plan(
    collection: string,
    where: readonly Where[],
  ): { driver?: Set<string>; others: Set<string>[]; rest: Where[] } | undefined {
    const sets: Set<string>[] = [];
    const rest: Where[] = [];
    for (const w of where) {
      const [field, op, value] = w;
      if (op !== '==' && op !== 'array-contains') {
        rest.push(w);
        continue;
      }
      const set = this.index(collection, field).get(keyOf(value));
      if (!set) return undefined;
      sets.push(set);
    }
    sets.sort((a, b) => a.size - b.size);
    const [driver, ...others] = sets;
    return { driver, others, rest };
  }

  private countMatches(collection: string, where: readonly Where[]): number {
    const plan = this.plan(collection, where);
    if (!plan) return 0;
    const { driver, others, rest } = plan;
    // Equality filters only: the size of the index sets' intersection, no document touched.
    if (driver && rest.length === 0) {
      if (others.length === 0) return driver.size;
      let n = 0;
      for (const id of driver) if (others.every((s) => s.has(id))) n++;
      return n;
    }
    let n = 0;
    this.forEachMatch(collection, where, () => void n++);
    return n;
  }

  private runQuery(collection: string, q: Query): Snap<Doc>[] {
    let found: [string, Doc][] = [];
    if (!q.orderBy && q.limit !== undefined) {
      const k = q.limit;
      if (k > 0) this.forEachMatch(collection, q.where ?? [], (id, doc) => found.push([id, doc]) < k);
    } else {
      this.forEachMatch(collection, q.where ?? [], (id, doc) => void found.push([id, doc])); // in id order
      if (q.orderBy) {
        const { field, dir } = q.orderBy;
        const sign = dir === 'desc' ? -1 : 1;
        // Firestore leaves out documents that lack the ordered field.
        found = found.filter(([, doc]) => doc[field] !== undefined);
        found.sort((a, b) => sign * compare(a[1][field], b[1][field]) || compare(a[0], b[0]));
      }
      if (q.limit !== undefined) found = found.slice(0, q.limit);
    }
    return found.map(([id, data]) => ({ id, data }));
  }
}

function applyFields(target: Doc, fields: Doc): Doc {
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Increment) target[k] = (typeof target[k] === 'number' ? (target[k] as number) : 0) + v.by;
    else if (v === undefined) continue;
    else target[k] = v; // serialised in the same commit, before the caller can change it
  }
  return target;
}

/**
 * Stored documents are frozen, deeply, so reads hand them out without a copy (a copy per read was the largest
 * single cost of a chat search, and its garbage most of the rest); a caller that changes one fails loudly.
 */
function freeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  for (const k in v) freeze(v[k]);
  return Object.freeze(v);
}

function keyOf(v: unknown): string {
  return typeof v === 'string' ? `s:${v}` : JSON.stringify(v);
}

function valueKeys(v: unknown): string[] {
  if (v === undefined) return [];
  // An array field is findable by each element (array-contains) and by its whole value (==).
  return Array.isArray(v) ? [...v.map(keyOf), keyOf(v)] : [keyOf(v)];
}

function addTo(index: FieldIndex, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  else if (set.has(id)) return;
  set.add(id);
  sorted.delete(set);
}

function removeFrom(index: FieldIndex, key: string, id: string): void {
  const set = index.get(key);
  if (set?.delete(id)) sorted.delete(set);
}

/** Each index set's ids in order, built when first needed and dropped when the set changes. */
const sorted = new WeakMap<Set<string>, string[]>();
function sortedIds(set: Set<string>): string[] {
  let ids = sorted.get(set);
  if (!ids) sorted.set(set, (ids = [...set].sort()));
  return ids;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function matches(doc: Doc, [field, op, value]: Where): boolean {
  const v = doc[field];
  switch (op) {
    case '==':
      return typeof value !== 'object' ? v === value : keyOf(v) === keyOf(value);
    case '!=':
      return v !== undefined && keyOf(v) !== keyOf(value);
    case 'array-contains':
      return (
        Array.isArray(v) && (typeof value !== 'object' ? v.includes(value) : v.some((e) => keyOf(e) === keyOf(value)))
      );
    case 'in':
      return (value as unknown[]).some((e) => keyOf(e) === keyOf(v));
    case '<':
      return v !== undefined && compare(v, value) < 0;
    case '<=':
      return v !== undefined && compare(v, value) <= 0;
    case '>':
      return v !== undefined && compare(v, value) > 0;
    case '>=':
      return v !== undefined && compare(v, value) >= 0;
  }
}
