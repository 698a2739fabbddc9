import type { Child, User } from './schemas';
import type { Status } from './status';

/** Least privilege: who may see (and act on) which child. */
export function canSee(
  user: Pick<User, 'id' | 'role' | 'areaCode' | 'schoolCode' | 'partnerId' | 'places'>,
  child: Pick<Child, 'areaCode' | 'schoolCode' | 'assigneeIds' | 'partnerId' | 'placeCode'>,
): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'area_coordinator':
      return child.areaCode === user.areaCode;
    case 'school_coordinator':
    case 'teacher':
      return child.schoolCode === user.schoolCode;
    case 'volunteer':
      return child.assigneeIds.includes(user.id);
    case 'agency':
      return !!user.partnerId && child.partnerId === user.partnerId;
    case 'local_admin':
      // Where the child lives, whatever school or area lists it.
      return !!child.placeCode && (user.places ?? []).some((p) => p.code === child.placeCode);
  }
}

/** The narrowest store filter that covers a user's scope (the rest is checked with canSee). */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'area'; areaCode: string }
  | { kind: 'school'; schoolCode: string }
  | { kind: 'assigned'; userId: string }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'places'; placeCodes: string[] };

export function scopeFilter(
  user: Pick<User, 'id' | 'role' | 'areaCode' | 'schoolCode' | 'partnerId' | 'places'>,
): ScopeFilter {
  switch (user.role) {
    case 'admin':
      return { kind: 'all' };
    case 'area_coordinator':
      return { kind: 'area', areaCode: user.areaCode };
    case 'school_coordinator':
    case 'teacher':
      return { kind: 'school', schoolCode: user.schoolCode ?? '' };
    case 'volunteer':
      return { kind: 'assigned', userId: user.id };
    case 'agency':
      return { kind: 'partner', partnerId: user.partnerId ?? '' };
    case 'local_admin':
      return { kind: 'places', placeCodes: (user.places ?? []).map((p) => p.code) };
  }
}

/** The store filter of a personal list (small enough to read whole): assigned children, or a partner's. */
export function personalList(
  scope: ScopeFilter,
): readonly [field: string, op: '==' | 'array-contains', value: string] | undefined {
  if (scope.kind === 'assigned') return ['assigneeIds', 'array-contains', scope.userId];
  if (scope.kind === 'partner') return ['partnerId', '==', scope.partnerId];
  return undefined;
}

/** What a local administration officer records: where the child is; returning and referring are the school's. */
export const OFFICER_OUTCOMES: readonly Status[] = ['found', 'not_found', 'moved'];

/** Who may assign children to field workers, and see per-child rows in weekly reports. */
export function canManage(user: Pick<User, 'role'>): boolean {
  return user.role === 'school_coordinator' || user.role === 'area_coordinator' || user.role === 'admin';
}

/** Great-circle distance in km (field workers' "nearest first"). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
