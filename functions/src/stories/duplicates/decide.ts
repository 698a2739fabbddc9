import {
  canSee,
  DUPLICATE_REASON_LABEL,
  DuplicateActionSchema,
  maskNationalId,
  OPEN_STATES,
  workerFields,
  STATUS_LABEL,
  type CaseEvent,
  type Child,
  type DuplicateSide,
  type DuplicateView,
  type User,
} from '@panong/shared';
import { nationalIdPath, type NationalIdEntry } from '../../core/children';
import { CounterDeltas, countedFields } from '../../core/counters';
import { paths, type DuplicatePair } from '../../core/documents';
import type { Deps } from '../../deps';
import { UserFacingError } from '../../errors';
import type { Where } from '../../ports/store';

const LIST_LIMIT = 100;
/** A case with more history than this is merged by hand (one transaction holds at most 500 writes). */
const MAX_MERGED_EVENTS = 200;
const NOT_YOURS = 'ไม่พบคู่รายการนี้ หรือคุณไม่มีสิทธิ์เข้าถึง';

const mayDecide = (user: User) => user.role === 'area_coordinator' || user.role === 'admin';

function side(c: Child): DuplicateSide {
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`,
    maskedId: maskNationalId(c.nationalId),
    schoolName: c.schoolName,
    grade: c.grade ?? null,
    status: c.status,
    statusLabel: STATUS_LABEL[c.status],
  };
}

/**
 * Open pairs whose two cases the viewer may both see (an area coordinator: pairs within the area; a
 * pair across areas goes to admins), oldest first.
 */
export async function listDuplicates(deps: Pick<Deps, 'store'>, user: User): Promise<DuplicateView[]> {
  if (!mayDecide(user)) throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเขตพื้นที่และผู้ดูแลระบบ');
  const where: Where[] = [['state', '==', 'open']];
  if (user.role === 'area_coordinator') where.push(['areaCodes', 'array-contains', user.areaCode]);
  const pairs = (await deps.store.query<DuplicatePair>('duplicates', { where, limit: LIST_LIMIT })).map((p) => p.data);
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const children = new Map(
    (await deps.store.getMany<Child>(ids.map(paths.child))).flatMap((c) => (c ? [[c.id, c] as const] : [])),
  );
  return pairs.flatMap((p): DuplicateView[] => {
    const [a, b] = [children.get(p.a), children.get(p.b)];
    if (!a || !b || !canSee(user, a) || !canSee(user, b)) return [];
    const reason = p.reasons[0]!;
    return [
      {
        id: p.id,
        a: p.a,
        b: p.b,
        sides: [side(a), side(b)],
        reason,
        reasonLabel: DUPLICATE_REASON_LABEL[reason],
        reasons: p.reasons,
        createdAt: p.createdAt,
      },
    ];
  });
}

/**
 * A coordinator decides a pair. Distinct: never suggested again. Merge: `keep` remains, with the other
 * case's identifiers (search and a re-import find it by either), its history copied in (each event
 * marked `mergedFrom`, so both histories read in order of time) and a `merged` event saying who and why;
 * the other case and its counters go, so the child is counted once. One transaction; deciding the same
 * way twice changes nothing.
 */
export async function decideDuplicate(
  deps: Pick<Deps, 'store' | 'clock'>,
  user: User,
  pairId: string,
  body: unknown,
): Promise<{ pair: DuplicatePair; duplicate: boolean }> {
  const action = DuplicateActionSchema.parse(body);
  if (!mayDecide(user)) throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเขตพื้นที่และผู้ดูแลระบบ');
  return deps.store.transaction(async (tx) => {
    const pair = await tx.get<DuplicatePair>(paths.duplicate(pairId));
    if (!pair) throw new UserFacingError(404, NOT_YOURS);
    const decided = action.action === 'merge' ? 'merged' : 'distinct';
    if (pair.state === decided && (action.action !== 'merge' || pair.kept === action.keep))
      return { pair, duplicate: true };
    if (pair.state !== 'open') throw new UserFacingError(409, 'คู่นี้ตัดสินไปแล้ว');
    const [a, b] = [await tx.get<Child>(paths.child(pair.a)), await tx.get<Child>(paths.child(pair.b))];
    if (!a || !b || !canSee(user, a) || !canSee(user, b)) throw new UserFacingError(404, NOT_YOURS);
    const at = deps.clock().toISOString();
    const done: DuplicatePair = { ...pair, state: decided, decidedBy: user.id, decidedAt: at };
    if (action.action === 'merge') {
      if (action.keep !== a.id && action.keep !== b.id)
        throw new UserFacingError(400, 'รายการที่เก็บไว้ต้องเป็นหนึ่งในสองรายการของคู่นี้');
      const [keep, drop] = action.keep === a.id ? [a, b] : [b, a];
      if (drop.status === 'moved' || (drop.referral && OPEN_STATES.includes(drop.referral.state)))
        throw new UserFacingError(409, 'รายการที่จะรวมยังมีเรื่องส่งต่อหรือเรื่องย้ายที่ยังไม่ปิด: ปิดเรื่องนั้นก่อน');
      const events = (await tx.query<CaseEvent>(paths.events(drop.id), {})).map((e) => e.data);
      if (events.length > MAX_MERGED_EVENTS)
        throw new UserFacingError(409, `ประวัติของรายการที่จะรวมมีมากกว่า ${MAX_MERGED_EVENTS} รายการ: ติดต่อผู้ดูแลระบบ`);
      const identifiers = [drop.nationalId, ...(drop.previousIds ?? [])];
      const entries = await Promise.all(identifiers.map((id) => tx.get<NationalIdEntry>(nationalIdPath(id))));
      // writes
      for (const e of events) {
        tx.create(paths.event(keep.id, `m-${drop.id}-${e.id}`), {
          ...e,
          id: `m-${drop.id}-${e.id}`,
          mergedFrom: drop.id,
        });
        tx.delete(paths.event(drop.id, e.id));
      }
      const event: CaseEvent = {
        id: `merge-${pair.id}`.slice(0, 120),
        type: 'merged',
        by: user.id,
        byRole: user.role,
        at,
        from: keep.status,
        to: keep.status,
        outcome: {
          pairId: pair.id,
          mergedFrom: drop.id,
          mergedId: maskNationalId(drop.nationalId),
          reasons: pair.reasons,
        },
      };
      tx.create(paths.event(keep.id, event.id), { ...event });
      const assigneeIds = [...new Set([...keep.assigneeIds, ...drop.assigneeIds])];
      tx.update(paths.child(keep.id), {
        previousIds: [...new Set([...(keep.previousIds ?? []), ...identifiers])],
        assigneeIds,
        version: keep.version + 1,
        updatedAt: at,
      });
      for (const [i, id] of identifiers.entries())
        tx.set(nationalIdPath(id), { fingerprint: entries[i]?.fingerprint ?? '', childId: keep.id });
      tx.delete(paths.child(drop.id));
      const counters = new CounterDeltas();
      counters.add(drop, countedFields(drop), -1);
      // The kept case now counts for the dropped one's field workers too.
      counters.add(
        keep,
        workerFields({ ...keep, assigneeIds: assigneeIds.filter((a) => !keep.assigneeIds.includes(a)) }),
        1,
      );
      for (const w of counters.writes()) if (w.kind === 'set') tx.set(w.path, w.data, { merge: true });
      done.kept = keep.id;
    }
    tx.update(paths.duplicate(pair.id), { ...done });
    tx.create(paths.audit(`duplicate-${pair.id}`), {
      action: decided,
      pairId: pair.id,
      reasons: pair.reasons,
      ...(done.kept ? { kept: done.kept } : {}),
      by: user.id,
      byRole: user.role,
      at,
    });
    return { pair: done, duplicate: false };
  });
}
