/**
 * The official Cloud Firestore emulator (Google Cloud CLI component, Java), started on a free
 * loopback port for tests and for `STORE=firestore npm start`. Missing tools are a clear error,
 * never a silent fallback.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { printed, stopGroup } from './childProcess';

export interface FirestoreEmulator {
  /** host:port for FIRESTORE_EMULATOR_HOST */
  host: string;
  stop(): Promise<void>;
}

const MISSING =
  'The official Cloud Firestore emulator is required (Google Cloud ' +
  'CLI with the cloud-firestore-emulator component, and Java 17+). ' +
  'Install: apt-get install google-cloud-cli google-cloud-cli-firestore-emulator ' +
  'openjdk-17-jre-headless; see ../shared/DESIGN.md "Store and runtime".';

function emulatorLauncher(): string {
  let sdkRoot: string;
  try {
    sdkRoot = execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new Error(`gcloud not found. ${MISSING}`);
  }
  const launcher = path.join(sdkRoot, 'platform/cloud-firestore-emulator/cloud_firestore_emulator');
  if (!fs.existsSync(launcher)) throw new Error(`${launcher} not found. ${MISSING}`);
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`java not found. ${MISSING}`);
  }
  return launcher;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
  });
}

export async function startFirestoreEmulator(
  opts: { port?: number; timeoutMs?: number } = {},
): Promise<FirestoreEmulator> {
  const launcher = emulatorLauncher();
  const port = opts.port ?? (await freePort());
  const child = spawn(launcher, ['start', '--host=127.0.0.1', `--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await printed(child, 'Dev App Server is now running', {
    what: 'Firestore emulator',
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  return {
    host: `127.0.0.1:${port}`,
    // The launcher script and its java child.
    stop: () => stopGroup(child, 'SIGTERM', 5000),
  };
}

/** Points firebase-admin at the emulator and keeps it off the network (no metadata server lookups). */
export function useEmulatorEnv(host: string, env: NodeJS.ProcessEnv = process.env): void {
  env.FIRESTORE_EMULATOR_HOST = host;
  env.METADATA_SERVER_DETECTION = 'none';
  env.GOOGLE_CLOUD_PROJECT ??= 'panong-local';
}
