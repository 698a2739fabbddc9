import { z } from 'zod';

export interface IdentityClaims {
  userId: string;
  name?: string;
}
export type VerifyIdToken = (idToken: string) => Promise<IdentityClaims>;

export class InvalidIdTokenError extends Error {}

const VerifyResponse = z.object({ sub: z.string().min(1), aud: z.string(), exp: z.number(), name: z.string().optional() });

/**
 * Verifies a LIFF ID token with LINE's verify endpoint (on LINE_API_ORIGIN) for our LINE Login
 * channel, and checks audience and expiry again on our side.
 */
export function lineIdTokenVerifier(opts: { origin: string; channelId: string; now: () => Date }): VerifyIdToken {
  return async (idToken) => {
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
    return { userId: claims.sub, name: claims.name };
  };
}
