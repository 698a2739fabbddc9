/**
 * `npm start`: the local stack on PORT (default 8080). With STORE=firestore and no
 * FIRESTORE_EMULATOR_HOST, it starts the official Cloud Firestore emulator itself, so the
 * production store runs locally with demo data and no cloud project.
 */
import { startFirestoreEmulator, useEmulatorEnv, type FirestoreEmulator } from './firestoreEmulator';
import { localPort } from '../config';
import { startLocalStack } from './localStack';
import { onShutdown } from './shutdown';

async function main(): Promise<void> {
  let emulator: FirestoreEmulator | undefined;
  if (process.env.STORE === 'firestore' && !process.env.FIRESTORE_EMULATOR_HOST) {
    emulator = await startFirestoreEmulator();
    useEmulatorEnv(emulator.host);
  }
  const stack = await startLocalStack(process.env, localPort());
  console.log(`panong local stack on ${stack.url}`);
  console.log(`  LINE chat simulator: ${stack.url}/dev`);
  const firestore = `Firestore at ${process.env.FIRESTORE_EMULATOR_HOST ?? 'Google Cloud'}`;
  const inMemory = emulator ? ' (official emulator, in memory: gone when this stops)' : '';
  const embedded = `embedded store in ${process.env.DATA_DIR ?? '.data'}`;
  console.log(`  data: ${process.env.STORE === 'firestore' ? firestore + inMemory : embedded}`);
  onShutdown(async () => {
    await stack.close().catch(() => undefined);
    await emulator?.stop();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
