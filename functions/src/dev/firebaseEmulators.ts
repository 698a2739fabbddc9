/**
 * The deploy shape under firebase-tools' own Functions and Hosting emulators: what `firebase deploy`
 * uploads from functions/ (its `ignore` applied, installed with no workspace around it), firebase.json
 * and `hosting.public`, copied to a folder of their own. Firestore is gcloud's official emulator
 * (firebase-tools' own needs Java 21 and a download). Used by `npm run emulators` and the deploy test.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printed, stopGroup } from './childProcess';
import { freePort } from './firestoreEmulator';

/** Pinned: the emulators' output and behaviour are what the deploy test reads. */
export const FIREBASE_TOOLS_VERSION = '15.34.2';

const ROOT = path.resolve(__dirname, '../../..');

interface FirebaseJson {
  functions: Array<{ source: string; runtime: string; ignore: string[] }>;
  hosting: { public: string };
  emulators: Record<string, unknown>;
}

export function readFirebaseJson(root = ROOT): FirebaseJson {
  return JSON.parse(fs.readFileSync(path.join(root, 'firebase.json'), 'utf8')) as FirebaseJson;
}

/**
 * firebase-tools kept outside node_modules (it takes minutes to install, and `npm start` never needs
 * it): installed once into the user's cache, optional native parts (re2) left out, as it runs without them.
 */
export function firebaseToolsBin(log: (line: string) => void = () => undefined): string {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  const dir = path.join(cache, 'panong', `firebase-tools-${FIREBASE_TOOLS_VERSION}`);
  const bin = path.join(dir, 'node_modules/.bin/firebase');
  if (fs.existsSync(bin)) return bin;
  log(`installing firebase-tools ${FIREBASE_TOOLS_VERSION} into ${dir} (once)`);
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      partial,
      `firebase-tools@${FIREBASE_TOOLS_VERSION}`,
      '--omit=optional',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir); // a killed install never leaves a half-installed folder at `dir`
  return bin;
}

/** firebase-tools matches `ignore` globs against paths relative to the source folder. */
function ignoredBy(patterns: string[], rel: string): boolean {
  return patterns.some(
    (p) => path.matchesGlob(rel, p) || path.matchesGlob(path.basename(rel), p) || rel.startsWith(`${p}/`),
  );
}

function copyTree(from: string, to: string, skip: (rel: string) => boolean, rel = ''): string[] {
  const copied: string[] = [];
  for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(r)) continue;
    if (entry.isDirectory()) {
      fs.mkdirSync(path.join(to, r), { recursive: true });
      copied.push(...copyTree(from, to, skip, r));
    } else {
      fs.copyFileSync(path.join(from, r), path.join(to, r));
      copied.push(r);
    }
  }
  return copied;
}

/** What `firebase deploy` uploads from functions/ (the built bundle and package.json), copied to `to`. */
export function copyFunctionsUpload(to: string, root = ROOT): string[] {
  const fn = readFirebaseJson(root).functions[0]!;
  fs.mkdirSync(to, { recursive: true });
  return copyTree(path.join(root, fn.source), to, (rel) => ignoredBy(fn.ignore, rel));
}

/** `npm install` as Cloud Build runs it on the upload: production dependencies from the registry only. */
export function installUpload(dir: string): void {
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    stdio: 'pipe',
  });
}

export interface EmulatorSettings {
  /** functions/.secret.local: what `defineSecret` reads. */
  secrets: Record<string, string>;
  /** functions/.env.local: what `defineString` reads, and other environment of the functions. */
  params: Record<string, string>;
}

/**
 * A project folder with the deploy shape: firebase.json (emulator ports set to free ones), the
 * installed functions upload, `hosting.public` and the local secrets and params.
 */
export async function prepareDeployShape(
  dir: string,
  settings: EmulatorSettings,
  opts: { functionsInstalled?: string; ports?: { functions: number; hosting: number } } = {},
) {
  const firebase = readFirebaseJson();
  const fn = firebase.functions[0]!;
  const functionsDir = path.join(dir, fn.source);
  if (opts.functionsInstalled) fs.cpSync(opts.functionsInstalled, functionsDir, { recursive: true });
  else {
    copyFunctionsUpload(functionsDir);
    installUpload(functionsDir);
  }
  fs.cpSync(path.join(ROOT, firebase.hosting.public), path.join(dir, firebase.hosting.public), { recursive: true });
  const ports = {
    functions: await freePort(),
    hosting: await freePort(),
    ...opts.ports,
    hub: await freePort(),
    logging: await freePort(),
  };
  firebase.emulators = {
    functions: { host: '127.0.0.1', port: ports.functions },
    hosting: { host: '127.0.0.1', port: ports.hosting },
    hub: { host: '127.0.0.1', port: ports.hub },
    logging: { host: '127.0.0.1', port: ports.logging },
    ui: { enabled: false },
    singleProjectMode: true,
  };
  fs.writeFileSync(path.join(dir, 'firebase.json'), JSON.stringify(firebase, null, 2));
  const dotenv = (values: Record<string, string>) =>
    Object.entries(values)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}\n`)
      .join('');
  fs.writeFileSync(path.join(functionsDir, '.secret.local'), dotenv(settings.secrets));
  fs.writeFileSync(path.join(functionsDir, '.env.local'), dotenv(settings.params));
  return { hostingUrl: `http://127.0.0.1:${ports.hosting}` };
}

export interface RunningEmulators {
  /** The function names the Functions emulator loaded, as it printed them. */
  loaded: string[];
  /** Everything firebase-tools printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `firebase emulators:start --only functions,hosting` in `dir`, until it says all emulators are ready. */
export async function startFirebaseEmulators(
  dir: string,
  opts: { project: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; bin?: string },
): Promise<RunningEmulators> {
  const bin = opts.bin ?? firebaseToolsBin();
  const child = spawn(bin, ['emulators:start', '--only', 'functions,hosting', '--project', opts.project], {
    cwd: dir,
    env: { ...process.env, ...opts.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = await printed(child, 'All emulators ready', {
    what: 'the Firebase emulators',
    timeoutMs: opts.timeoutMs ?? 120_000,
    keepReading: true,
  });
  const loadedLine = /Loaded functions definitions from source: ([^\n]*)\./.exec(output())?.[1] ?? '';
  return {
    loaded: loadedLine
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    output,
    // firebase-tools shuts its emulators down on SIGINT.
    stop: () => stopGroup(child, 'SIGINT', 10_000, true),
  };
}
