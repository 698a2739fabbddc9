import { JSONParseError, SignatureValidationFailed } from '@line/bot-sdk';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { InvalidIdTokenError } from '../adapters/idToken';
import type { Logger } from '../adapters/logger';
import { StoreBusyError } from '../ports/store';
import { UserFacingError } from '../errors';

/** The one place that maps failures to HTTP answers; bodies are Thai and never echo internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = logged(logger, err, req.path);
    if (status === 503) res.set('retry-after', '1');
    res
      .status(status)
      .json({ error: messageOf(err, status), ...(err instanceof ZodError ? { issues: issuesOf(err) } : {}) });
  };
}

/**
 * The webhook's refusals are read by LINE, not by a person: a status and a short code
 * (LINE redelivers on 5xx when redelivery is on; anything else is final).
 */
export function webhookErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = logged(logger, err, req.path);
    res.status(status).json({ error: webhookCodeOf(status) });
  };
}

function webhookCodeOf(status: number): string {
  if (status === 401) return 'invalid_signature';
  if (status === 413) return 'payload_too_large';
  if (status >= 500) return 'temporarily_unavailable';
  return 'invalid_request';
}

function logged(logger: Logger, err: unknown, path: string): number {
  const status = statusOf(err);
  if (status >= 500) logger.error('request failed', { path, error: err instanceof Error ? err.message : String(err) });
  else logger.warn('request refused', { path, status });
  return status;
}

function statusOf(err: unknown): number {
  if (err instanceof SignatureValidationFailed) return 401;
  if (err instanceof InvalidIdTokenError) return 401;
  if (err instanceof JSONParseError || err instanceof ZodError) return 400;
  if (err instanceof UserFacingError) return err.status;
  if (err instanceof StoreBusyError) return 503;
  const s = (err as { status?: number; type?: string }).status;
  if (typeof s === 'number' && s >= 400 && s < 500) return s; // body-parser: 400 bad JSON, 413 too large
  return 500;
}

function messageOf(err: unknown, status: number): string {
  if (err instanceof UserFacingError) return err.message;
  if (err instanceof ZodError) return err.issues[0]?.message ?? 'ข้อมูลไม่ถูกต้อง';
  if (status === 401) return 'ยืนยันตัวตนไม่สำเร็จ กรุณาเปิดหน้านี้จาก LINE อีกครั้ง';
  if (status === 413) return 'ข้อมูลมีขนาดใหญ่เกินกำหนด';
  if (status === 400) return 'รูปแบบข้อมูลไม่ถูกต้อง';
  if (status === 404) return 'ไม่พบหน้าที่ต้องการ';
  if (status === 503) return 'มีผู้บันทึกข้อมูลรายนี้พร้อมกันหลายคน กรุณาลองใหม่อีกครั้ง';
  return 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้ง';
}

function issuesOf(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
