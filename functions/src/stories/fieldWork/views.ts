import { canSee, ROLE_LABEL, scopeFilter, type Child, type User } from '@panong/shared';
import type { Store, Write } from '../../ports/store';
import { notFound, UserFacingError } from '../../errors';
import { paths } from '../../core/documents';

/** How a child's record was seen: its page in LIFF, or a card among chat search results. */
export type ViewChannel = 'liff' | 'chat_search';

/**
 * Records who saw which children's records, when and how (PDPA accountability): one document per
 * view under the child, written in one batch for a whole search result.
 */
export async function recordViews(
  deps: { store: Store; clock: () => Date; newId: () => string },
  viewer: User,
  childIds: readonly string[],
  via: ViewChannel,
): Promise<void> {
  if (childIds.length === 0) return;
  await deps.store.batch(viewWrites(deps, viewer, childIds, via));
}

/** The view records of one look at these children (a chat search commits them with its done mark). */
export function viewWrites(
  deps: { clock: () => Date; newId: () => string },
  viewer: User,
  childIds: readonly string[],
  via: ViewChannel,
): Write[] {
  const at = deps.clock().toISOString();
  return childIds.map((id) => ({
    kind: 'create' as const,
    path: paths.view(id, deps.newId()),
    data: { by: viewer.id, role: viewer.role, at, via },
  }));
}

/** The view history of a child of the viewer's area, newest first: area coordinators and admins only. */
export async function viewHistory(store: Store, viewer: User, childId: string, limit = 200) {
  const scope = scopeFilter(viewer);
  if (scope.kind !== 'area' && scope.kind !== 'all')
    throw new UserFacingError(403, 'เฉพาะผู้ประสานงานเขตพื้นที่เท่านั้นที่ดูประวัติการเข้าถึงได้');
  const child = await store.get<Child>(paths.child(childId));
  if (!child || !canSee(viewer, child)) throw notFound();
  const views = await store.query<{ by: string; role: User['role']; at: string; via: ViewChannel }>(
    paths.views(childId),
    { orderBy: { field: 'at', dir: 'desc' }, limit },
  );
  return views.map(({ data }) => ({
    by: data.by,
    role: ROLE_LABEL[data.role],
    at: data.at,
    via: data.via === 'liff' ? 'เปิดหน้าข้อมูลเด็ก' : 'ผลค้นหาในแชท',
  }));
}
