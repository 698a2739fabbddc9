/**
 * What `firebase deploy` does with functions/, simulated on the fresh build that `npm test` made:
 * upload the folder minus firebase.json's `ignore`, `npm install` it with no workspace around it,
 * load the entry, and read the manifest the CLI deploys from (the firebase-functions discovery server).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../functions/src/dev/firestoreEmulator';

const root = path.resolve(__dirname, '../..');
const firebase = JSON.parse(fs.readFileSync(path.join(root, 'firebase.json'), 'utf8')) as {
  functions: Array<{ source: string; runtime: string; ignore: string[] }>;
};
const fn = firebase.functions[0]!;
const source = path.join(root, fn.source);

/** firebase-tools matches `ignore` globs against paths relative to the source folder. */
function ignored(rel: string): boolean {
  return fn.ignore.some((pattern) => path.matchesGlob(rel, pattern) || path.matchesGlob(path.basename(rel), pattern) || rel.startsWith(`${pattern}/`));
}

function copyUpload(from: string, to: string, rel = ''): string[] {
  const copied: string[] = [];
  for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (ignored(r)) continue;
    if (entry.isDirectory()) {
      fs.mkdirSync(path.join(to, r), { recursive: true });
      copied.push(...copyUpload(from, to, r));
    } else {
      fs.copyFileSync(path.join(from, r), path.join(to, r));
      copied.push(r);
    }
  }
  return copied;
}

jest.setTimeout(240_000);

describe('firebase deploy, simulated', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-deploy-'));
  let uploaded: string[] = [];
  let discovery: ChildProcess | undefined;
  afterAll(() => {
    discovery?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uploads only the bundle and package.json: no sources, no dev, bench or CLI code', () => {
    expect(fn.runtime).toBe('nodejs22');
    uploaded = copyUpload(source, dir);
    expect(uploaded).toContain('package.json');
    expect(uploaded).toContain('dist/index.js');
    expect(uploaded.filter((f) => !f.startsWith('dist/') && f !== 'package.json')).toEqual([]);
    const code = uploaded.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    for (const devOnly of ['class FakeLine', 'startLocalStack', 'syntheticChildren', 'seedDemo', 'process.argv']) expect(code).not.toContain(devOnly);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
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
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
    console.log(`deploy install: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const out = execFileSync(process.execPath, ['-e', 'const m = require("./"); console.log(Object.keys(m).sort().join(","))'], { cwd: dir, encoding: 'utf8' });
    expect(out.trim()).toBe('api,fridayReminder,mondayReminder,referralDigest,sightingDigest,weeklySnapshot');
  });

  it('declares the four functions in asia-southeast1 with secrets, memory and timeouts (the manifest the CLI deploys)', async () => {
    const port = await freePort();
    const bin = path.join(dir, 'node_modules/firebase-functions/lib/bin/firebase-functions.js');
    discovery = spawn(process.execPath, [bin, '.'], { cwd: dir, env: { ...process.env, PORT: String(port), FUNCTIONS_CONTROL_API: 'true' }, stdio: 'pipe' });
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
    expect(Object.keys(endpoints).sort()).toEqual(['api', 'fridayReminder', 'mondayReminder', 'referralDigest', 'sightingDigest', 'weeklySnapshot']);
    for (const [name, e] of Object.entries(endpoints)) {
      expect([name, e.region]).toEqual([name, ['asia-southeast1']]);
      expect([name, typeof e.availableMemoryMb]).toEqual([name, 'number']);
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
  });
});
