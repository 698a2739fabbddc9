/**
 * `STORE=firestore npm start`: the local stack on the production store. The command starts the
 * official Cloud Firestore emulator itself, seeds the demo data, and stops the emulator on exit.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_USERS } from '../../functions/src/dev/demoData';
import { freePort } from '../../functions/src/dev/firestoreEmulator';

const server = path.resolve(__dirname, '../../functions/lib/dev/server.js');

it('runs the local stack on the official Firestore emulator with demo data, and stops it on exit', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, STORE: 'firestore', PORT: String(port) };
  delete env.FIRESTORE_EMULATOR_HOST;
  const child = spawn(process.execPath, [server], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  try {
    for (let i = 0; i < 600 && !out.includes('LINE chat simulator'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('official emulator');
    const base = `http://127.0.0.1:${port}`;
    const stats = (await (await fetch(`${base}/public/stats`)).json()) as { summary: { toTrack: number } };
    expect(stats.summary.toTrack).toBe(80); // 60 in the demo schools + 20 in Chiang Mai
    const teacher = DEMO_USERS[1]!.id;
    const sent = await fetch(`${base}/dev/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: teacher, text: 'วิธีใช้' }),
    });
    expect(sent.status).toBe(200);
    const { messages } = (await (await fetch(`${base}/dev/api/messages?userId=${teacher}`)).json()) as {
      messages: unknown[];
    };
    expect(messages.length).toBe(1);
  } finally {
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
});
