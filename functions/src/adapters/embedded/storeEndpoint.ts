import express from 'express';
import { AlreadyExistsError, NotFoundError, type Store } from '../../ports/store';
import { decodeWrite, seen, storeCall, TOKEN_HEADER, type StoreAnswer, type StoreCall } from './storeWire';

class Conflict extends Error {}

/**
 * The owner of DATA_DIR serves the other processes' store calls (a command run beside the local
 * server): only with the token it wrote into DATA_DIR's lock file, readable by its user alone.
 */
export function storeEndpoint(store: Store, token: string): express.Router {
  const router = express.Router();
  router.post('/', express.json({ limit: '64mb' }), async (req, res, next) => {
    if (req.get(TOKEN_HEADER) !== token) return void res.status(403).json({ error: 'forbidden' });
    const call = storeCall.safeParse(req.body);
    if (!call.success) return void res.status(400).json({ error: 'invalid_request', issues: call.error.issues });
    try {
      res.json({ ok: await serve(store, call.data) } satisfies StoreAnswer);
    } catch (err) {
      if (err instanceof Conflict) return void res.status(409).json({ error: 'conflict' } satisfies StoreAnswer);
      if (err instanceof AlreadyExistsError || err instanceof NotFoundError)
        return void res.status(409).json({
          error: err instanceof AlreadyExistsError ? 'already_exists' : 'not_found',
          path: err.path,
        } satisfies StoreAnswer);
      next(err);
    }
  });
  return router;
}

async function serve(store: Store, call: StoreCall): Promise<unknown> {
  switch (call.op) {
    case 'get':
      return (await store.get(call.path)) ?? null;
    case 'getMany':
      return (await store.getMany(call.paths)).map((d) => d ?? null);
    case 'query':
      return store.query(call.collection, call.q);
    case 'count':
      return store.count(call.collection, call.where);
    case 'commit':
      return store.transaction(async (tx) => {
        for (const r of call.reads) if (seen(await tx.get(r.path)) !== r.seen) throw new Conflict();
        for (const q of call.queries) if (seen(await tx.query(q.collection, q.q)) !== q.seen) throw new Conflict();
        for (const w of call.writes.map(decodeWrite)) {
          if (w.kind === 'set') tx.set(w.path, w.data, { merge: w.merge });
          else if (w.kind === 'delete') tx.delete(w.path);
          else tx[w.kind](w.path, w.data);
        }
        return null;
      });
  }
}
