import { createHmac, randomBytes } from 'node:crypto';

/** Builders for LINE webhook payloads, signed like LINE signs them: for the simulator, tests and benchmarks. */
export function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

let seq = 0;
export function newWebhookEventId(): string {
  const parts = [Date.now().toString(36), (seq++).toString(36), randomBytes(6).toString('hex')];
  return `01${parts.join('').toUpperCase()}`.slice(0, 26).padEnd(26, '0');
}

type Base = { userId: string; replyToken?: string; webhookEventId?: string; redelivery?: boolean };

function base(o: Base) {
  return {
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId: o.userId },
    webhookEventId: o.webhookEventId ?? newWebhookEventId(),
    deliveryContext: { isRedelivery: o.redelivery ?? false },
    ...(o.replyToken ? { replyToken: o.replyToken } : {}),
  };
}

export const textEvent = (o: Base & { text: string }) => ({
  ...base(o),
  type: 'message',
  message: { id: String(Date.now()), type: 'text', text: o.text, quoteToken: 'q' },
});

export const locationEvent = (o: Base & { lat: number; lng: number; address?: string }) => ({
  ...base(o),
  type: 'message',
  message: { id: String(Date.now()), type: 'location', latitude: o.lat, longitude: o.lng, address: o.address ?? '' },
});

export const postbackEvent = (o: Base & { data: string }) => ({
  ...base(o),
  type: 'postback',
  postback: { data: o.data },
});

export const followEvent = (o: Base) => ({ ...base(o), type: 'follow', follow: { isUnblocked: false } });

export function webhookBody(events: unknown[]): string {
  return JSON.stringify({ destination: 'U00000000000000000000000000bot01', events });
}
