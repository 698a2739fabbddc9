import type { User } from '@panong/shared';
import { liffUrl } from '../config';
import { withRetry } from '../core/retry';
import type { Deps } from '../deps';
import { retryKeyFor, type Message } from '../ports/line';
import { linkCard } from './cards';

/**
 * The one way a story tells people something outside a reply: a push to each of `to` with a retry key
 * derived from `key` and the person (a retried request or job pushes once), LINE's transient failures
 * retried, and a push that still fails logged as `what`: it never undoes what was recorded.
 */
export async function notify(
  deps: Pick<Deps, 'line' | 'logger'>,
  to: readonly string[],
  messages: Message[],
  n: { key: readonly string[]; what: string; sleep?: (ms: number) => Promise<void>; log?: Record<string, unknown> },
): Promise<void> {
  await Promise.all(
    [...new Set(to)].map((userId) =>
      withRetry(() => deps.line.push(userId, messages, retryKeyFor(...n.key, userId)), undefined, n.sleep).catch(
        (err: unknown) => deps.logger.error(n.what, { ...n.log, error: err }),
      ),
    ),
  );
}

/**
 * Pushes a note about one child to the school's coordinators (and `also`, e.g. who referred it), with
 * a button to the child's page. No national ID or phone in the text.
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
  const text = n.text.slice(0, 400);
  const page = { label: 'เปิดข้อมูลเด็ก', uri: liffUrl(deps.liffId, 'checkin.html', { child: n.childId }) };
  const to = [...(n.also ?? []), ...coordinators.map((u) => u.id)];
  await notify(deps, to, [linkCard(text, page)], { key: [n.key], what: 'school notice failed', log: { key: n.key } });
}
