/**
 * Processes the webhook benchmark measures, each on its own: `fake-line` (the fake LINE API),
 * `panong` (createApp on the embedded store in DATA_DIR, real SDK client and ID-token verifier
 * pointed at the fake) and `echo` (the bare @line/bot-sdk middleware + replyMessage, the floor).
 * Each prints `ready <url>` on stdout once it listens, and answers its CPU time at `GET /__cpu`.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { messagingApi, middleware } from '@line/bot-sdk';
import { createApp } from '../app';
import { EmbeddedStore } from '../adapters/embedded/embeddedStore';
import { lineIdTokenVerifier } from '../adapters/idToken';
import { lineClient } from '../adapters/lineClient';
import { createLogger } from '../adapters/logger';
import { FakeLine } from '../dev/fakeLine';
import { QUERIED_FIELDS } from '../dev/stores';

export const BENCH_SECRET = 'bench-secret';
export const BENCH_TOKEN = 'bench-token';

/**
 * Listens on loopback; `GET /__cpu` answers this process's CPU time so far (µs), for CPU per request measured
 * outside the handler being measured.
 */
function listen(handler: express.Express): Promise<string> {
  const app = express();
  app.get('/__cpu', (_req, res) => {
    const { user, system } = process.cpuUsage();
    res.json({ micros: user + system });
  });
  app.use(handler);
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  const origin = process.env.LINE_API_ORIGIN ?? '';
  if (mode === 'fake-line') {
    const fake = new FakeLine(BENCH_TOKEN);
    // Reply tokens are not pre-registered in a benchmark: every token is accepted once.
    console.log(`ready ${await fake.listen()}`);
    return;
  }
  if (mode === 'echo') {
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: BENCH_TOKEN, baseURL: origin });
    const app = express();
    app.post('/webhook', middleware({ channelSecret: BENCH_SECRET }), async (req, res) => {
      await Promise.all(
        (req.body.events as Array<{ replyToken: string; message: { text: string } }>).map((e) =>
          client.replyMessage({ replyToken: e.replyToken, messages: [{ type: 'text', text: e.message.text }] }),
        ),
      );
      res.json({});
    });
    console.log(`ready ${await listen(app)}`);
    return;
  }
  if (mode === 'panong') {
    const opened = process.hrtime.bigint();
    const store = new EmbeddedStore(arg, { indexed: QUERIED_FIELDS });
    const app = createApp({
      store,
      line: lineClient({ channelAccessToken: BENCH_TOKEN, origin }),
      verifyIdToken: lineIdTokenVerifier({ origin, channelId: '1', now: () => new Date() }),
      clock: () => new Date(),
      newId: () => randomUUID(),
      logger: createLogger(() => undefined),
      liffId: 'bench-liff',
      loginChannelId: '1',
      channelSecret: BENCH_SECRET,
    });
    console.log(`ready ${await listen(app)} opened-ms=${Math.round(Number(process.hrtime.bigint() - opened) / 1e6)}`);
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

if (require.main === module) {
  process.once('SIGTERM', () => process.exit(0)); // lets --cpu-prof write its profile
  void main();
}
