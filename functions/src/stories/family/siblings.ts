import { canSee, STATUS_LABEL, type Child, type SiblingView, type User } from '@panong/shared';
import type { Store } from '../../ports/store';

/** More would not be one family; the query stays one small read. */
const MAX_SIBLINGS = 20;

/**
 * The children listed with the same guardian phone (digits compared): visited together, in one house.
 * Only those the viewer may see: a sibling in another school or area stays invisible to a teacher.
 */
export async function siblingsOf(store: Pick<Store, 'query'>, viewer: User, child: Child): Promise<SiblingView[]> {
  if (!child.guardianPhoneKey) return [];
  const same = await store.query<Child>('children', {
    where: [['guardianPhoneKey', '==', child.guardianPhoneKey]],
    limit: MAX_SIBLINGS + 1,
  });
  return same
    .map((s) => s.data)
    .filter((s) => s.id !== child.id && canSee(viewer, s))
    .slice(0, MAX_SIBLINGS)
    .map((s) => ({
      id: s.id,
      name: `${s.firstName} ${s.lastName}`,
      status: s.status,
      statusLabel: STATUS_LABEL[s.status],
    }));
}
