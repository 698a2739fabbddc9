/**
 * Nothing acknowledged is lost in the embedded store, whatever runs beside the server: CLI commands
 * writing through the server that owns DATA_DIR, compactions, and a kill -9 mid-load.
 * Real processes: the local stack (`node functions/lib/dev/server.js`) and `npm run invite`'s script.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../../functions/src/adapters/embedded/embeddedStore';
import { RemoteStore } from '../../functions/src/adapters/embedded/remoteStore';
import { openStore } from '../../functions/src/dev/stores';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { FakeLine } from '../../functions/src/dev/fakeLine';
import { freePort } from '../../functions/src/dev/firestoreEmulator';
import { sign, textEvent, webhookBody } from '../../functions/src/dev/webhookEvents';

const run = promisify(execFile);
const lib = path.resolve(__dirname, '../../functions/lib');
const TEACHER = DEMO_USERS[1]!.id;
jest.setTimeout(180_000);

/** kill -9, and the process reaped (until then its pid is alive and still owns DATA_DIR). */
const killed = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });

describe('embedded store owned by the local server, with commands beside it', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panong-durable-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

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
      // Another process reading the same DATA_DIR while the server runs (through it): the teacher's school's children.
      const reader = await openStore({ STORE: 'embedded', DATA_DIR: dir, EMBEDDED_COMPACT_BYTES: 60_000 });
      expect(reader).toBeInstanceOf(RemoteStore);
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

      // CLI commands beside the running server (their writes go through it; it compacts past 60 KB).
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

      await killed(server);
      server = await startServer();
      await new Promise((r) => setTimeout(r, 500));
      stop = true;
      await load;
      await killed(server);

      expect(acknowledged.length).toBeGreaterThan(50);
      expect(fs.existsSync(path.join(dir, 'snapshot.jsonl'))).toBe(true); // compactions happened
      const store = new EmbeddedStore(dir);
      const events = await store.getMany(acknowledged.map((a) => `children/${a.child}/events/${a.key}`));
      expect(events.filter((e) => !e)).toHaveLength(0);
      for (const code of invites) expect(await store.get(`invites/${code}`)).toMatchObject({ code });
      expect(await store.get(`users/${newbie}`)).toMatchObject({ role: 'teacher', schoolCode: '10010002' });
      await store.close();
    },
  );
});
