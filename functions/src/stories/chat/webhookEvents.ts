import type { Deps } from '../../deps';
import { AlreadyExistsError, type Write } from '../../ports/store';

/** How long a claim by a running handler blocks a duplicate; after that a crash is assumed. */
const CLAIM_TTL_MS = 60_000;

interface Marker {
  state: 'processing' | 'done';
  startedAt: number;
}

/**
 * Runs `work` once per webhookEventId across redeliveries and concurrent duplicates. The claim is one create (a
 * round trip that can run beside the event's first read); only a duplicate or a crashed run's leftover claim
 * takes the transaction. `work` may leave writes (the record of who saw what) to commit with the done mark after
 * the reply, in one batch. The claim is released when the work fails, so LINE's redelivery can try again.
 */
export async function processOnce(
  deps: Pick<Deps, 'store' | 'clock'>,
  webhookEventId: string,
  work: (after: Write[]) => Promise<void>,
): Promise<'done' | 'skipped'> {
  const path = `webhookEvents/${webhookEventId}`;
  const now = deps.clock().getTime();
  if (!(await claim(deps, path, now))) return 'skipped';
  const after: Write[] = [];
  try {
    await work(after);
  } catch (err) {
    await deps.store.batch([{ kind: 'delete', path }]).catch(() => undefined);
    throw err;
  }
  await deps.store.batch([
    ...after,
    { kind: 'set', path, data: { state: 'done', startedAt: now, doneAt: deps.clock().getTime() } },
  ]);
  return 'done';
}

async function claim(deps: Pick<Deps, 'store'>, path: string, now: number): Promise<boolean> {
  try {
    await deps.store.batch([{ kind: 'create', path, data: { state: 'processing', startedAt: now } }]);
    return true;
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
  }
  return deps.store.transaction(async (tx) => {
    const marker = await tx.get<Marker>(path);
    if (marker && (marker.state === 'done' || now - marker.startedAt < CLAIM_TTL_MS)) return false;
    tx.set(path, { state: 'processing', startedAt: now });
    return true;
  });
}
