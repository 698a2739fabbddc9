import type { ChunkReport, User } from '@panong/shared';
import type { Deps } from '../../deps';
import { importRows } from './importList';
import { paths } from '../../core/documents';

export interface ChunkInput {
  importId: string;
  chunk: number;
  chunks: number;
  firstRow: number;
  rows: Array<Record<string, unknown>>;
}

type ChunkDone = { created: number; updated: number; unchanged: number; errors: number };
type UploadDoc = { by: string; chunks: number; startedAt: string; audited?: boolean } & Record<
  string,
  ChunkDone | unknown
>;

/** An OBEC list (admins) or a local administration's at-risk survey (its officers): uploads kept apart. */
export type UploadKind = 'list' | 'survey';
const uploadPath = (importId: string, kind: UploadKind) =>
  paths.upload(kind === 'list' ? importId : `${kind}-${importId}`);

const chunkField = (n: number) => `c${String(n).padStart(5, '0')}`;
/** The chunk fields of an upload document (`c00042`: chunk 42 landed). */
const landed = (doc: object | undefined) => Object.keys(doc ?? {}).filter((k) => /^c\d{5}$/.test(k));

/**
 * One chunk of an OBEC list that the admin's browser parsed (any size of file, chunk by chunk).
 * Importing a chunk twice changes nothing (national ID is the identity), so a dropped connection is
 * resumed by sending what the upload document does not list as done. The whole upload is audited
 * once, when its last chunk lands.
 */
export async function importChunk(
  deps: Pick<Deps, 'store' | 'clock' | 'newId'>,
  user: User,
  input: ChunkInput,
  kind: UploadKind = 'list',
): Promise<ChunkReport> {
  const report = await importRows(deps, input.rows, () => undefined, input.firstRow, { survey: kind === 'survey' });
  const path = uploadPath(input.importId, kind);
  const at = deps.clock().toISOString();
  const done = await deps.store.transaction(async (tx) => {
    const doc = (await tx.get<UploadDoc>(path)) ?? { by: user.id, chunks: input.chunks, startedAt: at };
    const mine: ChunkDone = {
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      errors: report.errors.length,
    };
    const all = { ...doc, [chunkField(input.chunk)]: (doc[chunkField(input.chunk)] as ChunkDone | undefined) ?? mine };
    const finished = landed(all);
    const complete = finished.length >= input.chunks && !doc.audited;
    tx.set(
      path,
      {
        by: doc.by,
        chunks: input.chunks,
        startedAt: doc.startedAt,
        updatedAt: at,
        [chunkField(input.chunk)]: all[chunkField(input.chunk)],
        ...(complete ? { audited: true } : {}),
      },
      { merge: true },
    );
    if (complete) {
      const sum = (k: keyof ChunkDone) => finished.reduce((n, f) => n + ((all[f] as ChunkDone)[k] ?? 0), 0);
      tx.create(paths.audit(deps.newId()), {
        action: `${kind}.import`,
        by: user.id,
        at,
        importId: input.importId,
        chunks: input.chunks,
        created: sum('created'),
        updated: sum('updated'),
        unchanged: sum('unchanged'),
        errors: sum('errors'),
      });
    }
    return finished.length;
  });
  return { ...report, done, chunks: input.chunks };
}

/** Which chunks of an upload have landed: the page sends only the others. */
export async function uploadProgress(
  deps: Pick<Deps, 'store'>,
  importId: string,
  kind: UploadKind = 'list',
): Promise<{ done: number[] }> {
  const doc = await deps.store.get<UploadDoc>(uploadPath(importId, kind));
  return { done: landed(doc).map((k) => Number(k.slice(1))) };
}
