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
