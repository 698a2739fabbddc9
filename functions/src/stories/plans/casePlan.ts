import {
  canSee,
  CasePlanSchema,
  nextDue,
  plannedField,
  scopeFilter,
  type CaseEvent,
  type CasePlan,
  type CasePlanInput,
  type Child,
  type User,
} from '@panong/shared';
import type { Deps } from '../../deps';
import { notFound, UserFacingError } from '../../errors';
import { writeCaseChange } from '../../core/caseChange';
import { paths } from '../../core/documents';
import { queryIn, type Store } from '../../ports/store';
import { scopeWhere } from '../../core/units';

/** Who may plan for a child: whoever may check it in (a partner agency answers its referral instead). */
function mayPlan(user: User, child: Child): boolean {
  return canSee(user, child) && user.role !== 'agency';
}

/** `GET /api/children/:id/plan`: the child's case plan, or null before the first one. */
export async function getPlan(store: Store, user: User, childId: string): Promise<CasePlan | null> {
  const child = await store.get<Child>(paths.child(childId));
  if (!child || !canSee(user, child)) throw notFound();
  return (await store.get<CasePlan>(paths.plan(childId))) ?? null;
}

/**
 * `PUT /api/children/:id/plan`: replaces the plan in one transaction with its event (who, when, what changed) and
 * the counters (the first plan of a found child; plans with an action open). The same plan sent again (a retried
 * request) changes nothing and records nothing.
 */
export async function putPlan(
  deps: Pick<Deps, 'store' | 'clock' | 'newId'>,
  user: User,
  childId: string,
  body: unknown,
): Promise<{ plan: CasePlan; changed: boolean }> {
  const input = CasePlanSchema.parse(body);
  return deps.store.transaction(async (tx) => {
    const child = await tx.get<Child>(paths.child(childId));
    if (!child || !canSee(user, child)) throw notFound();
    if (!mayPlan(user, child)) throw new UserFacingError(403, 'หน่วยงานภาคีแก้ไขแผนช่วยเหลือของโรงเรียนไม่ได้');
    const old = await tx.get<CasePlan>(paths.plan(childId));
    if (old && sameContent(old, input)) return { plan: old, changed: false };
    const at = deps.clock().toISOString();
    const due = nextDue(input.actions);
    const plan: CasePlan = {
      ...content(input),
      childId,
      childName: `${child.firstName} ${child.lastName}`,
      schoolCode: child.schoolCode,
      areaCode: child.areaCode,
      ...(child.placeCode ? { placeCode: child.placeCode } : {}),
      ...(due ? { nextDue: due } : {}),
      version: (old?.version ?? 0) + 1,
      updatedAt: at,
      updatedBy: user.id,
    };
    tx.set(paths.plan(childId), { ...plan });
    const event: CaseEvent = {
      id: deps.newId(),
      type: 'plan',
      by: user.id,
      byRole: user.role,
      at,
      from: child.status,
      to: child.status,
      outcome: {
        causes: plan.causes,
        actions: plan.actions.length,
        done: plan.actions.filter((a) => a.done).length,
        ...(due ? { nextDue: due } : {}),
        ...(old ? {} : { first: true }),
      },
    };
    const counters: Record<string, number> = { plan_open: (due ? 1 : 0) - (old?.nextDue ? 1 : 0) };
    if (!child.hasPlan) counters[plannedField(child.status)] = 1;
    writeCaseChange(tx, { child, event, reads: {}, fields: child.hasPlan ? {} : { hasPlan: true }, counters });
    return { plan, changed: true };
  });
}

/** The plan as the school wrote it, in one key order (what "the same plan" compares). */
function content(p: CasePlanInput): CasePlanInput {
  return {
    causes: p.causes,
    problem: p.problem,
    actions: p.actions.map((a) => ({
      what: a.what,
      ...(a.who ? { who: a.who } : {}),
      due: a.due,
      ...(a.done ? { done: true } : {}),
    })),
    ...(p.prevention ? { prevention: p.prevention } : {}),
  };
}
const sameContent = (a: CasePlanInput, b: CasePlanInput) => JSON.stringify(content(a)) === JSON.stringify(content(b));

/** "งานของฉัน": plans with an action open and due within a week, of the children the user works on, earliest first. */
export async function duePlans(store: Store, user: User, today: string): Promise<CasePlan[]> {
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const scope = scopeFilter(user);
  const unit = scopeWhere(scope);
  let plans: CasePlan[];
  if (unit) {
    plans = (
      await store.query<CasePlan>('plans', {
        where: [...unit, ['nextDue', '<=', horizon]],
        orderBy: { field: 'nextDue', dir: 'asc' },
        limit: 100,
      })
    ).map((p) => p.data);
  } else if (scope.kind === 'assigned') {
    const mine = (await store.query<Child>('children', { where: [['assigneeIds', 'array-contains', user.id]] })).map(
      (c) => c.data.id,
    );
    plans = (await queryIn<CasePlan>(store, 'plans', 'childId', mine))
      .map((p) => p.data)
      .filter((p) => p.nextDue && p.nextDue <= horizon);
  } else plans = [];
  return plans.sort((a, b) => (a.nextDue ?? '').localeCompare(b.nextDue ?? ''));
}
