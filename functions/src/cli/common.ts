import { spawnSync } from 'node:child_process';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ZodError } from 'zod';
import { loadLocalConfig, localPort, type Config } from '../config';
import type { Store } from '../ports/store';
import { localEnv } from '../dev/localEnv';
import { openStore } from '../dev/stores';

/**
 * CLI commands run against the store and LINE channel the environment points at; without LINE
 * settings that is the local stack (embedded store in DATA_DIR, fake LINE API on PORT).
 */
export async function withStore<T>(fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadLocalConfig({ ...localEnv(localPort()), ...process.env });
  const store = await openStore(config);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

export function cliArgs(options: NonNullable<ParseArgsConfig['options']>) {
  return parseArgs({ args: process.argv.slice(2), options, allowPositionals: true, strict: true });
}

/** Progress on a terminal, every 1,000 items and at the end (a log file gets only the summary). */
export function terminalProgress(unit: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  return {
    update(done, total) {
      if (tty && (done % 1000 === 0 || done === total))
        process.stderr.write(`\rบันทึก ${done.toLocaleString()} / ${total.toLocaleString()} ${unit}`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

const SHOWN_ERRORS = 200;

/** The first 200 per-row errors of a list file, in Thai, then how many more. */
export function printRowErrors(errors: ReadonlyArray<{ row: number; message: string }>): void {
  for (const e of errors.slice(0, SHOWN_ERRORS)) console.log(`แถว ${e.row}: ${e.message}`);
  if (errors.length > SHOWN_ERRORS) console.log(`… และอีก ${errors.length - SHOWN_ERRORS} แถว`);
}

/** What a command prints when it fails: zod's Thai messages one per line, else the error's message. */
export function errorText(err: unknown): string {
  if (err instanceof ZodError) return err.issues.map((i) => i.message).join('\n');
  return err instanceof Error ? err.message : String(err);
}

/** Runs a command's main; a failure prints `explain(err)` and exits 1. */
export function runCli(main: () => Promise<void>, explain: (err: unknown) => string = errorText): void {
  main().catch((err: unknown) => fail(explain(err)));
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * Runs this command again with a heap cap unless it already has one: V8 on a large machine lets the
 * heap grow far past what is live. On Firestore the process holds no data (a national import: 380 MB RSS
 * with a 400 MB heap cap; at 320 MB it spent minutes collecting garbage); the embedded store holds the whole
 * data set in memory.
 * Returns only in the process that should do the work.
 */
export function withHeapCap(): void {
  if (process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || process.env.PANONG_HEAP_CAPPED) return;
  const mb = process.env.STORE === 'firestore' ? 400 : 900;
  const r = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${mb}`,
      // A larger young generation: a list import allocates fast and short-lived (measured 75 -> 65 s nationally).
      '--max-semi-space-size=32',
      ...process.execArgv,
      process.argv[1]!,
      ...process.argv.slice(2),
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, PANONG_HEAP_CAPPED: '1' },
    },
  );
  process.exit(r.status ?? 1);
}
