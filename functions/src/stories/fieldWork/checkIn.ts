import {
  canSee,
  checkTransition,
  OFFICER_OUTCOMES,
  OPEN_STATES,
  referralInSchool,
  overdueAt,
  type CaseEvent,
  type CheckIn,
  type Child,
  type Outcome,
  type Partner,
  type ReferralKind,
  type Status,
  type User,
} from '@panong/shared';
import type { Tx } from '../../ports/store';
import type { Deps } from '../../deps';
import { notFound, UserFacingError } from '../../errors';
import { readForChange, referralCounters, writeCaseChange } from '../../core/caseChange';

import { partnerForChild } from '../afterFound/partners';
import { paths, type Referral } from '../../core/documents';
import { checkDestination, openTransfer } from '../transfers/transfers';

export interface CheckInResult {
  event: CaseEvent;
  child: Child;
  /** True when this idempotency key was already recorded: nothing was written again. */
  duplicate: boolean;
}

/** Without an outcome it is a location-only visit (a LINE location message): the status stays. */
export type CheckInInput = Omit<CheckIn, 'outcome'> & { outcome?: Outcome };

/**
 * Records a visit or outcome: history event, case state and counters in one transaction (a
 * referral or forward also opens the partner's referral; a return schedules follow-ups).
 * The event id is the client's idempotency key, so a double tap or a redelivery records once.
 */
export async function recordCheckIn(
  deps: Pick<Deps, 'store' | 'clock'>,
  user: User,
  childId: string,
  input: CheckInInput,
): Promise<CheckInResult> {
  const childPath = paths.child(childId);
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

function record(
  deps: Pick<Deps, 'store' | 'clock'>,
  user: User,
  input: CheckInInput,
  childPath: string,
  eventPath: string,
): Promise<CheckInResult> {
  return deps.store.transaction(async (tx) => {
    const [child, earlier] = await Promise.all([tx.get<Child>(childPath), tx.get<CaseEvent>(eventPath)]);
    if (!child || !canSee(user, child)) throw notFound();
    if (user.role === 'agency') throw new UserFacingError(403, 'หน่วยงานภาคีบันทึกผลผ่านหน้า "เรื่องส่งต่อ" ของหน่วยงาน');
    if (user.role === 'local_admin' && input.outcome && !OFFICER_OUTCOMES.includes(input.outcome.status))
      throw new UserFacingError(
        403,
        'เจ้าหน้าที่ อปท. บันทึกได้เฉพาะ พบตัว ไม่พบตัว หรือย้ายที่อยู่ การพากลับเข้าเรียนและการส่งต่อเป็นงานของโรงเรียน',
      );
    if (earlier) return { event: earlier, child, duplicate: true };

    const from = child.status;
    const inSchool = !!input.outcome && referralInSchool(child, input.outcome.status);
    const to: Status = inSchool ? from : (input.outcome?.status ?? from);
    const check = input.outcome && !inSchool ? checkTransition(from, to) : ({ ok: true, isVisit: true } as const);
    if (!check.ok) throw new UserFacingError(409, check.message);
    const handOver =
      input.outcome?.status === 'referred' || input.outcome?.status === 'forwarded' ? input.outcome : undefined;
    if (handOver && child.referral && OPEN_STATES.includes(child.referral.state)) {
      throw new UserFacingError(409, 'เด็กรายนี้มีเรื่องส่งต่อที่หน่วยงานยังไม่ปิด ส่งต่อซ้ำไม่ได้จนกว่าหน่วยงานจะตอบหรือปิดเรื่อง');
    }
    const partner = handOver ? await partnerForChild(tx, child, handOver.partnerId) : undefined;
    const moved = input.outcome?.status === 'moved' ? input.outcome : undefined;
    if (moved) await checkDestination(tx, child, moved);
    const reads = await readForChange(tx, child, to);

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
      outcome: partner
        ? {
            ...details,
            partnerName: partner.name,
            referralId: input.idempotencyKey,
            ...(inSchool ? { inSchool: true } : {}),
          }
        : details,
      ...(input.location ? { location: input.location } : {}),
    };
    // A hand-over is a referral document the partner answers; its id is the check-in's idempotency key.
    const referral = handOver && partner ? openReferral(tx, child, user, partner, handOver, event) : undefined;
    if (moved) openTransfer(tx, child, moved, event);
    const updated = writeCaseChange(tx, {
      child,
      event,
      reads,
      ...(referral
        ? {
            fields: { partnerId: partner!.id, referral },
            counters: referralCounters(partner!.id, undefined, 'sent'),
            ownsReferral: true,
          }
        : {}),
    });
    return { event, child: updated, duplicate: false };
  });
}

function openReferral(
  tx: Tx,
  child: Child,
  user: User,
  partner: Partner,
  handOver: Extract<Outcome, { status: 'referred' | 'forwarded' }>,
  event: CaseEvent,
): NonNullable<Child['referral']> {
  const kind: ReferralKind = handOver.status === 'referred' ? 'referral' : 'search';
  const doc: Referral = {
    id: event.id,
    childId: child.id,
    childName: `${child.firstName} ${child.lastName}`,
    partnerId: partner.id,
    partnerName: partner.name,
    kind,
    ...(handOver.status === 'referred' ? { cause: handOver.cause } : {}),
    ...(handOver.note ? { note: handOver.note } : {}),
    state: 'sent',
    areaCode: child.areaCode,
    schoolCode: child.schoolCode,
    createdAt: event.at,
    createdBy: user.id,
    updatedAt: event.at,
    overdueAt: overdueAt('sent', event.at),
  };
  tx.create(paths.referral(doc.id), { ...doc });
  return { id: doc.id, partnerId: partner.id, state: 'sent', kind };
}

/** The last history entries of a child, newest first. */
export async function childHistory(deps: Pick<Deps, 'store'>, childId: string, limit = 50): Promise<CaseEvent[]> {
  const events = await deps.store.query<CaseEvent>(paths.events(childId), {
    orderBy: { field: 'at', dir: 'desc' },
    limit,
  });
  return events.map((e) => e.data);
}
