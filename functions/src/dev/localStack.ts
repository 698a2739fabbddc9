/**
 * The local stack (`npm start`): embedded store with demo data, the LIFF pages in liff-mock mode,
 * a built-in fake LINE API on the same port, and the chat simulator at /dev. No LINE channel needed.
 */
import express from 'express';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Store } from '../ports/store';
import { createApp } from '../app';
import { loadLocalConfig } from '../config';
import { realDeps } from '../wiring';
import { openStore } from './stores';
import { EmbeddedStore } from '../adapters/embedded/embeddedStore';
import { storeEndpoint } from '../adapters/embedded/storeEndpoint';
import { STORE_PATH } from '../adapters/embedded/storeWire';
import { takeSnapshots } from '../stories/reports/snapshots';
import { bangkokYmd } from '@panong/shared';
import { DEMO_GUEST, DEMO_USERS, seedDemo, seedDemoReferrals } from './demoData';
import { FakeLine } from './fakeLine';
import { localEnv } from './localEnv';
import { followEvent, locationEvent, postbackEvent, sign, textEvent, webhookBody } from './webhookEvents';

/** A 1×1 light-grey PNG, stretched by the map to a tile. */
const STUB_TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP48+cPAAV+Ar0gj1P0AAAAAElFTkSuQmCC',
  'base64',
);
const LIFF_DIST = path.resolve(__dirname, '../../../liff/dist/liff');
const FIREBASE_JSON = path.resolve(__dirname, '../../../firebase.json');

/** The headers Firebase Hosting sets on `source` (firebase.json), so the local pages run under the same CSP. */
export function hostingHeaders(source: string): express.RequestHandler {
  const hosting = (
    JSON.parse(fs.readFileSync(FIREBASE_JSON, 'utf8')) as {
      hosting: { headers: Array<{ source: string; headers: Array<{ key: string; value: string }> }> };
    }
  ).hosting;
  const headers = hosting.headers.find((h) => h.source === source)?.headers ?? [];
  return (_req, res, next) => {
    for (const h of headers) res.set(h.key, h.value);
    next();
  };
}

export interface LocalStack {
  url: string;
  fake: FakeLine;
  store: Store;
  close(): Promise<void>;
}

/** Builds and starts the local stack on `port` (0 = any free port). */
export async function startLocalStack(env: NodeJS.ProcessEnv, port: number): Promise<LocalStack> {
  // Listening first (the port picks the local URL); until the app is ready a request is told to come back.
  const starting: http.RequestListener = (_req, res) => res.writeHead(503, { 'retry-after': '2' }).end('starting');
  const server = http.createServer(starting);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadLocalConfig({
    ...localEnv(Number(new URL(local).port)),
    ...env,
    STORE: env.STORE ?? 'embedded',
  });
  const store = await openStore(config, { serving: true });
  // A school directory the size of the real one (DEMO_SCHOOLS to change; the browser tests use a small one).
  if (await seedDemo(store, { directory: Number(env.DEMO_SCHOOLS ?? 30_000) })) await seedDemoReferrals(store);
  await takeSnapshots(store, bangkokYmd(new Date()), new Date().toISOString()); // this week's point of the trend charts
  const fake = new FakeLine(config.LINE_CHANNEL_ACCESS_TOKEN);
  const deps = realDeps(config, store);
  const storeToken = store instanceof EmbeddedStore ? randomBytes(24).toString('base64url') : undefined;

  const outer = express();
  // Locally the LIFF pages run liff-mock, with ID tokens the built-in fake LINE API verifies (valid for a day).
  outer.get('/liff/config.json', (_req, res) => {
    const mockTokenTemplate = FakeLine.idToken(
      '{userId}',
      config.LINE_LOGIN_CHANNEL_ID,
      new Date(Date.now() + 86_400_000),
    );
    res.set('cache-control', 'no-cache').json({
      liffId: config.LIFF_ID,
      loginChannelId: config.LINE_LOGIN_CHANNEL_ID,
      mock: true,
      mockTokenTemplate,
      mapTiles: deps.mapTiles,
    });
  });
  outer.use(
    createApp(deps, (app) => {
      app.use('/liff', hostingHeaders('/liff/**'), express.static(LIFF_DIST));
      app.get('/', (_req, res) => res.redirect('/dev'));
      app.get('/dev', (_req, res) => res.sendFile(path.join(LIFF_DIST, 'dev.html')));
      // Offline map tiles (MAP_TILE_URL=/dev/tiles/{z}/{x}/{y}.png): a plain tile, so tests and machines without
      // internet draw a map.
      app.get(
        '/dev/tiles/:z/:x/:y.png',
        (_req, res) => void res.type('png').set('cache-control', 'max-age=3600').send(STUB_TILE),
      );
      app.use('/dev/api', express.json({ limit: '16kb' }), simulatorApi());
      if (storeToken) app.use(STORE_PATH, storeEndpoint(store, storeToken)); // commands run beside this server
      if (config.LINE_API_ORIGIN === local) app.use(fake.app); // the built-in fake LINE API
    }),
  );

  function simulatorApi() {
    const api = express.Router();
    api.get(
      '/users',
      (_req, res) =>
        void res.json({
          users: [...DEMO_USERS, DEMO_GUEST].map((u) => ({ id: u.id, name: u.displayName })),
          liffId: config.LIFF_ID,
        }),
    );
    api.get('/messages', (req, res) => {
      const userId = String(req.query.userId ?? '');
      res.json({
        messages: fake.sent
          .filter((s) => s.to.includes(userId))
          .map((s) => ({ kind: s.kind, at: s.at, messages: s.messages })),
      });
    });
    api.post('/send', async (req, res) => {
      const { userId, kind, text, lat, lng, data } = req.body as Record<string, string | number | undefined>;
      const who = { userId: String(userId), replyToken: fake.issueReplyToken(String(userId)) };
      const event =
        kind === 'location'
          ? locationEvent({ ...who, lat: Number(lat), lng: Number(lng) })
          : kind === 'postback'
            ? postbackEvent({ ...who, data: String(data) })
            : kind === 'follow'
              ? followEvent(who)
              : textEvent({ ...who, text: String(text ?? '') });
      const body = webhookBody([event]);
      const r = await fetch(`${local}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(config.LINE_CHANNEL_SECRET, body) },
        body,
      });
      res.status(r.status).json({ status: r.status });
    });
    // The rich menu the selected user sees (their own, else the default; or an alias a tab switches to).
    api.get('/richmenu', (req, res) => {
      const id = req.query.alias
        ? fake.richMenus.aliases.get(String(req.query.alias))
        : fake.richMenus.menuFor(String(req.query.userId ?? ''));
      const menu = id ? fake.richMenus.menus.get(id) : undefined;
      if (!id || !menu?.image) return void res.json({ menu: null });
      res.json({ menu: { id, size: menu.menu.size, areas: menu.menu.areas, image: `/dev/api/richmenu/${id}/image` } });
    });
    api.get('/richmenu/:id/image', (req, res) => {
      const image = fake.richMenus.menus.get(req.params.id)?.image;
      if (!image) return void res.status(404).end();
      res.type(image.type).send(image.bytes);
    });
    return api;
  }

  server.off('request', starting);
  server.on('request', outer);
  if (storeToken) (store as EmbeddedStore).advertise(local, storeToken);
  if (config.LINE_API_ORIGIN === local) {
    // The built-in OA gets its menus the way a real one does: `line:setup` against the fake LINE API.
    fake.richMenus.channelSecret = config.LINE_CHANNEL_SECRET;
    await setUpMenus(store, local, config.LIFF_ID, config.LINE_CHANNEL_ACCESS_TOKEN).catch((err: unknown) =>
      console.warn(`rich menus not set up: ${String(err)}`),
    );
  }
  return {
    url: local,
    fake,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

async function setUpMenus(store: Store, local: string, liffId: string, accessToken: string): Promise<void> {
  const [{ setupLine, usersInRoles }, { renderMenuImage, RENDERER_VERSION }, { lineSetupClient }] = await Promise.all([
    import('../stories/lineSetup/lineSetup'),
    import('../adapters/richMenuImage'),
    import('../adapters/lineClient'),
  ]);
  await setupLine(
    {
      line: lineSetupClient({ channelAccessToken: accessToken, origin: local }),
      render: renderMenuImage,
      usersIn: (roles) => usersInRoles(store, roles),
      rendererVersion: RENDERER_VERSION,
    },
    { baseUrl: local, liffId },
  );
}
