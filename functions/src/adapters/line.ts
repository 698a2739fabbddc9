import { messagingApi } from '@line/bot-sdk';
import { createHash } from 'node:crypto';

export type Message = messagingApi.Message;

/** What the app needs from the Messaging API. */
export interface LinePort {
  reply(replyToken: string, messages: Message[]): Promise<void>;
  /** retryKey makes a repeated push a no-op on LINE's side (409). */
  push(to: string, messages: Message[], retryKey: string): Promise<void>;
  multicast(to: string[], messages: Message[], retryKey: string): Promise<void>;
  quota(): Promise<{ limit: number | undefined; used: number }>;
}

/** LINE wants a UUID as X-Line-Retry-Key: derive a stable one from what identifies the send. */
export function retryKeyFor(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function httpStatusOf(err: unknown): number | undefined {
  const e = err as { status?: number; statusCode?: number };
  return e?.status ?? e?.statusCode;
}

/** The real @line/bot-sdk client; `origin` is LINE_API_ORIGIN (a fake LINE API on loopback in tests). */
export function lineClient(opts: { channelAccessToken: string; origin: string }): LinePort {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.origin });
  return {
    async reply(replyToken, messages) {
      await client.replyMessage({ replyToken, messages });
    },
    async push(to, messages, retryKey) {
      try {
        await client.pushMessage({ to, messages }, retryKey);
      } catch (err) {
        if (httpStatusOf(err) !== 409) throw err; // 409: this retry key was already accepted
      }
    },
    async multicast(to, messages, retryKey) {
      try {
        await client.multicast({ to, messages }, retryKey);
      } catch (err) {
        if (httpStatusOf(err) !== 409) throw err;
      }
    },
    async quota() {
      const [q, c] = await Promise.all([client.getMessageQuota(), client.getMessageQuotaConsumption()]);
      return { limit: q.type === 'limited' ? q.value : undefined, used: c.totalUsage };
    },
  };
}
