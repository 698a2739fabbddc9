import express, { type Express } from 'express';
import { DEFAULT_MAP_TILES } from './config';
import type { Deps } from './deps';
import { apiRouter, segmentOf } from './http/api';
import { communityRouter } from './http/community';
import { errorHandler } from './http/errors';
import { webhookRouter } from './http/webhook';
import { publicStats } from './stories/reports/dashboard';
import { trend } from './stories/reports/snapshots';

/** The whole HTTP surface; adapters come in through deps so tests and the local stack wire their own. */
export function createApp(deps: Deps, mountExtra?: (app: Express) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.use(webhookRouter(deps));
  // The LIFF pages' one source of their IDs: the function's params, so no build can drop them.
  app.get('/liff/config.json', (_req, res) => {
    res.set('cache-control', 'no-cache').json({
      liffId: deps.liffId,
      loginChannelId: deps.loginChannelId,
      mock: false,
      mapTiles: deps.mapTiles ?? DEFAULT_MAP_TILES,
    });
  });
  // Public aggregate numbers (the programme's public page): counters only, no personal data.
  app.get('/public/stats', async (req, res) => {
    res.set('cache-control', 'public, max-age=300').json(await publicStats(deps.store, segmentOf(req.query)));
  });
  app.get('/public/trend', async (_req, res) => {
    res.set('cache-control', 'public, max-age=3600').json({ weeks: await trend(deps.store, 'national') });
  });
  // Personal data: never stored by a browser or proxy cache, never sniffed into another type.
  app.use('/api', (_req, res, next) => {
    res.set({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    next();
  });
  app.use('/api/community', express.json({ limit: '16kb' }), communityRouter(deps));
  app.use('/api', apiRouter(deps)); // bodies are parsed after authentication, per route
  mountExtra?.(app);
  app.use(errorHandler(deps.logger));
  return app;
}
