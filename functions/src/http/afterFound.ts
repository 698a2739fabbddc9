import { Router } from 'express';
import { z } from 'zod';
import { canSee, CAUSES, ChildIdSchema, PARTNER_KIND_LABEL, type Child, type PartnerListItem } from '@panong/shared';
import type { Deps } from '../deps';
import { notFound } from '../errors';
import { listFollowUps, recordFollowUp } from '../stories/afterFound/followups';
import { importPartners, listPartners, partnerManager, partnersServing, placeOf } from '../stories/afterFound/partners';
import { actOnReferral, listReferrals } from '../stories/afterFound/referrals';
import { paths } from '../core/documents';

const ReferralId = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'รหัสเรื่องส่งต่อไม่ถูกต้อง');

/** After "found": partners, referrals and follow-ups (mounted inside the authenticated API). */
export function afterFoundRouter(deps: Deps): Router {
  const api = Router();

  api.get('/referrals', async (req, res) => {
    res.json({ referrals: await listReferrals(deps, req.user!) });
  });

  api.post('/referrals/:id', async (req, res) => {
    const { referral, duplicate } = await actOnReferral(deps, req.user!, ReferralId.parse(req.params.id), req.body);
    res
      .status(duplicate ? 200 : 201)
      .json({ duplicate, referral: { id: referral.id, state: referral.state, outcome: referral.outcome ?? null } });
  });

  api.get('/followups', async (req, res) => {
    res.json({ followups: await listFollowUps(deps, req.user!) });
  });

  api.post('/children/:id/followups', async (req, res) => {
    const { duplicate, child } = await recordFollowUp(deps, req.user!, ChildIdSchema.parse(req.params.id), req.body);
    res
      .status(duplicate ? 200 : 201)
      .json({ duplicate, status: child.status, screening: child.screening ?? null, flagged: child.flagged ?? false });
  });

  /** With ?child=: the partners a check-in may pick for that child (cause first); without: the managers' list. */
  api.get('/partners', async (req, res) => {
    const q = z.object({ child: ChildIdSchema.optional(), cause: z.enum(CAUSES).optional() }).parse(req.query);
    const user = req.user!;
    const forChild = async (id: string) => {
      const child = await deps.store.get<Child>(paths.child(id));
      if (!child || !canSee(user, child)) throw notFound();
      return partnersServing(deps.store, await placeOf(deps.store, child), q.cause);
    };
    const partners = q.child ? await forChild(q.child) : await listPartners(deps.store, user);
    res.json({
      partners: partners.map((p): PartnerListItem => ({ ...p, kindLabel: PARTNER_KIND_LABEL[p.kind] })),
    });
  });

  /** Admins and area coordinators load or update partners (rows as in the partner file). */
  api.post('/partners', async (req, res) => {
    const { province } = await partnerManager(deps.store, req.user!);
    const rows = z
      .object({
        rows: z.array(z.record(z.string(), z.unknown())).min(1, 'ไม่มีแถวข้อมูล').max(50, 'ส่งได้ครั้งละไม่เกิน 50 แถว'),
      })
      .parse(req.body).rows;
    const report = await importPartners(deps.store, rows, deps.clock().toISOString(), (r) =>
      province === undefined || r.province === province ? undefined : `เพิ่มได้เฉพาะหน่วยงานในจังหวัด${province}`,
    );
    res.json(report);
  });

  return api;
}
