import fs from 'node:fs';
import path from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';

/** One committed transaction: post-images by path (null: deleted). */
export type LogEntry = Array<[path: string, doc: Record<string, unknown> | null]>;

/** Commits kept for processes that are behind; one further behind reloads everything. */
const KEEP_COMMITS = 20_000;

/**
 * The files behind the embedded store: DATA_DIR as an LMDB environment (`lmdb`, the Lightning
 * Memory-Mapped Database), shared safely by every process that opens it (the server, CLI commands).
 * LMDB does what a hand-written log had to: one writer at a time across processes, a commit either
 * whole or absent after a crash, and `flushed` once it is on disk. Beside the documents it keeps the
 * recent commits in order, so a process applies what the others wrote without reloading.
 */
export class DataDirDb {
  private readonly root: RootDatabase;
  private readonly docs: Database<Record<string, unknown>, string>;
  private readonly commits: Database<LogEntry, number>;
  /** The last commit this process has applied. */
  private applied = 0;

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.root = open({ path: path.join(dir, 'store.mdb'), maxDbs: 4 });
    this.docs = this.root.openDB({ name: 'docs' });
    this.commits = this.root.openDB({ name: 'commits' });
  }

  private last(): number {
    return (this.root.get('seq') as number | undefined) ?? 0;
  }

  /** Every document, in one consistent reading. */
  load(onDoc: (p: string, doc: Record<string, unknown>) => void): void {
    this.root.transactionSync(() => {
      this.applied = this.last();
      for (const { key, value } of this.docs.getRange()) onDoc(key, value);
    });
  }

  /** Applies the commits made since this process last looked; false: too far behind, reload. */
  poll(onEntry: (e: LogEntry) => void): boolean {
    const last = this.last();
    for (let seq = this.applied + 1; seq <= last; seq++) {
      const entry = this.commits.get(seq);
      if (!entry) return false;
      onEntry(entry);
      this.applied = seq;
    }
    return true;
  }

  /** Runs `fn` as the only writer of DATA_DIR (across processes); a throw writes nothing. */
  withLock<T>(fn: () => T): T {
    return this.root.transactionSync(fn);
  }

  /** Inside withLock: writes one commit's documents and records it for the other processes. */
  append(entry: LogEntry): void {
    const seq = this.last() + 1;
    for (const [p, doc] of entry) {
      if (doc) this.docs.putSync(p, doc);
      else this.docs.removeSync(p);
    }
    this.commits.putSync(seq, entry);
    if (seq > KEEP_COMMITS) this.commits.removeSync(seq - KEEP_COMMITS);
    this.root.putSync('seq', seq);
    this.applied = seq;
  }

  /** Resolves once every commit made so far is on disk (one sync for all of them). */
  flushed(): Promise<boolean> {
    return this.root.flushed;
  }

  close(): Promise<void> {
    return this.root.close();
  }
}
