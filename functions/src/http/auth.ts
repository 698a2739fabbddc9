import type { RequestHandler } from 'express';
import type { User } from '@panong/shared';
import { InvalidIdTokenError } from '../adapters/idToken';
import type { Deps } from '../deps';
import { UserFacingError } from '../errors';
import { paths } from '../core/documents';

declare module 'express-serve-static-core' {
  interface Request {
    lineUserId?: string;
    user?: User;
  }
}

/** Identity comes only from a LIFF ID token verified with LINE; a userId in the body is never used. */
export function authenticate(deps: Deps, opts: { requireRegistered: boolean }): RequestHandler {
  return async (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/.exec(header)?.[1];
    if (!token) throw new InvalidIdTokenError('missing bearer token');
    const { userId } = await deps.verifyIdToken(token);
    req.lineUserId = userId;
    req.user = await deps.store.get<User>(paths.user(userId));
    if (opts.requireRegistered && !req.user) {
      throw new UserFacingError(403, 'คุณยังไม่ได้ลงทะเบียน กรุณาพิมพ์ "ลงทะเบียน <รหัส>" ในแชท LINE ก่อน');
    }
    next();
  };
}
