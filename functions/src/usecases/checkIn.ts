import { canSee, checkTransition, weekStart, type CaseEvent, type CheckIn, type Child, type Outcome, type Status, type User } from '@panong/shared';
import { increment, type Tx } from '../adapters/store';
import type { Deps } from '../deps';
import { statScopes } from './stats';
import { notFound, UserFacingError } from '../errors';

export interface CheckInResult {
  event: CaseEvent;
  child: Child;
  /** True when this idempotency key was already recorded: nothing was written again. */
  duplicate: boolean;
}

/** Without an outcome it is a location-only visit (a LINE location message): the status stays. */
export type CheckInInput = Omit<CheckIn, 'outcome'> & { outcome?: Outcome };

/**
 * Records a visit or outcome: history event, case state and counters in one transaction.
 * The event id is the client's idempotency key, so a double tap or a redelivery records once.
 */
export async function recordCheckIn(
  deps: Pick<Deps, 'store' | 'clock'>,
  user: User,
  childId: string,
  input: CheckInInput,
): Promise<CheckInResult> {
  const childPath = `children/${childId}`;
  const eventPath = `${childPath}/events/${input.idempotencyKey}`;
  try {
    return await record(deps, user, input, childPath, eventPath);
  } catch (err) {
    // A double tap whose twin committed first: Firestore may answer "already exists" instead of retrying.
    const earlier = err instanceof UserFacingError ? undefined : await deps.store.get<CaseEvent>(eventPath);
    const child = earlier && (await deps.store.get<Child>(childPath));
    if (earlier && child && earlier.by === user.id) return { event: earlier, child, duplicate: true };
    throw err;
  }
}

function record(deps: Pick<Deps, 'store' | 'clock'>, user: User, input: CheckInInput, childPath: string, eventPath: string): Promise<CheckInResult> {
  return deps.store.transaction(async (tx) => {
    const child = await tx.get<Child>(childPath);
    if (!child || !canSee(user, child)) throw notFound();
    const earlier = await tx.get<CaseEvent>(eventPath);
    if (earlier) return { event: earlier, child, duplicate: true };

    const from = child.status;
    const to: Status = input.outcome?.status ?? from;
    const check = input.outcome ? checkTransition(from, to) : ({ ok: true, isVisit: true } as const);
    if (!check.ok) throw new UserFacingError(409, check.message);

    const at = deps.clock().toISOString();
    const { status: _status, ...details } = input.outcome ?? { status: from };
    const event: CaseEvent = {
      id: input.idempotencyKey,
      type: !input.outcome ? 'location' : check.isVisit ? 'check_in' : 'status_change',
      by: user.id,
      byRole: user.role,
      at,
      from,
      to,
      outcome: details,
      ...(input.location ? { location: input.location } : {}),
    };
    const updated: Child = {
      ...child,
      status: to,
      ...(check.isVisit ? {} : { outcome: details }),
      ...(input.location
        ? { lastCheckIn: { lat: input.location.lat, lng: input.location.lng, accuracy: input.location.accuracy, at, by: user.id } }
        : {}),
      version: child.version + 1,
      updatedAt: at,
    };
    tx.create(eventPath, { ...event });
    tx.update(childPath, {
      status: updated.status,
      outcome: updated.outcome,
      lastCheckIn: updated.lastCheckIn,
      version: increment(1),
      updatedAt: at,
    });
    writeUnitDocs(tx, child, { from, to, at, statusChanged: !check.isVisit, pin: input.location ? updated.lastCheckIn : undefined });
    return { event, child: updated, duplicate: false };
  });
}

/**
 * The two unit documents a check-in touches (never a national one): counters move on a status
 * change; the school document keeps each child's latest pin and status (the area's map reads the
 * schools of the area), the area document the running sum of its pins (the national map shows one
 * point per area). With the event and the child that is at most 4 writes per check-in.
 */
function writeUnitDocs(
  tx: Tx,
  child: Child,
  c: { from: Status; to: Status; at: string; statusChanged: boolean; pin?: Child['lastCheckIn'] },
): void {
  const [area, school] = statScopes(child) as [StatScope, StatScope];
  const pin = c.pin ?? child.lastCheckIn;
  const counts = c.statusChanged ? { [c.from]: increment(-1), [c.to]: increment(1), [`changed_${weekStart(c.at)}`]: increment(1) } : {};
  const old = child.lastCheckIn;
  const pinSums = c.pin ? { pinLat: increment(c.pin.lat - (old?.lat ?? 0)), pinLng: increment(c.pin.lng - (old?.lng ?? 0)), pins: increment(old ? 0 : 1) } : {};
  if (c.statusChanged || c.pin) tx.set(area.path, { ...area.meta, ...counts, ...pinSums, updatedAt: c.at }, { merge: true });
  if (c.statusChanged || c.pin) {
    tx.set(school.path, { ...school.meta, ...counts, ...(pin ? { [`p_${child.id}`]: [pin.lat, pin.lng, c.to] } : {}), updatedAt: c.at }, { merge: true });
  }
}
type StatScope = ReturnType<typeof statScopes>[number];

/** The last history entries of a child, newest first. */
export async function childHistory(deps: Pick<Deps, 'store'>, childId: string, limit = 50): Promise<CaseEvent[]> {
  const events = await deps.store.query<CaseEvent>(`children/${childId}/events`, { orderBy: { field: 'at', dir: 'desc' }, limit });
  return events.map((e) => e.data);
}
