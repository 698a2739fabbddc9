import fs from 'node:fs';
import path from 'node:path';

/** One committed transaction: post-images by path (null: deleted). */
export type LogEntry = Array<[path: string, doc: Record<string, unknown> | null]>;

/** Who holds a DATA_DIR: its pid, and where a serving owner takes store calls from other processes. */
export interface DataDirOwner {
  pid: number;
  url?: string;
  token?: string;
}

/** DATA_DIR belongs to another running process (the local server, or another command). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: DataDirOwner,
  ) {
    super(`DATA_DIR ${dir} ใช้อยู่โดยโปรเซส ${owner.pid}`);
  }
}

/**
 * The files behind the embedded store, owned by exactly one process at a time (the local server, or
 * a command when no server runs): `lock` (created exclusively; the owner's pid, and the URL other
 * processes reach it at), `snapshot.jsonl` (the state at the last compaction) and `wal.jsonl` (every
 * commit since, one post-image line each). A commit counts once appended and fdatasync'd; a lock left
 * by a killed owner is taken over, and a torn last line (killed mid-write) is cut off on load.
 */
export class DataDirLog {
  private fd: number;
  private bytes = 0;
  private dirty = false;
  private readonly lock: string;

  /** Takes DATA_DIR or throws DataDirInUseError naming its live owner. */
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.lock = path.join(dir, 'lock');
    takeLock(dir, this.lock);
    this.fd = fs.openSync(this.file('wal'), fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o644);
  }

  private file(kind: 'snapshot' | 'wal'): string {
    return path.join(this.dir, `${kind}.jsonl`);
  }

  /** Replays the snapshot, then the log; a torn last line is cut off so that the next append starts clean. */
  load(onDoc: (p: string, doc: Record<string, unknown> | null) => void): void {
    if (fs.existsSync(this.file('snapshot')))
      forEachLine(fs.readFileSync(this.file('snapshot')), (v) => onDoc(...(v as [string, Record<string, unknown>])));
    const wal = fs.readFileSync(this.file('wal'));
    this.bytes = forEachLine(wal, (v) => (v as LogEntry).forEach(([p, doc]) => onDoc(p, doc)));
    if (this.bytes < wal.length) fs.ftruncateSync(this.fd, this.bytes);
  }

  /** Tells other processes where to send their store calls (the owner serves them: dev/storeEndpoint.ts). */
  advertise(owner: Omit<DataDirOwner, 'pid'>): void {
    const tmp = `${this.lock}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, ...owner }), { mode: 0o600 });
    fs.renameSync(tmp, this.lock);
  }

  /**
   * Appends one commit, each post-image already JSON (the store keeps what it parses back, so it stringifies
   * once): it survives this process being killed (the kernel has it); sync() makes it durable.
   */
  append(entry: ReadonlyArray<readonly [path: string, json: string]>): void {
    const line = `[${entry.map(([p, json]) => `[${JSON.stringify(p)},${json}]`).join(',')}]\n`;
    this.bytes += fs.writeSync(this.fd, line);
    this.dirty = true;
  }

  /** fdatasync of everything appended so far: one for all commits made meanwhile (group commit). */
  sync(): void {
    if (!this.dirty) return;
    this.dirty = false;
    fs.fdatasyncSync(this.fd);
  }

  get size(): number {
    return this.bytes;
  }

  /**
   * Rewrites the snapshot from `docs` (the whole current state) and empties the log. A crash between
   * the two replays the log over the new snapshot: post-images, so the result is the same.
   */
  compact(docs: Iterable<[string, Record<string, unknown>]>): void {
    this.sync();
    const tmp = `${this.file('snapshot')}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    for (const line of docs) fs.writeSync(fd, `${JSON.stringify(line)}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file('snapshot'));
    const dirFd = fs.openSync(this.dir, 'r');
    fs.fsyncSync(dirFd);
    fs.closeSync(dirFd);
    fs.ftruncateSync(this.fd, 0);
    fs.fdatasyncSync(this.fd);
    this.bytes = 0;
  }

  /** Syncs and gives DATA_DIR up. */
  close(): void {
    this.sync();
    fs.closeSync(this.fd);
    fs.rmSync(this.lock, { force: true });
  }
}

/** Exclusive create of the lock file; one left by a process that is gone (kill -9) is taken over. */
function takeLock(dir: string, lock: string): void {
  for (;;) {
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid }), { flag: 'wx', mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(lock);
    if (owner && alive(owner.pid)) throw new DataDirInUseError(dir, owner);
    if (!owner && justWritten(lock)) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // its owner is writing its pid
      continue;
    }
    fs.rmSync(lock, { force: true });
  }
}

/** The lock's owner; undefined when the file is gone or torn (its writer died mid-write). */
export function readOwner(lock: string): DataDirOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(lock, 'utf8')) as DataDirOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

function justWritten(lock: string): boolean {
  try {
    return Date.now() - fs.statSync(lock).mtimeMs < 1000;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Parses JSON lines, one at a time, and returns how many bytes were whole lines; parsing stops at a
 * torn or corrupt line (a crash mid-write), since nothing after it was acknowledged.
 */
function forEachLine(bytes: Buffer, visit: (value: unknown) => void): number {
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) return start;
    const line = bytes.toString('utf8', start, end);
    if (line) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return start;
      }
      visit(parsed);
    }
    start = end + 1;
  }
  return start;
}
