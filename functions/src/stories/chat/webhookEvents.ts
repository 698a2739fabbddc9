import type { Deps } from '../../deps';

/** How long a claim by a running handler blocks a duplicate; after that a crash is assumed. */
const CLAIM_TTL_MS = 60_000;

interface Marker {
  state: 'processing' | 'done';
  startedAt: number;
}

/**
 * Runs `work` once per webhookEventId across redeliveries and concurrent duplicates.
 * The claim is released when the work fails, so LINE's redelivery can try again.
 */
export async function processOnce(
  deps: Pick<Deps, 'store' | 'clock'>,
  webhookEventId: string,
  work: () => Promise<void>,
): Promise<'done' | 'skipped'> {
  const path = `webhookEvents/${webhookEventId}`;
  const now = deps.clock().getTime();
  const claimed = await deps.store.transaction(async (tx) => {
    const marker = await tx.get<Marker>(path);
    if (marker && (marker.state === 'done' || now - marker.startedAt < CLAIM_TTL_MS)) return false;
    tx.set(path, { state: 'processing', startedAt: now });
    return true;
  });
  if (!claimed) return 'skipped';
  try {
    await work();
  } catch (err) {
    await deps.store.batch([{ kind: 'delete', path }]).catch(() => undefined);
    throw err;
  }
  await deps.store.batch([
    { kind: 'set', path, data: { state: 'done', startedAt: now, doneAt: deps.clock().getTime() } },
  ]);
  return 'done';
}
