import { scopeFilter, type User } from '@panong/shared';
import type { Store, Where } from '../adapters/store';
import { countOverdue } from './referrals';

/** The filter of a unit's documents from its counter scope (`school_X`, `area_X`). */
export const unitWhere = (scope: string): Where[] => {
  const [level, code] = scope.split('_') as ['school' | 'area', string];
  return [[level === 'school' ? 'schoolCode' : 'areaCode', '==', code]];
};

/** The unit a coordinator's numbers cover ([] = the country); none for personal lists. */
export function userUnit(user: User): Where[] | undefined {
  const scope = scopeFilter(user);
  if (scope.kind === 'all') return [];
  if (scope.kind === 'area') return [['areaCode', '==', scope.areaCode]];
  if (scope.kind === 'school') return [['schoolCode', '==', scope.schoolCode]];
  return undefined;
}

type Counters = Record<string, unknown>;

/**
 * Work waiting in a unit: open referrals past their date and follow-ups due by `today`. Two counts,
 * each skipped when the unit's counters say nothing is open (most schools, most weeks).
 */
export async function openWork(store: Store, unit: Where[], now: Date, today: string, counters?: Counters): Promise<{ overdue: number; followUpsDue: number }> {
  const n = (f: string) => Number(counters?.[f] ?? 0);
  const open = !counters || n('ref_sent') + n('ref_accepted') + n('ref_in_progress') > 0;
  const [overdue, followUpsDue] = await Promise.all([
    open ? countOverdue({ store }, unit, now) : 0,
    !counters || n('fu_open') > 0 ? store.count('followups', [...unit, ['done', '==', false], ['due', '<=', today]]) : 0,
  ]);
  return { overdue, followUpsDue };
}
