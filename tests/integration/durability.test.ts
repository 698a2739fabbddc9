/**
 * Nothing acknowledged is lost in the embedded store, whatever runs beside the server: CLI commands
 * writing the same DATA_DIR, compactions started by either process, and a kill -9 mid-load.
 * Real processes: the local stack (`node functions/lib/dev/server.js`) and `npm run invite`'s script.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../functions/src/adapters/embeddedStore';
import { increment } from '../../functions/src/ports/store';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { FakeLine } from '../../functions/src/dev/fakeLine';
import { freePort } from '../../functions/src/dev/firestoreEmulator';
import { sign, textEvent, webhookBody } from '../../functions/src/dev/webhookEvents';

const run = promisify(execFile);
const lib = path.resolve(__dirname, '../../functions/lib');
const TEACHER = DEMO_USERS[1]!.id;
jest.setTimeout(180_000);

describe('embedded store shared by several processes', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-durable-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loses no update when two processes run read-modify-write transactions on the same document', async () => {
    const script = `
      const { EmbeddedStore } = require(${JSON.stringify(path.join(lib, 'adapters/embeddedStore.js'))});
      (async () => {
        const s = new EmbeddedStore(process.argv[1]);
        for (let i = 0; i < 60; i++) {
          await s.transaction(async (tx) => { const d = await tx.get('c/x'); tx.set('c/x', { n: (d?.n ?? 0) + 1 }); });
        }
        await s.close();
      })();`;
    const here = new EmbeddedStore(dir);
    await Promise.all([
      run(process.execPath, ['-e', script, dir]),
      run(process.execPath, ['-e', script, dir]),
      (async () => {
        for (let i = 0; i < 60; i++)
          await here.batch([{ kind: 'set', path: 'c/y', data: { n: increment(1) }, merge: true }]);
      })(),
    ]);
    expect(await here.get('c/x')).toEqual({ n: 120 });
    expect(await here.get('c/y')).toEqual({ n: 60 });
    await here.close();
  });

  it(
    'keeps every acknowledged check-in and invite through ' + 'CLI commands, compactions and a kill -9 of the server',
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dir,
        STORE: 'embedded',
        DEMO_SCHOOLS: '0',
        EMBEDDED_COMPACT_BYTES: '60000',
      };
      const startServer = async (): Promise<ChildProcess> => {
        const server = spawn(process.execPath, [path.join(lib, 'dev/server.js')], {
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise<void>((resolve, reject) => {
          server.stdout!.on('data', (b: Buffer) => String(b).includes('LINE chat simulator') && resolve());
          server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
        });
        return server;
      };
      let server = await startServer();
      const token = FakeLine.idToken(TEACHER, '1650000000', new Date(Date.now() + 3_600_000));
      // Another process reading the same DATA_DIR while the server runs: the teacher's school's children.
      const reader = new EmbeddedStore(dir);
      const children = (
        await reader.query('children', { where: [['schoolCode', '==', DEMO_USERS[1]!.schoolCode!]] })
      ).map((c) => c.id);
      await reader.close();
      expect(children.length).toBeGreaterThan(5);

      const acknowledged: Array<{ child: string; key: string }> = [];
      let stop = false;
      const load = (async () => {
        for (let i = 0; !stop; i++) {
          const child = children[i % children.length]!;
          const key = `durable-${String(i).padStart(10, '0')}-check`;
          try {
            const res = await fetch(`${base}/api/children/${child}/checkins`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ idempotencyKey: key, outcome: { status: 'found', note: `รอบ ${i}` } }),
            });
            if (res.status === 201) acknowledged.push({ child, key });
          } catch {
            await new Promise((r) => setTimeout(r, 20)); // the server is down (killed): keep trying
          }
        }
      })();

      // CLI commands beside the running server, each compacting when the log passes 60 KB.
      const invites: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { stdout } = await run(
          process.execPath,
          [path.join(lib, 'cli/invite.js'), '--role', 'teacher', '--area', '1001', '--school', '10010002'],
          { env },
        );
        invites.push(stdout.trim().split('\n').at(-1)!);
      }
      // The running server sees a CLI's invite at once: a new teacher registers with the last one.
      const newbie = 'U0000000000000000000000durable01';
      const body = webhookBody([
        textEvent({ userId: newbie, text: `ลงทะเบียน ${invites.at(-1)}`, replyToken: `rt-durable-${Date.now()}` }),
      ]);
      const reg = await fetch(`${base}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign('local-dev-channel-secret', body) },
        body,
      });
      expect(reg.status).toBe(200);

      server.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      server = await startServer();
      await new Promise((r) => setTimeout(r, 500));
      stop = true;
      await load;
      server.kill('SIGKILL');

      expect(acknowledged.length).toBeGreaterThan(50);
      expect(fs.readdirSync(dir).some((f) => /^wal\.\d+\.jsonl$/.test(f))).toBe(true); // compactions happened
      const store = new EmbeddedStore(dir);
      const events = await store.getMany(acknowledged.map((a) => `children/${a.child}/events/${a.key}`));
      expect(events.filter((e) => !e)).toHaveLength(0);
      for (const code of invites) expect(await store.get(`invites/${code}`)).toMatchObject({ code });
      expect(await store.get(`users/${newbie}`)).toMatchObject({ role: 'teacher', schoolCode: '10010002' });
      await store.close();
    },
  );
});
