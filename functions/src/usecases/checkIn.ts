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
  return deps.store.transaction(async (tx) => {
    const childPath = `children/${childId}`;
    const eventPath = `${childPath}/events/${input.idempotencyKey}`;
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
    if (!check.isVisit) moveCounters(tx, child, from, to, at);
    const pin = updated.lastCheckIn;
    // The dashboard map reads one document per area: the latest pin and status of each child.
    if (pin && (input.location || !check.isVisit)) {
      tx.set(`maps/area_${child.areaCode}`, { [`p_${child.id}`]: [pin.lat, pin.lng, to, child.schoolCode] }, { merge: true });
    }
    return { event, child: updated, duplicate: false };
  });
}

function moveCounters(tx: Tx, child: Child, from: Status, to: Status, at: string): void {
  for (const { path, meta } of statScopes(child)) {
    // changed_<monday>: status changes that week, for "changes since last week" in reminders.
    tx.set(path, { ...meta, [from]: increment(-1), [to]: increment(1), [`changed_${weekStart(at)}`]: increment(1), updatedAt: at }, { merge: true });
  }
}

/** The last history entries of a child, newest first. */
export async function childHistory(deps: Pick<Deps, 'store'>, childId: string, limit = 50): Promise<CaseEvent[]> {
  const events = await deps.store.query<CaseEvent>(`children/${childId}/events`, { orderBy: { field: 'at', dir: 'desc' }, limit });
  return events.map((e) => e.data);
}
