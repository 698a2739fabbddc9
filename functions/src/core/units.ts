import { scopeFilter, type User } from '@panong/shared';
import type { Where } from '../ports/store';

/**
 * The unit whose numbers a user sees (`national`, `area_X`, `school_X`, as counters and snapshots name it); none for
 * personal lists.
 */
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
