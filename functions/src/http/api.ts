import { Router } from 'express';
import { z } from 'zod';
import {
  allowedNext,
  canSee,
  CheckInSchema,
  maskNationalId,
  ROLE_LABEL,
  STATUS_LABEL,
  type CaseEvent,
  type Child,
  type User,
} from '@panong/shared';
import type { Deps } from '../deps';
import { notFound } from '../errors';
import { childHistory, recordCheckIn } from '../usecases/checkIn';
import { dashboardFor } from '../usecases/stats';
import { authenticate } from './auth';

const ChildId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'รหัสเด็กไม่ถูกต้อง');

/** JSON API for the LIFF pages. Every route runs as the verified LINE user. */
export function apiRouter(deps: Deps): Router {
  const api = Router();
  api.use(authenticate(deps, { requireRegistered: true }));

  api.get('/me', (req, res) => {
    const user = req.user!;
    res.json({ role: user.role, roleLabel: ROLE_LABEL[user.role], areaCode: user.areaCode, schoolCode: user.schoolCode ?? null });
  });

  api.get('/dashboard', async (req, res) => {
    const { reads: _reads, ...view } = await dashboardFor(deps.store, req.user!);
    res.json(view);
  });

  api.get('/children/:id', async (req, res) => {
    const user = req.user!;
    const child = await deps.store.get<Child>(`children/${ChildId.parse(req.params.id)}`);
    if (!child || !canSee(user, child)) throw notFound();
    // "The child the user opened last" is where a LINE location message will attach.
    if (user.lastOpenedChildId !== child.id) {
      await deps.store.batch([{ kind: 'update', path: `users/${user.id}`, data: { lastOpenedChildId: child.id } }]);
    }
    res.json(childView(child, await childHistory(deps, child.id), user));
  });

  api.post('/children/:id/checkins', async (req, res) => {
    const childId = ChildId.parse(req.params.id);
    const input = CheckInSchema.parse(req.body);
    const result = await recordCheckIn(deps, req.user!, childId, input);
    res.status(result.duplicate ? 200 : 201).json({
      duplicate: result.duplicate,
      child: childView(result.child, await childHistory(deps, childId), req.user!),
    });
  });

  return api;
}

/** What a LIFF page may show: the national ID only masked. */
function childView(child: Child, history: CaseEvent[], viewer: User) {
  return {
    id: child.id,
    name: `${child.firstName} ${child.lastName}`,
    maskedId: maskNationalId(child.nationalId),
    grade: child.grade ?? null,
    schoolName: child.schoolName,
    areaName: child.areaName,
    currentAddress: child.currentAddress ?? null,
    guardianName: child.guardianName ?? null,
    guardianPhone: child.guardianPhone ?? null,
    status: child.status,
    statusLabel: STATUS_LABEL[child.status],
    allowedNext: allowedNext(child.status).map((s) => ({ status: s, label: STATUS_LABEL[s] })),
    lastCheckIn: child.lastCheckIn ?? null,
    history: history.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at,
      from: e.from,
      to: e.to,
      toLabel: STATUS_LABEL[e.to],
      by: e.by === viewer.id ? 'คุณ' : ROLE_LABEL[e.byRole],
      outcome: e.outcome,
      location: e.location ?? null,
    })),
  };
}
