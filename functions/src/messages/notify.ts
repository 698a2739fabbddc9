import type { User } from '@panong/shared';
import { retryKeyFor } from '../ports/line';
import { withRetry } from '../core/retry';
import { liffUrl } from '../config';
import type { Deps } from '../deps';

/**
 * Pushes a note about one child to the school's coordinators (and `also`, e.g. who referred it), with
 * a button to the child's page. One retry key per event and person: a retried request pushes once.
 * A push that fails is logged; it never undoes what was recorded. No national ID or phone in the text.
 */
export async function tellSchool(
  deps: Pick<Deps, 'store' | 'line' | 'logger' | 'liffId'>,
  n: { schoolCode: string; childId: string; text: string; key: string; also?: string[] },
): Promise<void> {
  const coordinators = await deps.store.query<User>('users', {
    where: [
      ['schoolCode', '==', n.schoolCode],
      ['role', '==', 'school_coordinator'],
    ],
  });
  const to = [...new Set([...(n.also ?? []), ...coordinators.map((u) => u.id)])];
  const text = n.text.slice(0, 400);
  const message = {
    type: 'template' as const,
    altText: text,
    template: {
      type: 'buttons' as const,
      text: text.slice(0, 160),
      actions: [
        { type: 'uri' as const, label: 'เปิดข้อมูลเด็ก', uri: liffUrl(deps.liffId, 'checkin.html', { child: n.childId }) },
      ],
    },
  };
  await Promise.all(
    to.map((userId) =>
      withRetry(() => deps.line.push(userId, [message], retryKeyFor(n.key, userId))).catch((err: unknown) =>
        deps.logger.error('school notice failed', { key: n.key, error: err }),
      ),
    ),
  );
}
