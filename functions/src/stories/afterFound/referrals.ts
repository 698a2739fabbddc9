import {
  CAUSE_LABEL,
  checkReferralAction,
  CLOSE_OUTCOME_LABEL,
  NEVER,
  OPEN_STATES,
  overdueAt,
  REFERRAL_STATE_LABEL,
  ReferralActionSchema,
  type CaseEvent,
  type Child,
  type ReferralAction,
  type Status,
  type User,
  type ReferralListItem,
} from '@panong/shared';
import { queryIn, type Snap, type Where } from '../../ports/store';
import type { Deps } from '../../deps';
import { UserFacingError } from '../../errors';
import { readForChange, referralCounters, writeCaseChange } from '../../core/caseChange';

import { tellSchool } from '../../messages/notify';
import { paths, type Referral } from '../../core/documents';

const NOT_YOURS = 'ไม่พบเรื่องส่งต่อนี้ หรือคุณไม่มีสิทธิ์เข้าถึง';
const LIST_LIMIT = 300;

/**
 * The referrals a user may see: their partner's, their school's or area's, all for an admin, their assigned children's.
 */
function scopeWhere(user: User): Where[] | 'children' | 'none' {
  switch (user.role) {
    case 'agency':
      return [['partnerId', '==', user.partnerId ?? '-']];
    case 'teacher':
    case 'school_coordinator':
      return [['schoolCode', '==', user.schoolCode ?? '-']];
    case 'area_coordinator':
      return [['areaCode', '==', user.areaCode]];
    case 'admin':
      return [];
    case 'volunteer':
      return 'children';
    case 'local_admin':
      return 'none'; // they find children; the school hands them over
  }
}

const mayAct = (user: User, r: Referral) =>
  user.role === 'agency' && !!user.partnerId && r.partnerId === user.partnerId;
const mayRead = (user: User, r: Referral) =>
  mayAct(user, r) ||
  user.role === 'admin' ||
  (user.role === 'area_coordinator' && r.areaCode === user.areaCode) ||
  ((user.role === 'teacher' || user.role === 'school_coordinator') && r.schoolCode === user.schoolCode);

export const isOverdue = (r: Pick<Referral, 'overdueAt'>, now: Date) => r.overdueAt <= now.toISOString();

/** `GET /api/referrals`: unanswered first, then newest; overdue marked; never a full national ID or a phone. */
export async function listReferrals(deps: Pick<Deps, 'store' | 'clock'>, user: User): Promise<ReferralListItem[]> {
  const where = scopeWhere(user);
  let docs: Snap<Referral>[] = [];
  if (where === 'children') {
    const mine = (
      await deps.store.query<Child>('children', { where: [['assigneeIds', 'array-contains', user.id]] })
    ).map((c) => c.data.id);
    docs = await queryIn<Referral>(deps.store, 'referrals', 'childId', mine);
  } else if (where !== 'none') {
    docs = await deps.store.query<Referral>('referrals', {
      where,
      orderBy: { field: 'createdAt', dir: 'desc' },
      limit: LIST_LIMIT,
    });
  }
  const now = deps.clock();
  const rank = (r: Referral) => (r.state === 'sent' ? 0 : OPEN_STATES.includes(r.state) ? 1 : 2);
  return docs
    .map((d) => d.data)
    .sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt))
    .map((r) => ({
      id: r.id,
      childId: r.childId,
      childName: r.childName,
      partnerId: r.partnerId,
      partnerName: r.partnerName,
      kind: r.kind,
      state: r.state,
      stateLabel: REFERRAL_STATE_LABEL[r.state],
      ...(r.cause ? { cause: r.cause, causeLabel: CAUSE_LABEL[r.cause as keyof typeof CAUSE_LABEL] ?? r.cause } : {}),
      overdue: isOverdue(r, now),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      note: r.note ?? null,
      lastNote: r.lastNote ?? null,
      declineReason: r.declineReason ?? null,
      outcome: r.outcome ?? null,
    }));
}

/**
 * A partner's user answers a referral: accept, decline (reason), update (note, visit), close with an
 * outcome, or report a searched-for child found. Referral, child, event and counters change in one
 * transaction; a returned child gets follow-ups, a found one goes back to the school. The same
 * idempotency key, or the same accept twice, changes nothing.
 */
export async function actOnReferral(
  deps: Pick<Deps, 'store' | 'clock' | 'newId' | 'line' | 'logger' | 'liffId'>,
  user: User,
  referralId: string,
  input: unknown,
) {
  const action = ReferralActionSchema.parse(input);
  const eventId = action.idempotencyKey ?? deps.newId();
  const result = await deps.store.transaction(async (tx) => {
    const referral = await tx.get<Referral>(paths.referral(referralId));
    if (!referral || !mayRead(user, referral)) throw new UserFacingError(404, NOT_YOURS);
    if (!mayAct(user, referral)) throw new UserFacingError(403, 'เฉพาะผู้ใช้ของหน่วยงานที่รับเรื่องเท่านั้นที่ตอบเรื่องส่งต่อได้');
    const eventPath = paths.event(referral.childId, eventId);
    if (await tx.get(eventPath)) return { referral, notify: false, duplicate: true };
    const check = checkReferralAction(referral.state, referral.kind, action.action);
    if (!check.ok) {
      if (action.action === 'accept' && referral.state === 'accepted')
        return { referral, notify: false, duplicate: true }; // a double tap
      throw new UserFacingError(409, check.message);
    }
    const child = await tx.get<Child>(paths.child(referral.childId));
    if (!child) throw new UserFacingError(404, NOT_YOURS);
    const to = childStatusAfter(action, child.status);
    const reads = await readForChange(tx, child, to);

    const at = deps.clock().toISOString();
    const next: Referral = {
      ...referral,
      state: check.to,
      updatedAt: at,
      overdueAt: check.to === 'closed' || check.to === 'declined' ? NEVER : overdueAt(check.to, at),
      ...(action.action === 'decline' ? { declineReason: action.reason } : {}),
      ...(action.action === 'close'
        ? { outcome: action.outcome }
        : action.action === 'found'
          ? { outcome: 'found' }
          : {}),
      ...('note' in action && action.note ? { lastNote: action.note } : {}),
    };
    const event: CaseEvent = {
      id: eventId,
      type: 'referral',
      by: user.id,
      byRole: user.role,
      at,
      from: child.status,
      to,
      outcome: {
        referralId,
        partnerId: referral.partnerId,
        partnerName: referral.partnerName,
        action: action.action,
        state: check.to,
        ...(action.action === 'decline' ? { reason: action.reason } : {}),
        ...(action.action === 'close'
          ? {
              closeOutcome: action.outcome,
              ...(to === 'returned'
                ? { destination: action.destination ?? 'school', institution: referral.partnerName }
                : {}),
            }
          : {}),
        ...('note' in action && action.note ? { note: action.note } : {}),
      },
      ...('location' in action && action.location ? { location: action.location } : {}),
    };
    tx.set(paths.referral(referralId), { ...next });
    writeCaseChange(tx, {
      child,
      event,
      reads,
      ownsReferral: true,
      counters: referralCounters(referral.partnerId, referral.state, check.to),
      // A declined child leaves the partner's list: the school refers again.
      fields: {
        referral: { id: referralId, partnerId: referral.partnerId, state: check.to, kind: referral.kind },
        ...(check.to === 'declined' ? { partnerId: null } : {}),
      },
    });
    return {
      referral: next,
      notify:
        action.action === 'decline' || action.action === 'found' || (action.action === 'close' && to === 'returned'),
      duplicate: false,
    };
  });
  if (result.notify) await tellReferrer(deps, result.referral, action);
  return { referral: result.referral, duplicate: result.duplicate };
}

/**
 * The case status a referral action leads to: returned on a "returned" close, found when a searched-for child is found.
 */
function childStatusAfter(action: ReferralAction, current: Status): Status {
  if (action.action === 'close' && action.outcome === 'returned') return 'returned';
  if (action.action === 'found') return 'found';
  return current;
}

/** A decline, a return or a found child goes back to the referrer and the school's coordinators. */
function tellReferrer(
  deps: Pick<Deps, 'store' | 'line' | 'logger' | 'liffId'>,
  r: Referral,
  action: ReferralAction,
): Promise<void> {
  const what =
    action.action === 'decline'
      ? `ปฏิเสธการส่งต่อ\nเหตุผล: ${action.reason}\nกรุณาส่งต่อหน่วยงานอื่น`
      : action.action === 'found'
        ? 'พบตัวเด็กแล้ว ส่งเรื่องกลับโรงเรียนเพื่อติดตามต่อ'
        : `${CLOSE_OUTCOME_LABEL.returned} ระบบนัดติดตามหลังกลับเข้าเรียนให้แล้ว`;
  return tellSchool(deps, {
    schoolCode: r.schoolCode,
    childId: r.childId,
    also: [r.createdBy],
    key: `referral\u0000${r.id}\u0000${action.action}`,
    text: `หน่วยงาน ${r.partnerName}\n${what}\nเด็ก: ${r.childName}`,
  });
}

/** Open referrals past their date in a unit (school, area, or all): one count with a range on overdueAt. */
export function countOverdue(deps: Pick<Deps, 'store'>, where: Where[], now: Date): Promise<number> {
  return deps.store.count('referrals', [...where, ['overdueAt', '<=', now.toISOString()]]);
}

/** The masked child an agency user may see before accepting (no phone until accepted). */
export function agencyMayCall(user: User, child: Child): boolean {
  return (
    user.role !== 'agency' ||
    (!!child.referral && child.referral.state !== 'sent' && child.referral.partnerId === user.partnerId)
  );
}
