import { middleware, type webhook } from '@line/bot-sdk';
import express, { Router } from 'express';
import { z } from 'zod';
import { httpStatusOf, retryKeyFor, type Message } from '../ports/line';
import type { Deps } from '../deps';
import { respondTo } from '../stories/chat/chat';
import { processOnce } from '../stories/chat/webhookEvents';
import { isRetryable } from '../core/retry';
import { paths } from '../core/documents';
import type { User } from '@panong/shared';
import { UserFacingError } from '../errors';
import { webhookErrorHandler } from './errors';

const WebhookBody = z.object({
  destination: z.string().optional(),
  events: z.array(z.unknown()).max(200),
});

/**
 * One event, checked on its own: ids that reach store paths must match LINE's formats (a ULID-like
 * event id, a U-prefixed user id), so nothing from a request can name another document.
 */
const EventSchema = z.looseObject({
  type: z.string().min(1).max(40),
  webhookEventId: z.string().regex(/^[0-9A-Za-z]{20,40}$/),
  source: z
    .looseObject({
      type: z.string(),
      userId: z
        .string()
        .regex(/^U[0-9A-Za-z]{20,40}$/)
        .optional(),
    })
    .optional(),
  postback: z.looseObject({ data: z.string().max(300) }).optional(),
});

/**
 * Failures that will fail the same way on every redelivery (LINE's answer is final by the retry policy): logged and
 * marked done.
 */
function isDeterministic(err: unknown): boolean {
  if (err instanceof z.ZodError || err instanceof UserFacingError) return true;
  return httpStatusOf(err) !== undefined && !isRetryable(err);
}

/** POST /webhook: signature checked by the SDK over the raw bytes, each event handled exactly once. */
export function webhookRouter(deps: Deps): Router {
  const router = Router();
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: '1mb' }),
    middleware({ channelSecret: deps.channelSecret }),
    async (req, res) => {
      const body = WebhookBody.parse(req.body);
      // In order, as LINE sent them (a postback then a location must attach to the right child). Each
      // event stands alone: a malformed one is logged and skipped, one that fails deterministically is
      // marked done, and a transient failure (store, LINE 5xx) answers 5xx after the others ran, so
      // LINE redelivers and only what did not finish runs again.
      let transient: unknown;
      for (const raw of body.events) {
        const parsed = EventSchema.safeParse(raw);
        if (!parsed.success) {
          deps.logger.warn('webhook event refused', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
          continue;
        }
        const event = parsed.data as unknown as webhook.Event;
        // The sender is read beside the claim (one round trip for both); a read is harmless if the claim loses.
        const sender = event.source?.type === 'user' ? event.source.userId : undefined;
        const user = sender ? deps.store.get<User>(paths.user(sender)) : Promise.resolve(undefined);
        user.catch(() => undefined);
        try {
          await processOnce(deps, event.webhookEventId, async (after) => {
            try {
              await deliver(deps, event, await respondTo(deps, event, { user, after }));
            } catch (err) {
              if (!isDeterministic(err)) throw err;
              deps.logger.error('webhook event failed for good', {
                eventId: event.webhookEventId,
                type: event.type,
                error: err,
              });
            }
          });
        } catch (err) {
          transient ??= err;
        }
      }
      if (transient) throw transient;
      res.status(200).json({});
    },
  );
  router.use(webhookErrorHandler(deps.logger));
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
