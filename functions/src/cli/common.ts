import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config';
import type { Store } from '../adapters/store';
import { openStore } from '../wiring';

/** CLI commands run against the store the environment points at (embedded in DATA_DIR by default). */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig({
    LINE_CHANNEL_SECRET: '-',
    LINE_CHANNEL_ACCESS_TOKEN: '-',
    LINE_LOGIN_CHANNEL_ID: '-',
    LIFF_ID: '-',
    ...process.env,
  });
  const store = await openStore(config);
  try {
    return await fn(store);
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
