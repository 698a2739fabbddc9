import { OPEN_STATES } from '@panong/shared';
import type { Store, Where } from '../../ports/store';
import { countOverdue } from '../afterFound/referrals';

type Counters = Record<string, unknown>;

/**
 * Work waiting in a unit: open referrals past their date and follow-ups due by `today`. Two counts,
 * each skipped when the unit's counters say nothing is open (most schools, most weeks).
 */
export async function openWork(
  store: Store,
  unit: Where[],
  now: Date,
  today: string,
  counters?: Counters,
): Promise<{ overdue: number; followUpsDue: number }> {
  const n = (f: string) => Number(counters?.[f] ?? 0);
  const open = !counters || OPEN_STATES.some((s) => n(`ref_${s}`) > 0);
  const [overdue, followUpsDue] = await Promise.all([
    open ? countOverdue({ store }, unit, now) : 0,
    !counters || n('fu_open') > 0
      ? store.count('followups', [...unit, ['done', '==', false], ['due', '<=', today]])
      : 0,
  ]);
  return { overdue, followUpsDue };
}
