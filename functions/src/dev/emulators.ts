/**
 * `npm run emulators`: the deploy shape under firebase-tools' Functions and Hosting emulators, the way
 * a Firebase developer runs a project locally, on gcloud's official Firestore emulator seeded with the
 * demo data. LINE is the built-in fake LINE API (chat replies land there; no channel needed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { bangkokYmd } from '@panong/shared';
import { takeSnapshots } from '../stories/reports/snapshots';
import { openFirestore } from '../wiring';
import { seedDemo, seedDemoReferrals } from './demoData';
import { FakeLine } from './fakeLine';
import { firebaseToolsBin, prepareDeployShape, readFirebaseJson, startFirebaseEmulators } from './firebaseEmulators';
import { startFirestoreEmulator, useEmulatorEnv } from './firestoreEmulator';
import { localEnv } from './localEnv';
import { onShutdown } from './shutdown';

const PROJECT = 'demo-panong';
const DIR = path.resolve(__dirname, '../../../.firebase-emulators');

async function main(): Promise<void> {
  const bin = firebaseToolsBin((line) => console.log(line));
  process.env.GOOGLE_CLOUD_PROJECT = PROJECT;
  const firestore = process.env.FIRESTORE_EMULATOR_HOST ? undefined : await startFirestoreEmulator();
  if (firestore) useEmulatorEnv(firestore.host);
  const store = await openFirestore();
  if (await seedDemo(store, { directory: 3_000 })) await seedDemoReferrals(store);
  await takeSnapshots(store, bangkokYmd(new Date()), new Date().toISOString());

  const line = localEnv(0);
  const fake = new FakeLine(line.LINE_CHANNEL_ACCESS_TOKEN);
  const lineOrigin = await fake.listen();
  fs.rmSync(DIR, { recursive: true, force: true });
  const ports = readFirebaseJson().emulators as { functions: { port: number }; hosting: { port: number } };
  const { hostingUrl } = await prepareDeployShape(
    DIR,
    {
      secrets: {
        LINE_CHANNEL_SECRET: line.LINE_CHANNEL_SECRET!,
        LINE_CHANNEL_ACCESS_TOKEN: line.LINE_CHANNEL_ACCESS_TOKEN!,
      },
      params: {
        LINE_LOGIN_CHANNEL_ID: line.LINE_LOGIN_CHANNEL_ID!,
        LIFF_ID: line.LIFF_ID!,
        LINE_API_ORIGIN: lineOrigin,
      },
    },
    { ports: { functions: ports.functions.port, hosting: ports.hosting.port } }, // firebase.json's: 5001 and 5000
  );
  const emulators = await startFirebaseEmulators(DIR, { project: PROJECT, bin });
  console.log(`Firebase emulators (functions, hosting) in ${DIR}: loaded ${emulators.loaded.join(', ')}`);
  console.log(`  Hosting:      ${hostingUrl}  (public page ${hostingUrl}/liff/public.html)`);
  console.log(`  webhook:      ${hostingUrl}/webhook  (channel secret ${line.LINE_CHANNEL_SECRET})`);
  console.log(
    `  Firestore:    ${process.env.FIRESTORE_EMULATOR_HOST} (gcloud's emulator${firestore ? ', in memory' : ''})`,
  );
  console.log(`  fake LINE API: ${lineOrigin} (replies and pushes of the functions)`);
  onShutdown(async () => {
    await emulators.stop();
    await fake.close();
    await store.close();
    await firestore?.stop();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
