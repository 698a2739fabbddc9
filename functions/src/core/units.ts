import { scopeFilter, type ScopeFilter, type User } from '@panong/shared';
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

/**
 * The store filter of what a unit scope covers (children, plans: `schoolCode`, `areaCode`, `placeCode in` ≤ 30
 * subdistricts); none for the country; undefined for a personal list or an officer without subdistricts.
 */
export function scopeWhere(scope: ScopeFilter): Where[] | undefined {
  switch (scope.kind) {
    case 'all':
      return [];
    case 'area':
      return [['areaCode', '==', scope.areaCode]];
    case 'school':
      return [['schoolCode', '==', scope.schoolCode]];
    case 'places':
      return scope.placeCodes.length ? [['placeCode', 'in', scope.placeCodes]] : undefined;
    default:
      return undefined;
  }
}
