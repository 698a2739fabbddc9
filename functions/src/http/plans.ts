import { Router } from 'express';
import { bangkokYmd, ChildIdSchema, type DuePlanItem } from '@panong/shared';
import type { Deps } from '../deps';
import { duePlans, getPlan, putPlan } from '../stories/plans/casePlan';

/** Case plans: one per found child (problem, causes, actions, prevention), and the actions due this week. */
export function plansRouter(deps: Deps): Router {
  const api = Router();
  api.get('/children/:id/plan', async (req, res) => {
    res.json({ plan: await getPlan(deps.store, req.user!, ChildIdSchema.parse(req.params.id)) });
  });
  api.put('/children/:id/plan', async (req, res) => {
    const { plan, changed } = await putPlan(deps, req.user!, ChildIdSchema.parse(req.params.id), req.body);
    res.status(200).json({ plan, changed });
  });
  api.get('/plans/due', async (req, res) => {
    const today = bangkokYmd(deps.clock());
    const plans = await duePlans(deps.store, req.user!, today);
    res.json({
      plans: plans.map(
        (p): DuePlanItem => ({
          childId: p.childId,
          childName: p.childName,
          nextDue: p.nextDue,
          overdue: !!p.nextDue && p.nextDue < today,
          actions: p.actions
            .filter((a) => !a.done)
            .sort((a, b) => a.due.localeCompare(b.due))
            .slice(0, 3)
            .map((a) => ({ what: a.what, due: a.due })),
        }),
      ),
    });
  });
  return api;
}
