import { middleware, type webhook } from '@line/bot-sdk';
import express, { Router } from 'express';
import { z } from 'zod';
import { httpStatusOf, retryKeyFor, type Message } from '../adapters/line';
import type { Deps } from '../deps';
import { respondTo } from '../usecases/chat';
import { processOnce } from '../usecases/webhookEvents';

const WebhookBody = z.object({
  destination: z.string().optional(),
  events: z.array(z.looseObject({ type: z.string(), webhookEventId: z.string().min(1).max(128) })).max(200),
});

/** POST /webhook: signature checked by the SDK over the raw bytes, each event handled exactly once. */
export function webhookRouter(deps: Deps): Router {
  const router = Router();
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: '1mb' }),
    middleware({ channelSecret: deps.channelSecret }),
    async (req, res) => {
      const body = WebhookBody.parse(req.body);
      const events = body.events as unknown as webhook.Event[];
      // In order, as LINE sent them (a postback then a location must attach to the right child).
      // Any failure propagates as 5xx so that LINE redelivers; finished events are skipped then.
      for (const event of events) {
        await processOnce(deps, event.webhookEventId, async () => {
          const messages = await respondTo(deps, event);
          await deliver(deps, event, messages);
        });
      }
      res.status(200).json({});
    },
  );
  return router;
}

/** Reply once with the token; if LINE refuses it (used or expired), push with a retry key instead. */
async function deliver(deps: Deps, event: webhook.Event, messages: Message[]): Promise<void> {
  if (messages.length === 0) return;
  const replyToken = 'replyToken' in event ? event.replyToken : undefined;
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (replyToken) {
    try {
      await deps.line.reply(replyToken, messages);
      return;
    } catch (err) {
      deps.logger.warn('reply failed, pushing instead', { status: httpStatusOf(err), eventId: event.webhookEventId });
      if (!userId) throw err;
    }
  }
  if (userId) await deps.line.push(userId, messages, retryKeyFor('reply-fallback', event.webhookEventId));
}
