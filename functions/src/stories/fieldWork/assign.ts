import { z } from 'zod';
import {
  scopeFilter,
  canManage,
  canSee,
  CHILD_ID,
  distanceKm,
  maskNationalId,
  STATUS_LABEL,
  type CaseEvent,
  type Child,
  type User,
  type CaseListItem,
  type Roster,
  workerFields,
} from '@panong/shared';
import type { Store } from '../../ports/store';
import type { Deps } from '../../deps';
import { UserFacingError } from '../../errors';
import { paths } from '../../core/documents';
import { scopeWhere } from '../../core/units';
import { CounterDeltas } from '../../core/counters';

export const AssignSchema = z.object({
  childIds: z.array(z.string().regex(CHILD_ID)).min(1, 'กรุณาเลือกเด็กอย่างน้อย 1 คน').max(200, 'เลือกได้ครั้งละไม่เกิน 200 คน'),
  assigneeId: z.string().regex(/^U[0-9a-zA-Z]{10,40}$/, 'ผู้รับผิดชอบไม่ถูกต้อง'),
  action: z.enum(['assign', 'unassign']).default('assign'),
});

const FIELD_ROLES = new Set<User['role']>(['volunteer', 'teacher']);
const PER_TX = 100; // children per transaction (each also writes an event)

/**
 * The one check every path that gives a case to someone runs (bulk assignment, triage "open a new
 * case"): the assignee is registered, works in the field (volunteer, teacher), belongs to
 * the area of the children, and is someone the actor may manage. Returns the assignee.
 */
export async function assignableUser(store: Store, actor: User, assigneeId: string, areaCode?: string): Promise<User> {
  const assignee = await store.get<User>(paths.user(assigneeId));
  if (!assignee || !FIELD_ROLES.has(assignee.role))
    throw new UserFacingError(400, 'ผู้รับผิดชอบยังไม่ได้ลงทะเบียนเป็นครูหรืออาสาสมัคร');
  if (
    (areaCode !== undefined && assignee.areaCode !== areaCode) ||
    !canSee(actor, { areaCode: assignee.areaCode, schoolCode: assignee.schoolCode ?? '', assigneeIds: [] })
  ) {
    throw new UserFacingError(400, 'ผู้รับผิดชอบไม่อยู่ในเขตพื้นที่ของเด็กหรือของคุณ');
  }
  return assignee;
}

/** A coordinator gives (or takes back) children to a field worker of the same area; every change is an event. */
export async function assignChildren(
  deps: Pick<Deps, 'store' | 'clock' | 'newId'>,
  actor: User,
  input: unknown,
): Promise<{ changed: number; skipped: number }> {
  if (!canManage(actor)) throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเท่านั้นที่มอบหมายงานได้');
  const { childIds, assigneeId, action } = AssignSchema.parse(input);
  // Each child must be in the assignee's area too (checked per child below).
  const assignee = action === 'assign' ? await assignableUser(deps.store, actor, assigneeId) : undefined;
  const at = deps.clock().toISOString();
  let changed = 0;
  let skipped = 0;
  const unique = [...new Set(childIds)];
  for (let i = 0; i < unique.length; i += PER_TX) {
    const ids = unique.slice(i, i + PER_TX);
    const result = await deps.store.transaction(async (tx) => {
      const children = await Promise.all(ids.map((id) => tx.get<Child>(paths.child(id))));
      let c = 0;
      const counters = new CounterDeltas(); // the assignee's open cases, per unit
      children.forEach((child) => {
        if (!child || !canSee(actor, child) || (assignee && child.areaCode !== assignee.areaCode)) return;
        const has = child.assigneeIds.includes(assigneeId);
        if ((action === 'assign') === has) return; // already so: nothing to record
        const assigneeIds =
          action === 'assign' ? [...child.assigneeIds, assigneeId] : child.assigneeIds.filter((x) => x !== assigneeId);
        const event: CaseEvent = {
          id: deps.newId(),
          type: 'assignment',
          by: actor.id,
          byRole: actor.role,
          at,
          from: child.status,
          to: child.status,
          outcome: { action, assignee: assigneeId },
        };
        tx.update(paths.child(child.id), { assigneeIds, updatedAt: at });
        tx.create(paths.event(child.id, event.id), { ...event });
        counters.add(
          child,
          workerFields({ status: child.status, assigneeIds: [assigneeId] }),
          action === 'assign' ? 1 : -1,
        );
        c++;
      });
      for (const w of counters.writes()) if (w.kind === 'set') tx.set(w.path, w.data, { merge: true });
      return {
        c,
        missing: children.filter((x) => !x || !canSee(actor, x) || (assignee && x.areaCode !== assignee.areaCode))
          .length,
      };
    });
    changed += result.c;
    skipped += result.missing;
  }
  return { changed, skipped };
}

const item = (c: Child): CaseListItem => ({
  id: c.id,
  name: `${c.firstName} ${c.lastName}`,
  maskedId: maskNationalId(c.nationalId),
  schoolName: c.schoolName,
  status: c.status,
  statusLabel: STATUS_LABEL[c.status],
  ...(c.place ? { place: `ต.${c.place.subdistrict}` } : {}),
});

/** The most children a local administration's list shows (its subdistricts' children, any school). */
const PLACES_LIST_LIMIT = 2000;

/**
 * "งานของฉัน": the user's assigned children (a local administration officer: the children living in its
 * subdistricts) with where to look (last check-in, else the school), nearest first when a location is shared.
 */
export async function myCases(store: Store, user: User, here?: { lat: number; lng: number }): Promise<CaseListItem[]> {
  const scope = scopeFilter(user);
  const officer = scope.kind === 'places';
  const where = officer ? scopeWhere(scope) : [['assigneeIds', 'array-contains', user.id] as const];
  if (!where) return [];
  const mine = (await store.query<Child>('children', { where, ...(officer ? { limit: PLACES_LIST_LIMIT } : {}) })).map(
    (c) => c.data,
  );
  const schools = new Map<string, { lat: number; lng: number }>();
  const codes = [...new Set(mine.filter((c) => !c.lastCheckIn).map((c) => c.schoolCode))];
  const docs = await store.getMany<{ lat?: number; lng?: number }>(codes.map((code) => paths.school(code)));
  docs.forEach((s, i) => s?.lat !== undefined && schools.set(codes[i]!, { lat: s.lat, lng: s.lng! }));
  const items = mine.map((c) => {
    const where = c.lastCheckIn ?? schools.get(c.schoolCode);
    return {
      ...item(c),
      ...(where ? { lat: where.lat, lng: where.lng } : {}),
      ...(here && where ? { distanceKm: Math.round(distanceKm(here, where) * 10) / 10 } : {}),
    };
  });
  return items.sort(
    (a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.name.localeCompare(b.name, 'th'),
  );
}

/** Children of one school for the assignment page (coordinators only, within their scope). */
export async function schoolRoster(store: Store, actor: User, schoolCode: string): Promise<Roster> {
  if (!canManage(actor)) throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเท่านั้น');
  const children = (await store.query<Child>('children', { where: [['schoolCode', '==', schoolCode]], limit: 2000 }))
    .map((c) => c.data)
    .filter((c) => canSee(actor, c));
  if (children.length === 0) return { children: [], workers: [] };
  const users = (await store.query<User>('users', { where: [['schoolCode', '==', schoolCode]] }))
    .map((u) => u.data)
    .filter((u) => FIELD_ROLES.has(u.role));
  return {
    children: children.map((c) => ({ ...item(c), assigneeIds: c.assigneeIds })),
    workers: users.map((u) => ({ id: u.id, name: u.displayName ?? `${u.role} …${u.id.slice(-4)}`, role: u.role })),
  };
}
