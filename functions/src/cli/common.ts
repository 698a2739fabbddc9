import { spawnSync } from 'node:child_process';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config';
import type { Store } from '../adapters/store';
import { localEnv } from '../dev/localEnv';
import { openStore } from '../wiring';

/**
 * CLI commands run against the store and LINE channel the environment points at; without LINE
 * settings that is the local stack (embedded store in DATA_DIR, fake LINE API on PORT).
 */
export async function withStore<T>(fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...localEnv(Number(process.env.PORT ?? 8080)), ...process.env });
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

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * Runs this command again with a heap cap unless it already has one: V8 on a large machine lets the
 * heap grow far past what is live. On Firestore the process holds no data (a national import stays
 * under 512 MiB RSS with 320 MB of heap); the embedded store holds the whole data set in memory.
 * Returns only in the process that should do the work.
 */
export function withHeapCap(): void {
  if (process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || process.env.PANONG_HEAP_CAPPED) return;
  const mb = process.env.STORE === 'firestore' ? 320 : 900;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${mb}`, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PANONG_HEAP_CAPPED: '1' },
  });
  process.exit(r.status ?? 1);
}
