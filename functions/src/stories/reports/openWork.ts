import { OPEN_STATES, type OpenWork } from '@panong/shared';
import type { Store, Where } from '../../ports/store';
import { countOverdue } from '../afterFound/referrals';

type Counters = Record<string, unknown>;

/**
 * Work waiting in a unit: open referrals past their date, follow-ups due by `today` and children whose case plan
 * has an action due by then. Three counts, each skipped when the unit's counters say nothing is open (most
 * schools, most weeks).
 */
export async function openWork(
  store: Store,
  unit: Where[],
  now: Date,
  today: string,
  counters?: Counters,
): Promise<OpenWork> {
  const n = (f: string) => Number(counters?.[f] ?? 0);
  const open = !counters || OPEN_STATES.some((s) => n(`ref_${s}`) > 0);
  const [overdue, followUpsDue, planActionsDue] = await Promise.all([
    open ? countOverdue({ store }, unit, now) : 0,
    !counters || n('fu_open') > 0
      ? store.count('followups', [...unit, ['done', '==', false], ['due', '<=', today]])
      : 0,
    !counters || n('plan_open') > 0 ? store.count('plans', [...unit, ['nextDue', '<=', today]]) : 0,
  ]);
  return { overdue, followUpsDue, planActionsDue };
}
