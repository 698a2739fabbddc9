import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../deps';
import { UserFacingError } from '../errors';
import { IMPORT_CHUNK_ROWS as CHUNK_ROWS, type Role } from '@panong/shared';
import { importChunk, uploadProgress } from '../stories/lists/importUpload';

const ImportId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'รหัสการนำเข้าไม่ถูกต้อง');
const Cell = z.union([z.string().max(2000), z.number(), z.null()]);
const ChunkSchema = z.object({
  importId: ImportId,
  chunk: z.number().int().min(0).max(100_000),
  chunks: z.number().int().min(1).max(100_000),
  firstRow: z.number().int().min(2),
  rows: z
    .array(z.record(z.string().max(100), Cell))
    .min(1)
    .max(CHUNK_ROWS, `ส่งได้ไม่เกิน ${CHUNK_ROWS} แถวต่อครั้ง`),
});

/**
 * Refused before the body is read: a caller without the role never makes the function buffer an upload (the
 * admin's list, a local administration officer's survey).
 */
const only =
  (role: Role, refusal: string): RequestHandler =>
  (req, _res, next) => {
    if (req.user?.role !== role) throw new UserFacingError(403, refusal);
    next();
  };
const adminOnly = only('admin', 'เฉพาะผู้ดูแลระบบเท่านั้นที่นำเข้ารายชื่อได้');
const officersOnly = only('local_admin', 'เฉพาะเจ้าหน้าที่ อปท. เท่านั้นที่ส่งผลสำรวจเด็กเสี่ยงหลุดได้');

/**
 * The admin's list upload and a local administration's at-risk survey, chunk by chunk (mounted before the API's
 * small JSON body limit).
 */
export function adminImportRouter(deps: Deps): Router {
  const r = Router();
  for (const [base, only, kind] of [
    ['/admin/import', adminOnly, 'list'],
    ['/local/survey', officersOnly, 'survey'],
  ] as const) {
    r.post(`${base}/chunks`, only, express.json({ limit: '1mb' }), async (req, res) => {
      const input = ChunkSchema.parse(req.body);
      if (input.chunk >= input.chunks) throw new UserFacingError(400, 'ลำดับชุดข้อมูลเกินจำนวนชุดทั้งหมด');
      const report = await importChunk(deps, req.user!, input, kind);
      if (report.done === input.chunks)
        deps.logger.info(`${kind} imported`, { by: req.user!.id, importId: input.importId, chunks: input.chunks });
      res.json(report);
    });
    r.get(`${base}/:importId`, only, async (req, res) => {
      res.json(await uploadProgress(deps, ImportId.parse(req.params.importId), kind));
    });
  }
  return r;
}
