import { api, ApiError } from './liffClient';

/**
 * Check-ins that could not be sent (no signal in the village) wait on the device, body and
 * idempotency key included, and go out when the network returns: the server records a key once, so
 * a resend can never make a second entry.
 */
const PREFIX = 'panong.outbox.';
const RETRY_MS = 5000;

export interface Pending {
  path: string;
  body: { idempotencyKey: string } & Record<string, unknown>;
  savedAt: string;
}

export function keep(p: Pending): void {
  localStorage.setItem(PREFIX + p.body.idempotencyKey, JSON.stringify(p));
}

export function waiting(): Pending[] {
  return Object.keys(localStorage)
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => JSON.parse(localStorage.getItem(k)!) as Pending)
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** Sends what waits, oldest first; `onSent` gets each answer (or the Thai error of a refused one). */
export async function flush<T>(onSent: (p: Pending, result: { data?: T; error?: string }) => void): Promise<void> {
  for (const p of waiting()) {
    try {
      const { data } = await api<T>(p.path, { method: 'POST', body: p.body });
      localStorage.removeItem(PREFIX + p.body.idempotencyKey);
      onSent(p, { data });
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
        localStorage.removeItem(PREFIX + p.body.idempotencyKey); // refused for good: say so, do not retry
        onSent(p, { error: err.message });
      } else return; // still offline: keep everything, try again later
    }
  }
}

/** Flushes when the browser says the network is back, and every few seconds while something waits. */
export function flushWhenOnline<T>(onSent: (p: Pending, result: { data?: T; error?: string }) => void): void {
  const run = () => void flush(onSent);
  window.addEventListener('online', run);
  setInterval(() => waiting().length > 0 && navigator.onLine && run(), RETRY_MS);
  if (navigator.onLine) run();
}
