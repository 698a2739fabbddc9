import { Router } from 'express';
import { z } from 'zod';
import type { Deps } from '../deps';
import { decideDuplicate, listDuplicates } from '../stories/duplicates/decide';

const PairId = z.string().regex(/^[A-Za-z0-9_-]{1,64}__[A-Za-z0-9_-]{1,64}$/, 'รหัสคู่รายการไม่ถูกต้อง');

/** Probable duplicates: the coordinators' list, and merge or distinct. */
export function duplicatesRouter(deps: Deps): Router {
  const api = Router();
  api.get('/duplicates', async (req, res) => {
    res.json({ duplicates: await listDuplicates(deps, req.user!) });
  });
  api.post('/duplicates/:id', async (req, res) => {
    const { pair, duplicate } = await decideDuplicate(deps, req.user!, PairId.parse(req.params.id), req.body);
    res.status(duplicate ? 200 : 201).json({ duplicate, state: pair.state, kept: pair.kept ?? null });
  });
  return api;
}
