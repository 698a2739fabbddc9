import { httpStatusOf } from '../ports/line';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const LINE_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 15_000 };

/** Retry only what may succeed later: network errors, timeouts, 429 and 5xx. Other 4xx are final. */
export function isRetryable(err: unknown): boolean {
  const status = httpStatusOf(err);
  return status === undefined || status === 429 || status >= 500;
}

export class TimeoutError extends Error {}

/**
 * Runs `call` with exponential backoff and full jitter. Every attempt of a LINE send carries the
 * same X-Line-Retry-Key, so a retry after a lost answer never delivers twice (LINE answers 409).
 */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy = LINE_RETRY, wait = sleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(call(), policy.timeoutMs);
    } catch (err) {
      if (attempt >= policy.attempts || !isRetryable(err)) throw err;
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await wait(httpStatusOf(err) === 429 ? cap : Math.random() * cap);
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
