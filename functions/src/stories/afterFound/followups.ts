import {
  bangkokYmd,
  canSee,
  FLAGGED_GROUPS,
  FollowUpSchema,
  FOLLOWUP_STAGE_LABEL,
  SCREENING_LABEL,
  type CaseEvent,
  type Child,
  type FollowUpInput,
  type User,
  type FollowUpListItem,
} from '@panong/shared';
import { tellSchool } from '../../messages/notify';
import { queryIn, type Snap, type Where } from '../../ports/store';
import type { Deps } from '../../deps';
import { notFound, UserFacingError } from '../../errors';
import { readForChange, writeCaseChange } from '../../core/caseChange';
import { paths, type FollowUp } from '../../core/documents';

const LIST_LIMIT = 300;

/** `GET /api/followups`: the follow-ups of the user's children, earliest due first, with whether each is due. */
export async function listFollowUps(deps: Pick<Deps, 'store' | 'clock'>, user: User): Promise<FollowUpListItem[]> {
  let docs: Snap<FollowUp>[];
  const unit: Where[] | undefined =
    user.role === 'teacher' || user.role === 'school_coordinator'
      ? [['schoolCode', '==', user.schoolCode ?? '-']]
      : user.role === 'area_coordinator'
        ? [['areaCode', '==', user.areaCode]]
        : user.role === 'admin'
          ? []
          : undefined;
  const names = new Map<string, string>();
  if (unit) {
    docs = await deps.store.query<FollowUp>('followups', {
      where: [...unit, ['done', '==', false]],
      orderBy: { field: 'due', dir: 'asc' },
      limit: LIST_LIMIT,
    });
  } else if (user.role === 'volunteer') {
    const mine = (
      await deps.store.query<Child>('children', { where: [['assigneeIds', 'array-contains', user.id]] })
    ).map((c) => c.data);
    mine.forEach((c) => names.set(c.id, `${c.firstName} ${c.lastName}`));
    const ids = mine.filter((c) => c.status === 'returned').map((c) => c.id);
    docs = await queryIn<FollowUp>(deps.store, 'followups', 'childId', ids);
  } else {
    return []; // partner agencies do not follow returned children up
  }
  const missing = [...new Set(docs.map((d) => d.data.childId))].filter((id) => !names.has(id));
  const children = await deps.store.getMany<Child>(missing.map((id) => paths.child(id)));
  children.forEach((c) => c && canSee(user, c) && names.set(c.id, `${c.firstName} ${c.lastName}`));
  const today = bangkokYmd(deps.clock());
  return docs
    .map((d) => d.data)
    .filter((f) => !f.cancelled && names.has(f.childId))
    .sort((a, b) => Number(a.done) - Number(b.done) || a.due.localeCompare(b.due))
    .map((f) => ({
      id: f.id,
      childId: f.childId,
      childName: names.get(f.childId)!,
      stage: f.stage,
      stageLabel: f.stage === 'extra' ? 'ติดตามเพิ่มเติม' : FOLLOWUP_STAGE_LABEL[f.stage],
      due: f.due,
      isDue: !f.done && f.due <= today,
      done: f.done,
    }));
}

/**
 * Records a follow-up of a returned child: the earliest pending scheduled one (or an extra one),
 * the screening group on the child (at risk / has problems flags it for the school coordinator),
 * and a child no longer attending re-opens as a re-dropout, found out of school again, the earlier
 * return kept in the history. Idempotent by the client's key.
 */
export async function recordFollowUp(
  deps: Pick<Deps, 'store' | 'clock' | 'line' | 'logger' | 'liffId'>,
  user: User,
  childId: string,
  input: unknown,
) {
  const f = FollowUpSchema.parse(input);
  const result = await recordInStore(deps, user, childId, f);
  // The school coordinator hears of a child newly at risk or with problems, and of a re-dropout.
  const { child, before } = result;
  if (!result.duplicate && before) {
    const news =
      child.status !== 'returned'
        ? 'ไม่มาเรียนแล้ว (หลุดจากระบบอีกครั้ง) เปิดเรื่องติดตามใหม่'
        : child.flagged && !before.flagged
          ? `ผลคัดกรอง: ${SCREENING_LABEL[child.screening!]} ควรดูแลเป็นพิเศษ หรือส่งต่อหน่วยงานภาคี`
          : undefined;
    if (news)
      await tellSchool(deps, {
        schoolCode: child.schoolCode,
        childId,
        key: `followup\u0000${childId}\u0000${f.idempotencyKey}`,
        text: `ติดตามหลังกลับเข้าเรียน\n${child.firstName} ${child.lastName}: ${news}`,
      });
  }
  return result;
}

function recordInStore(
  deps: Pick<Deps, 'store' | 'clock'>,
  user: User,
  childId: string,
  f: FollowUpInput,
): Promise<{ duplicate: boolean; child: Child; before?: Child }> {
  return deps.store.transaction(async (tx) => {
    const child = await tx.get<Child>(paths.child(childId));
    if (!child || !canSee(user, child)) throw notFound();
    if (user.role === 'agency') throw new UserFacingError(403, 'การติดตามหลังกลับเข้าเรียนเป็นงานของโรงเรียน');
    const eventPath = paths.event(childId, f.idempotencyKey);
    const earlier = await tx.get<CaseEvent>(eventPath);
    if (earlier) return { duplicate: true, child };
    if (child.status !== 'returned') throw new UserFacingError(409, 'บันทึกการติดตามได้เฉพาะเด็กที่กลับเข้าเรียนแล้ว');
    const pending = (await tx.query<FollowUp>('followups', { where: [['childId', '==', childId]] }))
      .map((d) => d.data)
      .filter((x) => !x.done)
      .sort((a, b) => a.due.localeCompare(b.due));
    const to = f.attending ? 'returned' : 'found';
    const reads = await readForChange(tx, child, to);
    const at = deps.clock().toISOString();
    const target = pending[0];
    const result = {
      attending: f.attending,
      group: f.group,
      ...(f.daysAttended !== undefined ? { daysAttended: f.daysAttended } : {}),
      ...(f.support ? { support: f.support } : {}),
      ...(f.note ? { note: f.note } : {}),
    };
    const followUpId = target?.id ?? `${childId}_${f.idempotencyKey}`;
    const done = { done: true, doneAt: at, doneBy: user.id, result };
    if (target) tx.update(paths.followUp(followUpId), done);
    else
      tx.set(paths.followUp(followUpId), {
        id: followUpId,
        childId,
        areaCode: child.areaCode,
        schoolCode: child.schoolCode,
        stage: 'extra',
        due: bangkokYmd(new Date(at)),
        ...done,
      } satisfies FollowUp);
    // this one is done, not cancelled
    if (reads.pendingFollowUps) reads.pendingFollowUps = reads.pendingFollowUps.filter((p) => p.id !== followUpId);

    const wasAttending = child.lastFollowUp?.attending === true;
    const regrouped = child.screening !== f.group;
    const counters: Record<string, number> = {
      fu_done: 1,
      ...(target ? { fu_open: -1 } : {}),
      ...(regrouped ? { ...(child.screening ? { [`scr_${child.screening}`]: -1 } : {}), [`scr_${f.group}`]: 1 } : {}),
      // "Still attending at the last follow-up" (the public page); a re-dropout's -1 comes with the status change.
      ...(f.attending && !wasAttending ? { attending_last: 1 } : {}),
    };
    const event: CaseEvent = {
      id: f.idempotencyKey,
      type: 'followup',
      by: user.id,
      byRole: user.role,
      at,
      from: child.status,
      to,
      outcome: { followUpId, ...(target ? { stage: target.stage } : {}), ...result },
    };
    const updated = writeCaseChange(tx, {
      child,
      event,
      reads,
      counters,
      fields: {
        screening: f.group,
        flagged: FLAGGED_GROUPS.includes(f.group),
        lastFollowUp: { at, attending: f.attending },
      },
    });
    return { duplicate: false, child: updated, before: child };
  });
}
