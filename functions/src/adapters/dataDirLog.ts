import fs from 'node:fs';
import path from 'node:path';

/** One committed transaction: post-images by path (null: deleted). */
export type LogEntry = Array<[path: string, doc: Record<string, unknown> | null]>;

const LOCK_WAIT_MS = 30_000;
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The files behind the embedded store, shared safely by every process that opens the same
 * DATA_DIR (the server, CLI commands, a second server by mistake):
 * - `CURRENT` names the generation; `snapshot.<g>.jsonl` holds the state it started from and
 *   `wal.<g>.jsonl` every commit since (generation 0: `snapshot.jsonl`, `wal.jsonl`);
 * - a commit happens only under the `lock` file (created exclusively, with the owner's pid in it, so
 *   a lock left by a killed process is taken over), is appended and fdatasync'd before it counts;
 * - compaction writes the next generation beside the current one, switches `CURRENT` by rename and
 *   ends the old log with a `{"next": g}` line, so a process reading it finishes what it had not read
 *   and then reloads from the new generation; nobody loses a line.
 */
export class DataDirLog {
  private gen = 0;
  private fd: number | undefined;
  /** Bytes of the current generation's log applied by this process. */
  private applied = 0;
  private locked = false;
  private dirty = false;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(kind: 'snapshot' | 'wal', gen = this.gen): string {
    return path.join(this.dir, gen === 0 ? `${kind}.jsonl` : `${kind}.${gen}.jsonl`);
  }

  private currentGen(): number {
    try {
      return Number(fs.readFileSync(path.join(this.dir, 'CURRENT'), 'utf8').trim()) || 0;
    } catch {
      return 0;
    }
  }

  /**
   * Loads the current generation: `onSnapshot` per snapshot line, `onEntry` per complete log line.
   * Without the lock: another process may compact meanwhile and delete this generation's files, so
   * both are opened first (an open file outlives its deletion, and the old log gets the `next` line)
   * and the generation is checked again; a log file is never created for a generation that is gone.
   * False when the log already points to a newer generation: clear what was applied and load again.
   */
  load(onSnapshot: (p: string, doc: Record<string, unknown>) => void, onEntry: (e: LogEntry) => void): boolean {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    for (;;) {
      const gen = this.currentGen();
      const snapshot = openIfExists(this.file('snapshot', gen), fs.constants.O_RDONLY);
      // Generation 0 starts empty; a later one always has its log before CURRENT names it.
      const wal = openIfExists(
        this.file('wal', gen),
        fs.constants.O_RDWR | fs.constants.O_APPEND | (gen === 0 ? fs.constants.O_CREAT : 0),
      );
      if (wal === undefined || this.currentGen() !== gen) {
        for (const fd of [snapshot, wal]) if (fd !== undefined) fs.closeSync(fd);
        continue; // compacted meanwhile: load the newer generation
      }
      if (snapshot !== undefined) {
        forEachLine(fs.readFileSync(snapshot), (v) => onSnapshot(...(v as [string, Record<string, unknown>])));
        fs.closeSync(snapshot);
      }
      this.gen = gen;
      this.fd = wal;
      this.applied = 0;
      return this.poll(onEntry);
    }
  }

  /**
   * Applies lines other processes appended since the last look (one fstat when none); false when a compaction started a
   * new generation (reload).
   */
  poll(onEntry: (e: LogEntry) => void): boolean {
    if (this.fd === undefined) return true;
    const size = fs.fstatSync(this.fd).size;
    if (size <= this.applied) return true;
    const buf = Buffer.alloc(size - this.applied);
    fs.readSync(this.fd, buf, 0, buf.length, this.applied);
    const complete = buf.lastIndexOf(0x0a) + 1; // a line still being written is left for next time
    let moved = false;
    forEachLine(buf.subarray(0, complete), (v) => {
      if (Array.isArray(v)) onEntry(v as LogEntry);
      else moved = true; // {"next": g}: the log continues in generation g
    });
    this.applied += complete;
    return !moved;
  }

  /** Runs `fn` holding the DATA_DIR lock (re-entrant within this process). */
  withLock<T>(fn: () => T): T {
    if (this.locked) return fn();
    const lock = path.join(this.dir, 'lock');
    this.acquire(lock);
    this.locked = true;
    try {
      return fn();
    } finally {
      this.locked = false;
      fs.unlinkSync(lock);
    }
  }

  private acquire(lock: string): void {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx' }); // exclusive create: one owner
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (ownerGone(lock)) {
        fs.rmSync(lock, { force: true }); // a process died holding it (kill -9)
        continue;
      }
      if (Date.now() > deadline) throw new Error(`DATA_DIR ${this.dir} is locked by another process`);
      sleepSync(wait);
    }
  }

  /**
   * Appends one commit. Call under the lock, after poll(). It survives the process being killed at
   * once (the kernel has it); sync() makes it survive power loss, and nothing is acknowledged before.
   */
  append(entry: LogEntry): void {
    if (!this.locked || this.fd === undefined) throw new Error('append needs the DATA_DIR lock');
    const size = fs.fstatSync(this.fd).size;
    if (size > this.applied) fs.ftruncateSync(this.fd, this.applied); // a torn line left by a writer that died
    this.applied += fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.dirty = true;
  }

  /** fdatasync of everything appended so far: one for all commits made meanwhile (group commit). */
  sync(): void {
    if (!this.dirty || this.fd === undefined) return;
    this.dirty = false;
    fs.fdatasyncSync(this.fd);
  }

  get size(): number {
    return this.applied;
  }

  /** Starts a new generation from `docs` (the full current state). Call under the lock, after poll(). */
  compact(docs: Iterable<[string, Record<string, unknown>]>): void {
    if (!this.locked) throw new Error('compact needs the DATA_DIR lock');
    this.sync();
    const next = this.gen + 1;
    const tmp = `${this.file('snapshot', next)}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    for (const line of docs) fs.writeSync(fd, `${JSON.stringify(line)}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file('snapshot', next));
    fs.closeSync(fs.openSync(this.file('wal', next), 'a'));
    fs.writeFileSync(path.join(this.dir, 'CURRENT.tmp'), String(next));
    fs.renameSync(path.join(this.dir, 'CURRENT.tmp'), path.join(this.dir, 'CURRENT'));
    const dirFd = fs.openSync(this.dir, 'r');
    fs.fsyncSync(dirFd);
    fs.closeSync(dirFd);
    fs.writeSync(this.fd!, `${JSON.stringify({ next })}\n`); // readers of this log move on after their last line
    fs.fdatasyncSync(this.fd!);
    const old = [this.file('snapshot'), this.file('wal')];
    fs.closeSync(this.fd!);
    this.gen = next;
    this.fd = fs.openSync(this.file('wal'), 'a+');
    this.applied = 0;
    for (const f of old) fs.rmSync(f, { force: true }); // processes still reading them keep their open descriptors
  }

  close(): void {
    this.sync();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

function openIfExists(file: string, flags: number): number | undefined {
  try {
    return fs.openSync(file, flags, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Whether the pid in a lock file is no longer running (or the file is a torn leftover older than a second). */
function ownerGone(lock: string): boolean {
  let pid = NaN;
  try {
    pid = Number(fs.readFileSync(lock, 'utf8'));
  } catch {
    return false; // released meanwhile
  }
  if (!pid) {
    try {
      return Date.now() - fs.statSync(lock).mtimeMs > 1000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Parses JSON lines from bytes, one at a time; a torn or corrupt line (a crash mid-write) is skipped. */
function forEachLine(bytes: Buffer, visit: (value: unknown) => void): void {
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', start, end);
    start = end + 1;
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    visit(parsed);
  }
}
