import { OPEN_STATES, scopeFilter, type User } from '@panong/shared';
import type { Store, Where } from '../adapters/store';
import { countOverdue } from './referrals';

/** The unit whose numbers a user sees (`national`, `area_X`, `school_X`, as counters and snapshots name it); none for personal lists. */
export function unitOf(user: User): string | undefined {
  const scope = scopeFilter(user);
  if (scope.kind === 'all') return 'national';
  if (scope.kind === 'area') return `area_${scope.areaCode}`;
  if (scope.kind === 'school') return `school_${scope.schoolCode}`;
  return undefined;
}

/** The filter of a unit's documents (referrals, follow-ups): none for the country. */
export function unitWhere(unit: string): Where[] {
  if (unit === 'national') return [];
  const [level, code] = unit.split('_') as ['school' | 'area', string];
  return [[level === 'school' ? 'schoolCode' : 'areaCode', '==', code]];
}

type Counters = Record<string, unknown>;

/**
 * Work waiting in a unit: open referrals past their date and follow-ups due by `today`. Two counts,
 * each skipped when the unit's counters say nothing is open (most schools, most weeks).
 */
export async function openWork(store: Store, unit: Where[], now: Date, today: string, counters?: Counters): Promise<{ overdue: number; followUpsDue: number }> {
  const n = (f: string) => Number(counters?.[f] ?? 0);
  const open = !counters || OPEN_STATES.some((s) => n(`ref_${s}`) > 0);
  const [overdue, followUpsDue] = await Promise.all([
    open ? countOverdue({ store }, unit, now) : 0,
    !counters || n('fu_open') > 0 ? store.count('followups', [...unit, ['done', '==', false], ['due', '<=', today]]) : 0,
  ]);
  return { overdue, followUpsDue };
}
