import express, { Router } from 'express';
import { z } from 'zod';
import {
  nextFor,
  bangkokYmd,
  canManage,
  canSee,
  ChildIdSchema,
  CheckInSchema,
  LIST_GROUPS,
  maskNationalId,
  ROLE_LABEL,
  STATUS_LABEL,
  type CaseEvent,
  type Child,
  type User,
  type ChildView,
  type SiblingView,
} from '@panong/shared';
import type { Deps } from '../deps';
import { notFound } from '../errors';
import { triage, triageQueue } from '../stories/sightings/sightings';

import { childHistory, recordCheckIn } from '../stories/fieldWork/checkIn';
import { tellSchoolOfficerFound } from '../stories/localAdmins/officerFound';
import { localReport } from '../stories/localAdmins/localReport';
import { plansRouter } from './plans';
import { checkInMap, dashboardFor, type Segment } from '../stories/reports/dashboard';
import { assignChildren, myCases, schoolRoster } from '../stories/fieldWork/assign';
import { renderReport, weeklyReport } from '../stories/reports/weeklyReport';
import { adminImportRouter } from './adminImport';
import { authenticate } from './auth';
import { recordViews, viewHistory } from '../stories/fieldWork/views';
import { siblingsOf } from '../stories/family/siblings';
import { agencyMayCall } from '../stories/afterFound/referrals';

import { afterFoundRouter } from './afterFound';
import { transfersRouter } from './transfers';
import { duplicatesRouter } from './duplicates';
import { announceTransfer } from '../stories/transfers/transfers';
import { unitOf, unitWhere } from '../core/units';
import { workerLoads } from '../stories/reports/workers';
import { openWork } from '../stories/reports/openWork';
import { trendFor } from '../stories/reports/snapshots';
import { paths } from '../core/documents';

/** JSON API for the LIFF pages. Every route runs as the verified LINE user. */
export function apiRouter(deps: Deps): Router {
  const api = Router();
  api.use(authenticate(deps, { requireRegistered: true }));
  api.use(adminImportRouter(deps)); // its own body limit, read only after the role check
  api.use(express.json({ limit: '32kb' }));

  api.get('/me', (req, res) => {
    const user = req.user!;
    res.json({
      role: user.role,
      roleLabel: ROLE_LABEL[user.role],
      areaCode: user.areaCode,
      schoolCode: user.schoolCode ?? null,
      partnerId: user.partnerId ?? null,
    });
  });
  api.use(afterFoundRouter(deps));
  api.use(transfersRouter(deps));
  api.use(duplicatesRouter(deps));
  api.use(plansRouter(deps));

  api.get('/dashboard', async (req, res) => {
    const user = req.user!;
    const { reads: _reads, raw, ...view } = await dashboardFor(deps.store, user, segmentOf(req.query));
    const unit = unitOf(user);
    const now = deps.clock();
    // The scope's counters (raw[0]) tell whether any referral or follow-up is open: no count when none is.
    res.json({
      ...view,
      ...(unit ? { work: await openWork(deps.store, unitWhere(unit), now, bangkokYmd(now), raw[0]) } : {}),
      ...(unit && canManage(user) ? { workers: await workerLoads(deps.store, raw[0] ?? {}) } : {}),
    });
  });

  api.get('/dashboard/trend', async (req, res) => {
    res.json({ weeks: await trendFor(deps.store, req.user!) });
  });

  api.get('/dashboard/map', async (req, res) => {
    res.json({ points: (await checkInMap(deps.store, req.user!)).points });
  });

  api.get('/my-cases', async (req, res) => {
    const here = z
      .object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) })
      .safeParse(req.query);
    res.json({ cases: await myCases(deps.store, req.user!, here.success ? here.data : undefined) });
  });

  api.get('/schools/:code/roster', async (req, res) => {
    res.json(
      await schoolRoster(
        deps.store,
        req.user!,
        z
          .string()
          .regex(/^\d{6,10}$/)
          .parse(req.params.code),
      ),
    );
  });

  api.post('/assignments', async (req, res) => {
    res.json(await assignChildren(deps, req.user!, req.body));
  });

  api.get('/reports/weekly', async (req, res) => {
    const q = z
      .object({
        kind: z.enum(['monday', 'friday', 'local']),
        format: z.enum(['csv', 'xlsx']).default('csv'),
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        area: z
          .string()
          .regex(/^\d{2,10}$/)
          .optional(), // admins: one area's per-child list
      })
      .parse(req.query);
    const date = q.date ?? bangkokYmd(deps.clock());
    const report =
      q.kind === 'local'
        ? await localReport(deps.store, req.user!, date)
        : await weeklyReport(deps.store, req.user!, q.kind, date, q.area);
    const body = await renderReport(report, q.format);
    res
      .type(
        q.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .attachment(`panong-${q.kind}-${date}.${q.format}`)
      .send(body);
  });

  api.get('/triage', async (req, res) => {
    res.json({ queue: await triageQueue(deps, req.user) });
  });

  api.post('/sightings/:id/triage', async (req, res) => {
    const s = await triage(
      deps,
      req.user,
      z
        .string()
        .regex(/^[A-Za-z0-9-]{16,64}$/)
        .parse(req.params.id),
      req.body,
    );
    res.json({ ref: s.ref, status: s.status, linkedChildId: s.linkedChildId ?? null });
  });

  api.get('/children/:id', async (req, res) => {
    const user = req.user!;
    const child = await deps.store.get<Child>(paths.child(ChildIdSchema.parse(req.params.id)));
    if (!child || !canSee(user, child)) throw notFound();
    await recordViews(deps, user, [child.id], 'liff');
    // "The child the user opened last" is where a LINE location message will attach.
    if (user.lastOpenedChildId !== child.id) {
      await deps.store.batch([{ kind: 'update', path: paths.user(user.id), data: { lastOpenedChildId: child.id } }]);
    }
    const [history, siblings] = await Promise.all([childHistory(deps, child.id), siblingsOf(deps.store, user, child)]);
    res.json(childView(child, history, siblings, user));
  });

  api.get('/children/:id/views', async (req, res) => {
    res.json({ views: await viewHistory(deps.store, req.user!, ChildIdSchema.parse(req.params.id)) });
  });

  api.post('/children/:id/checkins', async (req, res) => {
    const childId = ChildIdSchema.parse(req.params.id);
    const input = CheckInSchema.parse(req.body);
    const result = await recordCheckIn(deps, req.user!, childId, input);
    if (!result.duplicate && result.event.to === 'moved') await announceTransfer(deps, result.event.id);
    await tellSchoolOfficerFound(deps, req.user!, result);
    res.status(result.duplicate ? 200 : 201).json({
      duplicate: result.duplicate,
      child: childView(
        result.child,
        ...(await Promise.all([childHistory(deps, childId), siblingsOf(deps.store, req.user!, result.child)])),
        req.user!,
      ),
    });
  });

  return api;
}

/** `?group=` (a list group) or `?round=` (e.g. 2564/2): the dashboards' filter. */
export function segmentOf(query: unknown): Segment {
  const q = z
    .object({
      group: z.enum(LIST_GROUPS).optional(),
      round: z
        .string()
        .regex(/^[0-9A-Za-z./_-]{1,20}$/, 'รอบไม่ถูกต้อง')
        .optional(),
    })
    .parse(query);
  return q.group ? { group: q.group } : q.round ? { round: q.round } : undefined;
}

/** What a LIFF page may show: the national ID only masked. */
function childView(child: Child, history: CaseEvent[], siblings: SiblingView[], viewer: User): ChildView {
  return {
    id: child.id,
    name: `${child.firstName} ${child.lastName}`,
    maskedId: maskNationalId(child.nationalId),
    grade: child.grade ?? null,
    schoolName: child.schoolName,
    areaName: child.areaName,
    currentAddress: child.currentAddress ?? null,
    guardianName: child.guardianName ?? null,
    // A partner sees the guardian's phone only once it has accepted the referral.
    guardianPhone: agencyMayCall(viewer, child) ? (child.guardianPhone ?? null) : null,
    status: child.status,
    statusLabel: STATUS_LABEL[child.status],
    allowedNext:
      viewer.role === 'agency'
        ? []
        : nextFor(child).map((s) => ({
            status: s,
            label: s === 'referred' && child.status === 'returned' ? 'ส่งต่อหน่วยงานภาคี (เด็กยังเรียนอยู่)' : STATUS_LABEL[s],
          })),
    referral: child.referral ?? null,
    screening: child.screening ?? null,
    flagged: child.flagged ?? false,
    reDropouts: child.reDropouts ?? 0,
    lastCheckIn: child.lastCheckIn ?? null,
    siblings,
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
