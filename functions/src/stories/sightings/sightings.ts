import {
  bangkokYmd,
  canSee,
  distanceKm,
  maskNationalId,
  matchesName,
  nameQuery,
  SIGHTING_STATUS_LABEL,
  SightingSchema,
  STATUS_LABEL,
  TriageSchema,
  type CaseEvent,
  type Child,
  type Suggestion,
  type User,
  type SightingQueueItem,
} from '@panong/shared';
import type { Deps } from '../../deps';
import { notFound, UserFacingError } from '../../errors';
import { assignableUser } from '../fieldWork/assign';
import { newChild } from '../../core/children';
import { nearestSchool } from '../lists/schools';
import { CounterDeltas, countedFields } from '../../core/counters';
import { notify } from '../../messages/notify';
import type { Write } from '../../ports/store';
import { paths, type School, type Sighting } from '../../core/documents';

export const DAILY_LIMIT = 5;

/**
 * Takes a community report: validated, rate-limited per LINE user, routed to an area, acknowledged with a reference.
 */
export async function reportSighting(
  deps: Deps,
  reporterId: string,
  body: unknown,
): Promise<{ sighting: Sighting; duplicate: boolean }> {
  const input = SightingSchema.parse(body);
  const id = input.idempotencyKey;
  const earlier = await deps.store.get<Sighting>(paths.sighting(id));
  if (earlier) {
    if (earlier.reporterId !== reporterId) throw new UserFacingError(409, 'รหัสอ้างอิงการส่งซ้ำ กรุณาเปิดแบบฟอร์มใหม่');
    return { sighting: earlier, duplicate: true };
  }
  const now = deps.clock();
  // Routed to the area of the nearest school within 30 km (a bounded read of the school grid), else the chosen area.
  const school = input.location ? (await nearestSchool(deps.store, input.location)).school : undefined;
  const areaCode = school?.area ?? input.areaCode;
  if (!areaCode) throw new UserFacingError(400, 'ไม่พบโรงเรียนในระยะ 30 กม. จากตำแหน่งนี้ กรุณาเลือกเขตพื้นที่');
  if (!school && !(await deps.store.get(paths.areaStats(areaCode))))
    throw new UserFacingError(400, 'ไม่พบเขตพื้นที่ที่เลือก กรุณาเลือกจากรายการ');
  const sighting: Sighting = {
    id,
    ref: `S-${id.replace(/-/g, '').slice(0, 6).toUpperCase()}`,
    reporterId,
    createdAt: now.toISOString(),
    areaCode,
    ...(school ? { nearestSchool: school.code } : {}),
    ...(input.location ? { location: input.location } : {}),
    place: input.place,
    ...(input.approxAge ? { approxAge: input.approxAge } : {}),
    sex: input.sex,
    description: input.description,
    ...(input.childName ? { childName: input.childName } : {}),
    contactConsent: input.contactConsent,
    status: 'received',
  };
  // The daily limit is a counter document in the same transaction as the report: atomic on Firestore too.
  const limitPath = `sightingLimits/${reporterId}_${bangkokYmd(now)}`;
  try {
    const created = await deps.store.transaction(async (tx) => {
      const [again, used] = [
        await tx.get<Sighting>(paths.sighting(id)),
        (await tx.get<{ n: number }>(limitPath))?.n ?? 0,
      ];
      if (again) return false; // a concurrent double tap
      if (used >= DAILY_LIMIT) throw new UserFacingError(429, `แจ้งได้ไม่เกิน ${DAILY_LIMIT} เรื่องต่อวัน ขอบคุณที่ช่วยติดตามเด็ก`);
      tx.set(limitPath, { n: used + 1, reporterId, day: bangkokYmd(now) });
      tx.create(paths.sighting(id), { ...sighting });
      return true;
    });
    if (!created) return { sighting: (await deps.store.get<Sighting>(paths.sighting(id)))!, duplicate: true };
  } catch (err) {
    // The other tap of a double tap committed first (Firestore may answer "already exists" instead of retrying).
    const winner = err instanceof UserFacingError ? undefined : await deps.store.get<Sighting>(paths.sighting(id));
    if (winner?.reporterId !== reporterId) throw err;
    return { sighting: winner, duplicate: true };
  }
  await tellReporter(deps, sighting, 'received');
  return { sighting, duplicate: false };
}

/** Status updates to the reporter name no child and no place: only the reference and the stage. */
async function tellReporter(deps: Deps, s: Sighting, status: Sighting['status']): Promise<void> {
  const text =
    `เรื่องแจ้งพบเด็ก ${s.ref}: ` +
    SIGHTING_STATUS_LABEL[status] +
    (status === 'received' ? '\nขอบคุณที่ช่วยพาน้องกลับมาเรียน เจ้าหน้าที่เขตพื้นที่จะติดตามต่อ' : '');
  const n = { key: ['sighting', s.id, status], what: 'reporter update not delivered', log: { ref: s.ref } };
  await notify(deps, [s.reporterId], [{ type: 'text', text }], n);
}

function assertTriager(user: User | undefined): asserts user is User {
  if (!user || (user.role !== 'area_coordinator' && user.role !== 'admin'))
    throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเขตพื้นที่เท่านั้น');
}

/** Typical age for a Thai grade (ป.1 ≈ 7 … ม.6 ≈ 18): OBEC lists carry the grade, not the birth date. */
export function ageOfGrade(grade?: string): number | undefined {
  const m = /^(ป|ม)\.?\s*(\d)/.exec(grade ?? '');
  if (!m) return undefined;
  return (m[1] === 'ป' ? 6 : 12) + Number(m[2]);
}

/** Children of the area read per report for suggestions: the queue's reads stay bounded (20 reports × this). */
const SUGGESTION_READS = 10;

/**
 * Possible matches in the official list for a report that names the child: exact names first, then
 * prefixes, scored with distance to the last check-in and age against grade. A report without a
 * name gets none (staff search by hand): reading the area's children for it would cost per child.
 */
async function suggestions(deps: Deps, user: User, s: Sighting): Promise<Suggestion[]> {
  const q = s.childName ? nameQuery(s.childName) : undefined;
  if (!q) return [];
  const byKey = (key: string) =>
    deps.store.query<Child>('children', {
      where: [
        ['searchKeys', 'array-contains', key],
        ['areaCode', '==', s.areaCode],
      ],
      limit: SUGGESTION_READS,
    });
  const exact = await byKey(q.exact);
  const more = exact.length < SUGGESTION_READS ? await byKey(q.key) : [];
  const unique = new Map([...exact, ...more].map((c) => [c.id, c.data]));
  const found = [...unique.values()].filter((c) => canSee(user, c));
  const scored = found.map((c) => {
    const km = s.location && c.lastCheckIn ? distanceKm(s.location, c.lastCheckIn) : undefined;
    const m = matchesName(c.firstName, c.lastName, q);
    const nameScore = m.exact ? 1 : m.match ? 0.7 : 0;
    const near = km === undefined ? 0 : Math.max(0, 1 - km / 10);
    const childAge = ageOfGrade(c.grade);
    const ageScore = s.approxAge && childAge ? Math.max(0, 1 - Math.abs(s.approxAge - childAge) / 4) : 0;
    return { c, km, score: Math.round((nameScore * 0.6 + near * 0.25 + ageScore * 0.15) * 100) / 100 };
  });
  return scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
    .map(({ c, km, score }) => ({
      childId: c.id,
      name: `${c.firstName} ${c.lastName}`,
      maskedId: maskNationalId(c.nationalId),
      schoolName: c.schoolName,
      statusLabel: STATUS_LABEL[c.status],
      score,
      ...(km !== undefined ? { distanceKm: Math.round(km * 10) / 10 } : {}),
    }));
}

/** Reports shown per queue open, oldest first (the rest follow as these are handled). */
export const QUEUE_SIZE = 20;

/** The triage queue of an area: the oldest waiting reports first, each with suggested matches; reads ≤ 20 × 21. */
export async function triageQueue(deps: Deps, user: User | undefined): Promise<SightingQueueItem[]> {
  assertTriager(user);
  const where =
    user.role === 'admin'
      ? ([['status', '==', 'received']] as const)
      : ([
          ['status', '==', 'received'],
          ['areaCode', '==', user.areaCode],
        ] as const);
  const open = (
    await deps.store.query<Sighting>('sightings', {
      where,
      orderBy: { field: 'createdAt', dir: 'asc' },
      limit: QUEUE_SIZE,
    })
  ).map((s) => s.data);
  return Promise.all(
    open.map(async (s) => ({
      id: s.id,
      ref: s.ref,
      createdAt: s.createdAt,
      place: s.place,
      approxAge: s.approxAge ?? null,
      sex: s.sex,
      description: s.description,
      childName: s.childName ?? null,
      location: s.location ?? null,
      suggestions: await suggestions(deps, user, s),
    })),
  );
}

/** Link to a known child, open a new community-found case, or dismiss; audited, and the reporter hears the stage. */
export async function triage(deps: Deps, user: User | undefined, sightingId: string, body: unknown): Promise<Sighting> {
  assertTriager(user);
  const action = TriageSchema.parse(body);
  const s = await deps.store.get<Sighting>(paths.sighting(sightingId));
  if (!s || (user.role !== 'admin' && s.areaCode !== user.areaCode))
    throw new UserFacingError(404, 'ไม่พบเรื่องนี้ในเขตพื้นที่ของคุณ');
  if (s.status !== 'received') throw new UserFacingError(409, 'เรื่องนี้ได้รับการคัดกรองแล้ว');
  const at = deps.clock().toISOString();
  // Everything an action changes commits with the claim on the report, so two coordinators cannot both act.
  const writes: Write[] = [];
  let update: Partial<Sighting>;
  if (action.action === 'link') {
    const child = await deps.store.get<Child>(paths.child(action.childId));
    if (!child || !canSee(user, child)) throw notFound();
    update = { status: 'following', linkedChildId: child.id };
    const event: CaseEvent = {
      id: `sighting-${s.id}`,
      type: 'note',
      by: user.id,
      byRole: user.role,
      at,
      from: child.status,
      to: child.status,
      outcome: { note: `เชื่อมกับเรื่องแจ้งพบเด็ก ${s.ref}: ${s.place}` },
      ...(s.location ? { location: { ...s.location, source: 'pin' } } : {}),
    };
    writes.push({ kind: 'create', path: paths.event(child.id, event.id), data: { ...event } });
  } else if (action.action === 'create') {
    const school = await deps.store.get<School>(paths.school(action.schoolCode));
    if (!school || (user.role !== 'admin' && school.area !== user.areaCode))
      throw new UserFacingError(400, 'โรงเรียนไม่อยู่ในเขตพื้นที่ของคุณ');
    if (action.assigneeId) await assignableUser(deps.store, user, action.assigneeId, school.area);
    const areaName = (await deps.store.get<{ name?: string }>(paths.areaStats(school.area)))?.name ?? school.area;
    const child = newChild(
      deps.newId(),
      {
        nationalId: '',
        firstName: action.firstName,
        lastName: action.lastName,
        schoolCode: school.code,
        schoolName: school.name,
        areaCode: school.area,
        areaName,
        status: 'found',
        group: 'community',
        assigneeIds: action.assigneeId ? [action.assigneeId] : [],
      },
      at,
    );
    writes.push({
      kind: 'create',
      path: paths.child(child.id),
      data: { ...child, source: 'community', sightingRef: s.ref },
    });
    const counters = new CounterDeltas();
    counters.add(child, countedFields(child), 1);
    writes.push(...counters.writes());
    update = { status: 'following', linkedChildId: child.id };
  } else {
    update = { status: 'closed', closedReason: action.reason };
  }
  await deps.store.transaction(async (tx) => {
    const current = await tx.get<Sighting>(paths.sighting(s.id));
    if (current?.status !== 'received') throw new UserFacingError(409, 'เรื่องนี้ได้รับการคัดกรองแล้ว');
    tx.update(paths.sighting(s.id), { ...update, triagedBy: user.id, triagedAt: at });
    tx.create(paths.audit(`triage-${s.id}`), {
      action: `sighting.${action.action}`,
      sighting: s.id,
      by: user.id,
      at,
      ...(update.linkedChildId ? { childId: update.linkedChildId } : {}),
    });
    for (const w of writes) {
      if (w.kind === 'set') tx.set(w.path, w.data, { merge: w.merge });
      else if (w.kind === 'create') tx.create(w.path, w.data);
    }
  });
  const result = { ...s, ...update };
  await tellReporter(deps, result, result.status);
  return result;
}
