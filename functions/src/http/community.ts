import { Router } from 'express';
import type { Deps } from '../deps';
import { reportSighting } from '../stories/sightings/sightings';

import { authenticate } from './auth';

/** For anyone who follows the account: a LINE login is needed (for the rate limit and updates), registration is not. */
export function communityRouter(deps: Deps): Router {
  const router = Router();
  router.use(authenticate(deps, { requireRegistered: false }));
  router.post('/sightings', async (req, res) => {
    const { sighting, duplicate } = await reportSighting(deps, req.lineUserId!, req.body);
    res.status(duplicate ? 200 : 201).json({ ref: sighting.ref, status: sighting.status });
  });
  router.get('/areas', async (_req, res) => {
    const areas = await deps.store.query<{ areaCode: string; name: string }>('stats', {
      where: [['level', '==', 'area']],
    });
    res.json({ areas: areas.map((a) => ({ code: a.data.areaCode, name: a.data.name })) });
  });
  return router;
}
