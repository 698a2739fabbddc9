import { Router } from 'express';
import { z } from 'zod';
import type { Deps } from '../deps';
import { actOnTransfer, destinationAreas, destinationSchools, listTransfers } from '../stories/transfers/transfers';

const TransferId = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'รหัสเรื่องย้ายไม่ถูกต้อง');
const AreaCode = z.string().regex(/^\d{4}$/, 'รหัสเขตพื้นที่ไม่ถูกต้อง');

/** Children who move within Thailand: the receiving area's list and answer, and the directory to pick from. */
export function transfersRouter(deps: Deps): Router {
  const api = Router();
  api.get('/transfers', async (req, res) => {
    res.json({ transfers: await listTransfers(deps, req.user!) });
  });
  api.post('/transfers/:id', async (req, res) => {
    const { transfer, duplicate } = await actOnTransfer(deps, req.user!, TransferId.parse(req.params.id), req.body);
    res.status(duplicate ? 200 : 201).json({ duplicate, transfer });
  });
  api.get('/directory/areas', async (_req, res) => {
    res.json({ areas: await destinationAreas(deps.store) });
  });
  api.get('/directory/schools', async (req, res) => {
    res.json({ schools: await destinationSchools(deps.store, AreaCode.parse(req.query.area)) });
  });
  return api;
}
