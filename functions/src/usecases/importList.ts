import { columnOf, nameSearchKeys, ObecRowSchema, type Child, type ObecRow } from '@panong/shared';
import { MAX_BATCH, type Store, type Write } from '../adapters/store';
import { UserFacingError } from '../errors';
import { addChildren, newChild, type ChildRecord } from './children';
import { CounterDeltas, statScopes } from './stats';

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number; message: string }>;
}

/** File fields that an import may overwrite; status, assignments and history are never touched. */
const RECORD_FIELDS = ['studentId', 'firstName', 'lastName', 'grade', 'schoolCode', 'schoolName', 'areaCode', 'areaName', 'currentAddress', 'registeredAddress', 'guardianName', 'guardianPhone'] as const;

function toRecord(r: ObecRow): ChildRecord {
  return {
    nationalId: r.national_id,
    studentId: r.student_id,
    firstName: r.first_name,
    lastName: r.last_name,
    grade: r.grade,
    schoolCode: r.school_code,
    schoolName: r.school_name,
    areaCode: r.area_code,
    areaName: r.area_name,
    currentAddress: r.current_address,
    registeredAddress: r.registered_address,
    guardianName: r.guardian_name,
    guardianPhone: r.guardian_phone,
  };
}

/**
 * Imports rows of an OBEC list (objects keyed by the file's own headers). Each row is validated on
 * its own and bad rows are reported, not fatal; national ID is the identity, so a re-import updates
 * the record fields of a known child and never duplicates it or erases its field history.
 */
export async function importRows(
  deps: { store: Store; clock: () => Date; newId: () => string },
  rawRows: Array<Record<string, unknown>>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportReport> {
  const report: ImportReport = { rows: rawRows.length, created: 0, updated: 0, unchanged: 0, errors: [] };
  const headers = Object.keys(rawRows[0] ?? {});
  const mapping = new Map(headers.map((h) => [h, columnOf(h)] as const));
  if (![...mapping.values()].includes('national_id')) throw new UserFacingError(400, 'ไม่พบคอลัมน์เลขประจำตัวประชาชน (national_id) ในแถวหัวตาราง');

  const valid = new Map<string, { row: number; record: ChildRecord }>();
  rawRows.forEach((raw, i) => {
    const row = i + 2; // row 1 is the header
    const canonical: Record<string, unknown> = {};
    for (const [h, v] of Object.entries(raw)) {
      const col = mapping.get(h);
      if (col) canonical[col] = v;
    }
    const parsed = ObecRowSchema.safeParse(canonical);
    if (!parsed.success) {
      report.errors.push({ row, message: [...new Set(parsed.error.issues.map((x) => x.message))].join('; ') });
      return;
    }
    const earlier = valid.get(parsed.data.national_id);
    if (earlier) report.errors.push({ row, message: `เลขประจำตัวประชาชนซ้ำกับแถว ${earlier.row}` });
    else valid.set(parsed.data.national_id, { row, record: toRecord(parsed.data) });
  });

  const existing = new Map((await deps.store.query<Child>('children')).map((c) => [c.data.nationalId, c.data]));
  const now = deps.clock().toISOString();
  const fresh: Child[] = [];
  const changes: Array<{ before: Child; patch: Partial<Child> }> = [];
  for (const { record } of valid.values()) {
    const before = existing.get(record.nationalId);
    if (!before) {
      fresh.push(newChild(deps.newId(), record, now));
      continue;
    }
    const patch: Partial<Child> = {};
    for (const f of RECORD_FIELDS) if ((record[f] ?? undefined) !== (before[f] ?? undefined) && record[f] !== undefined) (patch as Record<string, unknown>)[f] = record[f];
    if (Object.keys(patch).length === 0) report.unchanged++;
    else changes.push({ before, patch: { ...patch, searchKeys: nameSearchKeys(record.firstName, record.lastName), updatedAt: now } });
  }

  const total = fresh.length + changes.length;
  await addChildren(deps.store, fresh, (done) => onProgress(done, total));
  report.created = fresh.length;
  await applyUpdates(deps.store, changes, (done) => onProgress(fresh.length + done, total));
  report.updated = changes.length;
  return report;
}

/** Updates in batches; a child that moved school or area moves its counters too. */
async function applyUpdates(store: Store, changes: Array<{ before: Child; patch: Partial<Child> }>, onProgress: (done: number) => void): Promise<void> {
  const perBatch = 200; // ≤ 500 writes even when every child in the batch moves scope
  for (let start = 0; start < changes.length; start += perBatch) {
    const slice = changes.slice(start, start + perBatch);
    const counters = new CounterDeltas();
    const writes: Write[] = slice.map(({ before, patch }) => {
      const after = { ...before, ...patch };
      const [oldPaths, newPaths] = [before, after].map((c) => statScopes(c).map((s) => s.path));
      // Only the scopes it left and joined change: the national count stays.
      counters.add(before, ['total', before.status], -1, newPaths);
      counters.add(after, ['total', before.status], 1, oldPaths);
      return { kind: 'update', path: `children/${before.id}`, data: { ...patch } };
    });
    writes.push(...counters.writes());
    if (writes.length > MAX_BATCH) throw new Error('import batch too large');
    await store.batch(writes);
    onProgress(start + slice.length);
  }
}
