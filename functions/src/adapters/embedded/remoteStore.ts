import {
  AlreadyExistsError,
  MAX_BATCH,
  NotFoundError,
  StoreBusyError,
  type Doc,
  type Query,
  type Snap,
  type Store,
  type Tx,
  type Where,
  type Write,
} from '../../ports/store';
import { encodeWrite, seen, STORE_PATH, TOKEN_HEADER, type StoreAnswer, type StoreCall } from './storeWire';

const TX_ATTEMPTS = 20;

/**
 * The embedded store of another process (the local server owning DATA_DIR), reached over loopback,
 * so a command run beside the server writes what the server serves. Transactions are optimistic, as
 * on Firestore: the reads travel with the writes, and the owner commits only if they still hold.
 */
export class RemoteStore implements Store {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  /** One call to the owner (a StoreCall: the owner validates it). */
  private async call<T>(call: { op: StoreCall['op'] } & Record<string, unknown>): Promise<T | 'conflict'> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${STORE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: this.token },
        body: JSON.stringify(call),
      });
    } catch (err) {
      throw new Error(`เซิร์ฟเวอร์ที่ถือ DATA_DIR (${this.url}) ไม่ตอบ: ${String(err)}`);
    }
    const answer = (await res.json().catch(() => ({}))) as StoreAnswer;
    if ('ok' in answer) return answer.ok as T;
    if (answer.error === 'conflict') return 'conflict';
    if (answer.error === 'already_exists') throw new AlreadyExistsError(answer.path ?? '');
    if (answer.error === 'not_found') throw new NotFoundError(answer.path ?? '');
    throw new Error(`store call ${call.op} failed: HTTP ${res.status}`);
  }

  private async answer<T>(call: Parameters<RemoteStore['call']>[0]): Promise<T> {
    const out = await this.call<T>(call);
    if (out === 'conflict') throw new Error('unexpected conflict');
    return out;
  }

  async get<T = Doc>(path: string): Promise<T | undefined> {
    return (await this.answer<T | null>({ op: 'get', path })) ?? undefined;
  }

  async getMany<T = Doc>(paths: readonly string[]): Promise<Array<T | undefined>> {
    return (await this.answer<Array<T | null>>({ op: 'getMany', paths: [...paths] })).map((d) => d ?? undefined);
  }

  query<T = Doc>(collection: string, q: Query = {}): Promise<Snap<T>[]> {
    return this.answer({ op: 'query', collection, q });
  }

  count(collection: string, where: readonly Where[] = []): Promise<number> {
    return this.answer({ op: 'count', collection, where });
  }

  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const reads: Array<{ path: string; seen: string }> = [];
      const queries: Array<{ collection: string; q: Query; seen: string }> = [];
      const writes: Write[] = [];
      const guardRead = () => {
        if (writes.length > 0) throw new Error('transaction reads must come before writes');
      };
      const tx: Tx = {
        get: async <T>(path: string) => {
          guardRead();
          const doc = await this.get<T>(path);
          reads.push({ path, seen: seen(doc) });
          return doc;
        },
        query: async <T>(collection: string, q: Query) => {
          guardRead();
          const snaps = await this.query<T>(collection, q);
          queries.push({ collection, q, seen: seen(snaps) });
          return snaps;
        },
        set: (path, data, opts) => void writes.push({ kind: 'set', path, data, merge: opts?.merge }),
        create: (path, data) => void writes.push({ kind: 'create', path, data }),
        update: (path, data) => void writes.push({ kind: 'update', path, data }),
        delete: (path) => void writes.push({ kind: 'delete', path }),
      };
      const result = await fn(tx);
      const out = await this.call({ op: 'commit', reads, queries, writes: writes.map(encodeWrite) });
      if (out !== 'conflict') return result;
      if (attempt >= TX_ATTEMPTS) throw new StoreBusyError();
      // Back off with jitter, as Firestore's clients do, so the owner's own writers let this one through.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 200)));
    }
  }

  async batch(writes: readonly Write[]): Promise<void> {
    if (writes.length > MAX_BATCH) throw new Error(`batch larger than ${MAX_BATCH} writes`);
    await this.answer({ op: 'commit', reads: [], queries: [], writes: writes.map(encodeWrite) });
  }

  async close(): Promise<void> {}
}
