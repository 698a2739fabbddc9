import type { Child, User } from './schemas';

/** Least privilege: who may see (and act on) which child. */
export function canSee(user: Pick<User, 'id' | 'role' | 'areaCode' | 'schoolCode'>, child: Pick<Child, 'areaCode' | 'schoolCode' | 'assigneeIds'>): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'area_coordinator':
      return child.areaCode === user.areaCode;
    case 'school_coordinator':
    case 'teacher':
      return child.schoolCode === user.schoolCode;
    case 'volunteer':
    case 'agency':
      return child.assigneeIds.includes(user.id);
  }
}

/** The narrowest store filter that covers a user's scope (the rest is checked with canSee). */
export type ScopeFilter =
  | { kind: 'all' }
  | { kind: 'area'; areaCode: string }
  | { kind: 'school'; schoolCode: string }
  | { kind: 'assigned'; userId: string };

export function scopeFilter(user: Pick<User, 'id' | 'role' | 'areaCode' | 'schoolCode'>): ScopeFilter {
  switch (user.role) {
    case 'admin':
      return { kind: 'all' };
    case 'area_coordinator':
      return { kind: 'area', areaCode: user.areaCode };
    case 'school_coordinator':
    case 'teacher':
      return { kind: 'school', schoolCode: user.schoolCode ?? '' };
    case 'volunteer':
    case 'agency':
      return { kind: 'assigned', userId: user.id };
  }
}
