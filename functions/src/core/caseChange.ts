import {
  bangkokYmd,
  daysBetween,
  firstVisitField,
  followUpSchedule,
  NEVER,
  OPEN_STATES,
  plannedField,
  segmentPrefixes,
  workerFields,
  weekStart,
  type CaseEvent,
  type Child,
  type ReferralState,
  type Status,
} from '@panong/shared';
import { increment, type Doc, type Tx } from '../ports/store';
import { statScopes, sumDeltas } from './counters';
import { paths, type FollowUp, type TermCalendar } from './documents';

const FIELD_EVENTS = new Set<CaseEvent['type']>(['check_in', 'status_change', 'location']);

/** What a status change must read before its transaction writes (Firestore: every read first). */
export interface ChangeReads {
  termEnds?: string[];
  pendingFollowUps?: FollowUp[];
}

export async function readForChange(tx: Tx, child: Child, to: Status): Promise<ChangeReads> {
  const reads: ChangeReads = {};
  if (to === 'returned' && child.status !== 'returned')
    reads.termEnds = (await tx.get<TermCalendar>(`termCalendars/${child.areaCode}`))?.termEnds ?? [];
  if (child.status === 'returned' && to !== 'returned') {
    reads.pendingFollowUps = (await tx.query<FollowUp>('followups', { where: [['childId', '==', child.id]] }))
      .map((f) => f.data)
      .filter((f) => !f.done);
  }
  return reads;
}

/**
 * A referral moving between states, counted per unit and per unit and partner (`rp_<partner>_<state>`, for the Friday
 * report).
 */
export const referralCounters = (
  partnerId: string,
  from: ReferralState | undefined,
  to: ReferralState,
): Record<string, number> =>
  sumDeltas(from ? { [`ref_${from}`]: -1, [`rp_${partnerId}_${from}`]: -1 } : {}, {
    [`ref_${to}`]: 1,
    [`rp_${partnerId}_${to}`]: 1,
  });

export interface CaseChange {
  child: Child;
  event: CaseEvent;
  /** Child fields this change sets beyond status, outcome, pin and version. */
  fields?: Doc;
  counters?: Record<string, number>;
  /** The referral action itself keeps its referral; any other status change closes an open one. */
  ownsReferral?: boolean;
  reads: ChangeReads;
}

/**
 * Writes one change of a case in the caller's transaction: its event (who, when, where), the child,
 * and what a status change implies: follow-ups scheduled on a return, a re-dropout when a returned
 * child is found out of school again (earlier return kept in history, pending follow-ups cancelled),
 * an open referral closed when the school moves the case on, and the unit counters.
 */
export function writeCaseChange(tx: Tx, c: CaseChange): Child {
  const { child, event } = c;
  const { from, to, at } = event;
  const statusChanged = from !== to;
  const fields: Doc = { ...(c.fields ?? {}) };
  const counters: Array<Record<string, number>> = [c.counters ?? {}];
  // The first visit in the field (a check-in, an outcome or a pin; not a plan or an import) is counted once,
  // by the days since the listing.
  if (!child.firstVisitAt && FIELD_EVENTS.has(event.type)) {
    fields.firstVisitAt = at;
    if (child.listedAt) counters.push({ [firstVisitField(daysBetween(child.listedAt, at))]: 1 });
  }

  if (statusChanged && to === 'returned') {
    const schedule = followUpSchedule(bangkokYmd(new Date(at)), c.reads.termEnds);
    for (const { stage, due } of schedule) {
      const id = `${child.id}_${child.version}_${stage}`;
      tx.set(paths.followUp(id), {
        id,
        childId: child.id,
        areaCode: child.areaCode,
        schoolCode: child.schoolCode,
        stage,
        due,
        done: false,
      } satisfies FollowUp);
    }
    counters.push({ fu_open: schedule.length });
  }
  if (statusChanged && from === 'returned') {
    for (const f of c.reads.pendingFollowUps ?? [])
      tx.update(paths.followUp(f.id), { done: true, cancelled: true, doneAt: at });
    counters.push({ fu_open: -(c.reads.pendingFollowUps?.length ?? 0) });
    if (to === 'found') {
      fields.reDropouts = (child.reDropouts ?? 0) + 1;
      counters.push({ re_dropout: 1 });
    }
    if (child.lastFollowUp?.attending) counters.push({ attending_last: -1 });
  }
  if (statusChanged && !c.ownsReferral && child.referral && OPEN_STATES.includes(child.referral.state)) {
    tx.update(paths.referral(child.referral.id), {
      state: 'closed',
      outcome: `school_${to}`,
      closedBy: event.by,
      updatedAt: at,
      overdueAt: NEVER,
    });
    fields.referral = { ...child.referral, state: 'closed' };
    counters.push(referralCounters(child.referral.partnerId, child.referral.state, 'closed'));
  }

  const updated: Child = {
    ...child,
    ...(fields as Partial<Child>),
    status: to,
    ...(statusChanged ? { outcome: event.outcome } : {}),
    ...(event.location
      ? {
          lastCheckIn: {
            lat: event.location.lat,
            lng: event.location.lng,
            accuracy: event.location.accuracy,
            at,
            by: event.by,
          },
        }
      : {}),
    version: child.version + 1,
    updatedAt: at,
  };
  tx.create(paths.event(child.id, event.id), { ...event });
  tx.update(paths.child(child.id), {
    ...fields,
    status: updated.status,
    outcome: updated.outcome,
    lastCheckIn: updated.lastCheckIn,
    version: increment(1),
    updatedAt: at,
  });
  writeUnitDocs(tx, child, {
    from,
    to,
    at,
    statusChanged,
    pin: event.location ? updated.lastCheckIn : undefined,
    extra: sumDeltas(...counters),
  });
  return updated;
}

/**
 * The unit documents a change touches (never a national one): area, school and, when known, subdistrict. Counters
 * move on a status change (also per list group and round); the school and subdistrict documents keep each child's
 * latest pin and status (the area's map reads the schools of the area), the area document the running sum of its
 * pins (the national map shows one point per area). With the event and the child that is at most 5 writes.
 */
function writeUnitDocs(
  tx: Tx,
  child: Child,
  c: {
    from: Status;
    to: Status;
    at: string;
    statusChanged: boolean;
    pin?: Child['lastCheckIn'];
    extra: Record<string, number>;
  },
): void {
  const [area, school, place] = statScopes(child) as [StatScope, StatScope, StatScope | undefined];
  const pin = c.pin ?? child.lastCheckIn;
  const moves: Record<string, number> = c.statusChanged
    ? { [c.from]: -1, [c.to]: 1, [`changed_${weekStart(c.at)}`]: 1 }
    : {};
  if (c.statusChanged && child.hasPlan) Object.assign(moves, { [plannedField(c.from)]: -1, [plannedField(c.to)]: 1 });
  const workers = c.statusChanged
    ? sumDeltas(
        Object.fromEntries(workerFields(child, c.from).map((f) => [f, -1])),
        Object.fromEntries(workerFields(child, c.to).map((f) => [f, 1])),
      )
    : {};
  for (const p of segmentPrefixes(child)) {
    if (c.statusChanged) Object.assign(moves, { [`${p}${c.from}`]: -1, [`${p}${c.to}`]: 1 });
    if (c.extra.re_dropout) moves[`${p}re_dropout`] = c.extra.re_dropout;
  }
  const deltas = sumDeltas(moves, workers, c.extra);
  const counts = Object.fromEntries(
    Object.entries(deltas)
      .filter(([, n]) => n !== 0)
      .map(([k, n]) => [k, increment(n)]),
  );
  const old = child.lastCheckIn;
  const pinSums = c.pin
    ? {
        pinLat: increment(c.pin.lat - (old?.lat ?? 0)),
        pinLng: increment(c.pin.lng - (old?.lng ?? 0)),
        pins: increment(old ? 0 : 1),
      }
    : {};
  const touched = Object.keys(counts).length > 0 || c.pin;
  if (touched) tx.set(area.path, { ...area.meta, ...counts, ...pinSums, updatedAt: c.at }, { merge: true });
  // The school's and the subdistrict's documents keep each child's latest pin (their maps read one document).
  for (const unit of touched ? [school, place] : [])
    if (unit)
      tx.set(
        unit.path,
        { ...unit.meta, ...counts, ...(pin ? { [`p_${child.id}`]: [pin.lat, pin.lng, c.to] } : {}), updatedAt: c.at },
        { merge: true },
      );
}
type StatScope = ReturnType<typeof statScopes>[number];
