/**
 * What `firebase deploy` does with functions/, simulated on the fresh build that `npm test` made:
 * upload the folder minus firebase.json's `ignore`, `npm install` it with no workspace around it,
 * load the entry, read the manifest the CLI deploys from (the firebase-functions discovery server),
 * then run that upload, firebase.json and `hosting.public` under firebase-tools' own Functions and
 * Hosting emulators (Firestore: gcloud's official emulator) and drive it through Hosting's port.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeLine } from '../../functions/src/dev/fakeLine';
import {
  copyFunctionsUpload,
  firebaseToolsBin,
  installUpload,
  prepareDeployShape,
  readFirebaseJson,
  startFirebaseEmulators,
  type RunningEmulators,
} from '../../functions/src/dev/firebaseEmulators';
import { freePort, startFirestoreEmulator, type FirestoreEmulator } from '../../functions/src/dev/firestoreEmulator';
import { sign, textEvent, webhookBody } from '../../functions/src/dev/webhookEvents';
import { API_MEMORY, JOB_MEMORY, mib, REMINDER_MEMORY } from '../../functions/src/limits';

const fn = readFirebaseJson().functions[0]!;
/** Every function the entry exports (and the Functions emulator loads). */
const FUNCTIONS = ['api', 'fridayReminder', 'mondayReminder', 'referralDigest', 'sightingDigest', 'weeklySnapshot'];

jest.setTimeout(420_000);

/** The upload, installed once: simulated below, then run under the emulators. */
const upload = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-deploy-'));
afterAll(() => fs.rmSync(upload, { recursive: true, force: true }));

describe('firebase deploy, simulated', () => {
  const dir = upload;
  let uploaded: string[] = [];
  let discovery: ChildProcess | undefined;
  afterAll(() => discovery?.kill());

  it('uploads only the bundle and package.json: no sources, no dev, bench or CLI code', () => {
    expect(fn.runtime).toBe('nodejs22');
    uploaded = copyFunctionsUpload(dir);
    expect(uploaded).toContain('package.json');
    expect(uploaded).toContain('dist/index.js');
    expect(uploaded.filter((f) => !f.startsWith('dist/') && f !== 'package.json')).toEqual([]);
    const code = uploaded
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    for (const devOnly of [
      'class FakeLine',
      'class EmbeddedStore',
      'class RemoteStore',
      'class DataDirLog',
      'startLocalStack',
      'syntheticChildren',
      'seedDemo',
      'process.argv',
    ])
      expect(code).not.toContain(devOnly);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    // Nothing a registry cannot serve: no workspace packages, no file: or link: specs.
    for (const [name, spec] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(name.startsWith('@panong/')).toBe(false);
      expect(spec).toMatch(/^\^?\d/);
    }
    const bytes = uploaded.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    console.log(`deploy upload: ${uploaded.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
  });

  it('installs in an empty folder with no workspace around it, and its entry loads', () => {
    const t0 = Date.now();
    installUpload(dir);
    console.log(`deploy install: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const out = execFileSync(
      process.execPath,
      ['-e', 'const m = require("./"); console.log(Object.keys(m).sort().join(","))'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out.trim()).toBe(FUNCTIONS.join(','));
  });

  it(
    'declares the four functions in asia-southeast1 with ' +
      'secrets, memory and timeouts (the manifest the CLI deploys)',
    async () => {
      const port = await freePort();
      const bin = path.join(dir, 'node_modules/firebase-functions/lib/bin/firebase-functions.js');
      discovery = spawn(process.execPath, [bin, '.'], {
        cwd: dir,
        env: { ...process.env, PORT: String(port), FUNCTIONS_CONTROL_API: 'true' },
        stdio: 'pipe',
      });
      let manifest: { endpoints: Record<string, Record<string, unknown>> } | undefined;
      for (let i = 0; i < 100 && !manifest; i++) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/__/functions.yaml`);
          if (res.ok) manifest = (await res.json()) as typeof manifest;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(manifest).toBeDefined();
      const endpoints = manifest!.endpoints;
      expect(Object.keys(endpoints).sort()).toEqual(FUNCTIONS);
      for (const [name, e] of Object.entries(endpoints)) {
        expect([name, e.region]).toEqual([name, ['asia-southeast1']]);
        // The settings bench/memory.ts measures the functions' peaks against.
        const setting = name === 'api' ? API_MEMORY : /^(monday|friday)/.test(name) ? REMINDER_MEMORY : JOB_MEMORY;
        expect([name, e.availableMemoryMb]).toEqual([name, mib(setting)]);
        expect([name, typeof e.timeoutSeconds]).toEqual([name, 'number']);
        const secrets = (e.secretEnvironmentVariables as Array<{ key: string }>).map((s) => s.key).sort();
        expect([name, secrets]).toEqual([name, ['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET']]);
      }
      expect(endpoints.api!.httpsTrigger).toBeDefined();
      expect(endpoints.api!.timeoutSeconds).toBeLessThanOrEqual(60); // Hosting cuts a proxied request at 60 s
      for (const job of ['mondayReminder', 'fridayReminder', 'sightingDigest', 'referralDigest', 'weeklySnapshot']) {
        expect((endpoints[job]!.scheduleTrigger as { timeZone: string }).timeZone).toBe('Asia/Bangkok');
      }
      await fetch(`http://127.0.0.1:${port}/__/quitquitquit`).catch(() => undefined);
    },
  );
});

describe("the deploy shape under firebase-tools' Functions and Hosting emulators", () => {
  const project = 'demo-panong-deploy';
  const secret = 'emulated-channel-secret';
  const loginChannel = '1650000077';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-emulators-'));
  const fake = new FakeLine('emulated-access-token');
  let firestore: FirestoreEmulator | undefined;
  let emulators: RunningEmulators | undefined;
  let hosting = '';
  const started = Date.now();

  beforeAll(async () => {
    const bin = firebaseToolsBin((line) => console.log(line)); // installed once into the user's cache
    firestore = await startFirestoreEmulator();
    const lineOrigin = await fake.listen();
    if (!fs.existsSync(path.join(upload, 'node_modules'))) {
      copyFunctionsUpload(upload); // this block run on its own
      installUpload(upload);
    }
    hosting = (
      await prepareDeployShape(
        dir,
        {
          secrets: { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: 'emulated-access-token' },
          params: { LINE_LOGIN_CHANNEL_ID: loginChannel, LIFF_ID: `${loginChannel}-emu`, LINE_API_ORIGIN: lineOrigin },
        },
        { functionsInstalled: upload },
      )
    ).hostingUrl;
    emulators = await startFirebaseEmulators(dir, {
      project,
      bin,
      env: {
        FIRESTORE_EMULATOR_HOST: firestore.host,
        GOOGLE_CLOUD_PROJECT: project,
        METADATA_SERVER_DETECTION: 'none',
      },
    });
  });
  const statuses: string[] = [];
  async function through(route: string, init?: RequestInit): Promise<Response> {
    const res = await fetch(`${hosting}${route}`, init);
    statuses.push(`${init?.method ?? 'GET'} ${route} → ${res.status}`);
    return res;
  }
  afterAll(async () => {
    await emulators?.stop();
    await firestore?.stop();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`firebase emulators: ${((Date.now() - started) / 1000).toFixed(1)} s from install check to stop`);
    console.log(`through Hosting:\n  ${statuses.join('\n  ')}`);
  });

  it('loads every function of the entry', () => {
    expect(emulators!.loaded.sort()).toEqual(FUNCTIONS);
    expect(emulators!.output()).toMatch(/functions\[asia-southeast1-api\]: http function initialized/);
  });

  it("serves the API paths through Hosting's rewrites, with the function reading Firestore", async () => {
    expect((await through('/healthz')).status).toBe(200);
    const config = await through('/liff/config.json');
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({
      liffId: `${loginChannel}-emu`,
      loginChannelId: loginChannel,
      mock: false,
    });
    const stats = await through('/public/stats');
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ scope: 'ทั้งประเทศ', rows: [] });
    const trend = await through('/public/trend');
    expect(trend.status).toBe(200);
    expect(Array.isArray(((await trend.json()) as { weeks: unknown }).weeks)).toBe(true);
    const me = await through('/api/me');
    expect(me.status).toBe(401);
    expect((await me.json()).error).toMatch(/ยืนยันตัวตน/);
  });

  it('answers LINE: 200 to a signed webhook with no events, 401 with a short code to a wrong signature', async () => {
    const empty = '{"destination":"U0123456789abcdef0123456789abcdef","events":[]}';
    const headers = (body: string, key = secret) => ({
      'content-type': 'application/json',
      'x-line-signature': sign(key, body),
    });
    expect((await through('/webhook', { method: 'POST', headers: headers(empty), body: empty })).status).toBe(200);
    const wrong = await through('/webhook', { method: 'POST', headers: headers(empty, 'another-secret'), body: empty });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_signature' });
  });

  it('answers a chat message through the real LINE client, from the function to the LINE API', async () => {
    const userId = 'U0f3a9c1b2d4e5f60718293a4b5c6d7e8';
    const body = webhookBody([textEvent({ userId, text: 'วิธีใช้', replyToken: fake.issueReplyToken(userId) })]);
    const res = await through('/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(secret, body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(fake.sent.filter((s) => s.kind === 'reply' && s.to.includes(userId))).toHaveLength(1);
  });

  it('serves the LIFF endpoint page and the pages it forwards to', async () => {
    const endpoint = await through('/liff/');
    expect(endpoint.status).toBe(200);
    expect(await endpoint.text()).toMatch(/<script[^>]+src="\/liff\/assets\//);
    expect((await through('/liff/checkin.html')).status).toBe(200);
  });
});
