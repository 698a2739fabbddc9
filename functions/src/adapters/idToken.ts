import { z } from 'zod';

export interface IdentityClaims {
  userId: string;
  name?: string;
}
export type VerifyIdToken = (idToken: string) => Promise<IdentityClaims>;

export class InvalidIdTokenError extends Error {}

const VerifyResponse = z.object({
  sub: z.string().min(1),
  aud: z.string(),
  exp: z.number(),
  name: z.string().optional(),
});

/**
 * Verifies a LIFF ID token with LINE's verify endpoint (on LINE_API_ORIGIN) for our LINE Login
 * channel, and checks audience and expiry again on our side.
 */
export function lineIdTokenVerifier(opts: { origin: string; channelId: string; now: () => Date }): VerifyIdToken {
  // A LIFF page calls the API several times with one token: remember a verified token briefly
  // (never past its expiry) instead of asking LINE every time.
  const cache = new Map<string, { claims: IdentityClaims; until: number }>();
  const CACHE_MS = 5 * 60_000;
  const CACHE_MAX = 10_000;
  return async (idToken) => {
    const hit = cache.get(idToken);
    if (hit && hit.until > opts.now().getTime()) return hit.claims;
    const { exp, ...claims } = await verifyWithLine(idToken);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!); // oldest first
    cache.set(idToken, { claims, until: Math.min(exp * 1000, opts.now().getTime() + CACHE_MS) });
    return claims;
  };

  async function verifyWithLine(idToken: string): Promise<IdentityClaims & { exp: number }> {
    const res = await fetch(`${opts.origin}/oauth2/v2.1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token: idToken, client_id: opts.channelId }),
      signal: AbortSignal.timeout(5000),
    });
    if (res.status >= 500) throw new Error(`LINE verify answered ${res.status}`);
    if (!res.ok) throw new InvalidIdTokenError(`LINE verify refused the token (${res.status})`);
    const parsed = VerifyResponse.safeParse(await res.json());
    if (!parsed.success) throw new InvalidIdTokenError('LINE verify answer malformed');
    const claims = parsed.data;
    if (claims.aud !== opts.channelId) throw new InvalidIdTokenError('wrong audience');
    if (claims.exp * 1000 <= opts.now().getTime()) throw new InvalidIdTokenError('expired');
    return { userId: claims.sub, name: claims.name, exp: claims.exp };
  }
}
