/**
 * Store calls between processes of the local stack: a command (RemoteStore) asks the process that
 * owns DATA_DIR (storeEndpoint) over loopback. JSON both ways; an increment travels as {"$increment": n}.
 */
import { z } from 'zod';
import { Increment, type Doc, type Write } from '../../ports/store';

export const STORE_PATH = '/dev/store';
export const TOKEN_HEADER = 'x-panong-store-token';

const doc = z.record(z.string(), z.unknown());
const where = z.tuple([z.string(), z.enum(['==', '!=', 'array-contains', 'in', '<', '<=', '>', '>=']), z.unknown()]);
const query = z.object({
  where: z.array(where).optional(),
  orderBy: z.object({ field: z.string(), dir: z.enum(['asc', 'desc']).optional() }).optional(),
  limit: z.number().int().nonnegative().optional(),
});
const write = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set'), path: z.string(), data: doc, merge: z.boolean().optional() }),
  z.object({ kind: z.literal('create'), path: z.string(), data: doc }),
  z.object({ kind: z.literal('update'), path: z.string(), data: doc }),
  z.object({ kind: z.literal('delete'), path: z.string() }),
]);

/**
 * `commit` is a transaction's end: `reads` and `queries` carry what the caller saw (JSON text), and the
 * owner applies `writes` only if it would see the same now; else `conflict`, and the caller runs it again.
 */
export const storeCall = z.discriminatedUnion('op', [
  z.object({ op: z.literal('get'), path: z.string() }),
  z.object({ op: z.literal('getMany'), paths: z.array(z.string()) }),
  z.object({ op: z.literal('query'), collection: z.string(), q: query }),
  z.object({ op: z.literal('count'), collection: z.string(), where: z.array(where) }),
  z.object({
    op: z.literal('commit'),
    reads: z.array(z.object({ path: z.string(), seen: z.string() })),
    queries: z.array(z.object({ collection: z.string(), q: query, seen: z.string() })),
    writes: z.array(write),
  }),
]);
export type StoreCall = z.infer<typeof storeCall>;

export type StoreAnswer = { ok: unknown } | { error: 'already_exists' | 'not_found' | 'conflict'; path?: string };

export function encodeWrite(w: Write): Write {
  if (w.kind === 'delete') return w;
  const data: Doc = {};
  for (const [k, v] of Object.entries(w.data)) data[k] = v instanceof Increment ? { $increment: v.by } : v;
  return { ...w, data };
}

export function decodeWrite(w: Write): Write {
  if (w.kind === 'delete') return w;
  const data: Doc = {};
  for (const [k, v] of Object.entries(w.data)) {
    const by = (v as { $increment?: unknown } | null)?.$increment;
    data[k] = typeof by === 'number' ? new Increment(by) : v;
  }
  return { ...w, data };
}

/** What a caller saw, compared by the owner at commit: the JSON text of a document (null: missing) or query answer. */
export const seen = (value: unknown): string => JSON.stringify(value ?? null);
