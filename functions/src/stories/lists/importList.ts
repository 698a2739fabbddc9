import type { z } from 'zod';
import {
  columnOf,
  maskNationalId,
  nameSearchKeys,
  phoneKey,
  ObecRowSchema,
  SurveyRowSchema,
  placeOfRow,
  parseListRow,
  readListRows,
  tallyPlace,
  type Gazetteer,
  REOPENED_BY_NEW_ROUND,
  type CaseEvent,
  type Child,
  type ObecRow,
  type ImportReport,
} from '@panong/shared';
import type { Store, Write } from '../../ports/store';
import { UserFacingError } from '../../errors';
import {
  newChild,
  nationalIdPath,
  RECORD_FIELDS,
  recordFingerprint,
  type ChildRecord,
  type NationalIdEntry,
} from '../../core/children';
import { BatchPacker } from '../../core/batchPacker';
import { countedFields } from '../../core/counters';
import { NO_COORDS } from './schools';
import { paths, type FollowUp, type School } from '../../core/documents';
import { flagDuplicates } from '../duplicates/flag';
import { gazetteer } from '../../core/gazetteer';

/** National IDs looked up per round trip (getMany), then written in batches of ≤ 500 writes. */
const LOOKUP_CHUNK = 1000;

function toRecord(r: ObecRow, place: Pick<ChildRecord, 'placeCode' | 'place'>): ChildRecord {
  return {
    ...place,
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
    group: r.group,
    round: r.round,
    ...(r.cause ? { riskCause: r.cause } : {}),
    ...(r.previous_id && r.previous_id !== r.national_id ? { previousIds: [r.previous_id] } : {}),
  };
}

/**
 * Pass 1 over the whole file: which rows are valid and the first of their identifier (errors in file order), and
 * the order they are written in: grouped by area and school, so a batch touches few counter documents whatever
 * order the file has. It keeps three codes per row, not the parsed rows (a national list stays small).
 */
function planRows(
  rawRows: ReadonlyArray<Record<string, unknown>>,
  schema: z.ZodType<ObecRow>,
  firstRow: number,
): { order: number[]; errors: ImportReport['errors'] } {
  if (rawRows.length > 0 && !Object.keys(rawRows[0]!).some((h) => columnOf(h) === 'national_id')) {
    throw new UserFacingError(400, 'ไม่พบคอลัมน์เลขประจำตัวประชาชน (national_id) ในแถวหัวตาราง');
  }
  const { rows, errors, rowNumbers } = readListRows(
    rawRows,
    columnOf,
    schema,
    (r) => r.national_id,
    (row) => `เลขประจำตัวประชาชนซ้ำกับแถว ${row}`,
    firstRow,
    (r) => [r.area_code, r.school_code, r.national_id] as const,
  );
  const order = rows
    .map((_, k) => k)
    .sort((x, y) => {
      const [a, b] = [rows[x]!, rows[y]!];
      return cmp(a[0], b[0]) || cmp(a[1], b[1]) || cmp(a[2], b[2]);
    })
    .map((k) => rowNumbers[k]! - firstRow);
  return { order, errors };
}

/** Pass 2, a chunk at a time: the planned rows parsed again into records, each with its place (unknown: a warning). */
function recordsOf(
  rawRows: ReadonlyArray<Record<string, unknown>>,
  indices: readonly number[],
  ctx: {
    places: Gazetteer;
    schema: z.ZodType<ObecRow>;
    firstRow: number;
    warnings: NonNullable<ImportReport['warnings']>;
    tally: NonNullable<ImportReport['places']>;
  },
): ChildRecord[] {
  return indices.map((i) => {
    const parsed = parseListRow(rawRows[i]!, columnOf, ctx.schema);
    if (!parsed.success) throw new Error(`row ${ctx.firstRow + i} passed validation once and not twice`);
    const r = parsed.data;
    const found = placeOfRow(ctx.places, {
      columns: { subdistrict: r.subdistrict, district: r.district, province: r.province },
      currentAddress: r.current_address,
      registeredAddress: r.registered_address,
    });
    tallyPlace(ctx.tally, found);
    if (found.warning) ctx.warnings.push({ row: ctx.firstRow + i, message: found.warning });
    return toRecord(r, found.place ? { placeCode: found.place.code, place: found.place } : {});
  });
}

/**
 * Imports rows of an OBEC list (objects keyed by the file's own headers), in any order and spread.
 * National ID is the identity, looked up in `nationalIds/{id}` (never by reading the whole
 * collection). Rows are written grouped by area and school, each child with its index entry and
 * its counter changes in the same atomic batch, so an interrupted import is resumed by running it
 * again: what was written is recognised as unchanged, nothing is doubled, counters stay exact.
 * `firstRow` numbers the rows in errors when a file arrives in chunks (the LIFF upload). New and changed
 * cases are flagged as probable duplicates (duplicates/flag.ts) unless `flagDuplicates` is false.
 */
export async function importRows(
  deps: { store: Store; clock: () => Date; newId: () => string },
  rawRows: ReadonlyArray<Record<string, unknown>>,
  onProgress: (done: number, total: number) => void = () => undefined,
  firstRow = 2,
  opts: { flagDuplicates?: boolean; survey?: boolean } = {},
): Promise<ImportReport> {
  // A local administration's at-risk survey: its own group, and every row says why.
  const rows = opts.survey ? rawRows.map((r) => ({ ...r, group: 'local_survey' })) : rawRows;
  const schema = opts.survey ? SurveyRowSchema : ObecRowSchema;
  const { order, errors } = planRows(rows, schema, firstRow);
  const warnings: NonNullable<ImportReport['warnings']> = [];
  const places: NonNullable<ImportReport['places']> = {};
  const ctx = { places: await gazetteer(), schema, firstRow, warnings, tally: places };
  const report: ImportReport = { rows: rawRows.length, created: 0, updated: 0, unchanged: 0, errors, warnings, places };
  const now = deps.clock().toISOString();
  const packer = new BatchPacker(deps.store);
  const schoolsSeen = new Set<string>();
  let done = 0;
  const touched: Child[] = [];
  for (let start = 0; start < order.length; start += LOOKUP_CHUNK) {
    // What earlier chunks wrote (index entries a previous_id joins, duplicate groups) is read below.
    await packer.drain();
    const chunk = recordsOf(rows, order.slice(start, start + LOOKUP_CHUNK), ctx);
    const entries = await joinPreviousIds(
      deps.store,
      chunk,
      await deps.store.getMany<NationalIdEntry>(chunk.map((r) => nationalIdPath(r.nationalId))),
    );
    const fingerprints = chunk.map(recordFingerprint);
    const changedIds = chunk.flatMap((_, i) =>
      entries[i] && entries[i]!.fingerprint !== fingerprints[i] ? [entries[i]!.childId] : [],
    );
    const before = new Map(
      (await deps.store.getMany<Child>(changedIds.map((id) => paths.child(id)))).flatMap((c) =>
        c ? [[c.id, c] as const] : [],
      ),
    );
    const unseen = [...new Set(chunk.map((r) => r.schoolCode).filter((code) => !schoolsSeen.has(code)))];
    const known = await deps.store.getMany<School>(unseen.map((code) => paths.school(code)));
    const newSchools = new Set(unseen.filter((_, i) => !known[i]));
    for (const code of unseen) schoolsSeen.add(code);
    for (const [i, record] of chunk.entries()) {
      const entry = entries[i];
      const fingerprint = fingerprints[i]!;
      // A school the directory does not know yet gets an entry (no coordinates: the area counts it as such).
      const school = newSchools.delete(record.schoolCode) ? [record] : [];
      if (!entry) {
        const child = newChild(deps.newId(), record, now);
        await packer.add(
          [
            { kind: 'create', path: paths.child(child.id), data: { ...child } },
            {
              kind: 'create',
              path: nationalIdPath(child.nationalId),
              data: { childId: child.id, fingerprint } satisfies NationalIdEntry,
            },
            ...school.map(schoolWrite),
          ],
          (c) => {
            c.add(child, countedFields(child), 1);
            if (school.length) c.addToArea(record.areaCode, NO_COORDS, 1);
          },
        );
        touched.push(child);
        report.created++;
      } else if (entry.fingerprint === fingerprint) {
        report.unchanged++;
      } else if (opts.survey && before.get(entry.childId)?.group !== 'local_survey') {
        // A survey never rewrites a child the Ministry's list already has: that list's data and group stay.
        report.unchanged++;
      } else {
        const old = before.get(entry.childId);
        if (!old) throw new Error(`index entry without its child: ${entry.childId}`);
        const patch: Partial<Child> = {};
        for (const f of RECORD_FIELDS)
          if (record[f] !== undefined && record[f] !== old[f]) (patch as Record<string, unknown>)[f] = record[f];
        if (record.group && record.group !== old.group) patch.group = record.group;
        if (patch.placeCode) patch.place = record.place;
        // A new identifier of the case (a national ID after its G-code); a row under an old one just updates it.
        const known = [old.nationalId, ...(old.previousIds ?? [])].includes(record.nationalId);
        const identified = known ? undefined : identify(old, record.nationalId, now, deps.newId());
        if (identified) Object.assign(patch, identified.fields);
        const relisted =
          record.round && !(old.rounds ?? []).includes(record.round)
            ? relist(old, record.round, now, deps.newId())
            : undefined;
        if (record.round && relisted) patch.rounds = [...(old.rounds ?? []), record.round];
        const after = { ...old, ...patch, ...(relisted ? { status: relisted.status } : {}) };
        const followUps =
          relisted?.reopened && old.status === 'returned' ? await pendingFollowUps(deps.store, old.id) : [];
        await packer.add(
          [
            {
              kind: 'update',
              path: paths.child(old.id),
              data: {
                ...patch,
                ...(relisted?.fields ?? {}),
                searchKeys: nameSearchKeys(after.firstName, after.lastName),
                ...(patch.guardianPhone !== undefined
                  ? { guardianPhoneKey: phoneKey(after.guardianPhone) ?? null }
                  : {}),
                updatedAt: now,
              },
            },
            identified
              ? { kind: 'create', path: nationalIdPath(record.nationalId), data: { childId: old.id, fingerprint } }
              : { kind: 'update', path: nationalIdPath(record.nationalId), data: { fingerprint } },
            ...(identified ? [identified.event] : []),
            ...(relisted ? [relisted.event] : []),
            ...followUps.map(
              (f): Write => ({
                kind: 'update',
                path: paths.followUp(f.id),
                data: { done: true, cancelled: true, doneAt: now },
              }),
            ),
            ...school.map(schoolWrite),
          ],
          (c) => {
            if (school.length) c.addToArea(record.areaCode, NO_COORDS, 1);
            // Only the scopes (and groups, statuses) it left and joined change.
            c.add(old, countedFields(old), -1);
            c.add(after, countedFields(after), 1);
            if (followUps.length) c.add(old, ['fu_open'], -followUps.length);
            if (relisted?.reopened && old.status === 'returned' && old.lastFollowUp?.attending)
              c.add(old, ['attending_last'], -1);
          },
        );
        touched.push(after);
        report.updated++;
      }
      onProgress(++done, order.length);
    }
    // New and changed cases join the duplicate index; a pair already decided stays decided.
    if (opts.flagDuplicates === false) continue;
    const flagged = await flagDuplicates(deps.store, touched.splice(0), now);
    for (const w of flagged.writes) await packer.add([w], () => undefined);
    report.duplicates = (report.duplicates ?? 0) + flagged.pairs;
  }
  await packer.flush();
  warnings.sort((a, b) => a.row - b.row);
  return report;
}

/**
 * A row with a national ID that the index does not know yet, but whose `previous_id` (a G-code) it
 * does, belongs to that case: its entry stands in (fingerprint unknown, so the row is applied).
 */
async function joinPreviousIds(
  store: Store,
  chunk: readonly ChildRecord[],
  entries: Array<NationalIdEntry | undefined>,
): Promise<Array<NationalIdEntry | undefined>> {
  const asked = chunk.flatMap((r, i) => (!entries[i] && r.previousIds?.[0] ? [i] : []));
  if (asked.length === 0) return entries;
  const previous = await store.getMany<NationalIdEntry>(asked.map((i) => nationalIdPath(chunk[i]!.previousIds![0]!)));
  const joined = [...entries];
  asked.forEach((i, k) => {
    if (previous[k]) joined[i] = { childId: previous[k]!.childId, fingerprint: '' };
  });
  return joined;
}

/**
 * A child listed under a G-code who now has a national ID: one case, found by either (the old index
 * entry stays), with an event saying so (identifiers masked, like everywhere).
 */
function identify(
  old: Child,
  nationalId: string,
  at: string,
  eventId: string,
): { fields: Partial<Child>; event: Write } {
  const outcome = { previousId: maskNationalId(old.nationalId), nationalId: maskNationalId(nationalId) };
  return {
    fields: { nationalId, previousIds: [...new Set([...(old.previousIds ?? []), old.nationalId])] },
    event: importEvent(old, { id: eventId, type: 'identified', at, to: old.status, outcome }),
  };
}

/** An event the list import writes on a case (by the import, as an admin would). */
function importEvent(old: Child, e: Pick<CaseEvent, 'id' | 'type' | 'at' | 'to' | 'outcome'>): Write {
  const event: CaseEvent = { ...e, by: 'import', byRole: 'admin', from: old.status };
  return { kind: 'create', path: paths.event(old.id, e.id), data: { ...event } };
}

/**
 * A known child on a new round of the list keeps its one case and history; the round is added, and
 * a case closed as returned, moved abroad or already enrolled is re-opened as not yet tracked (the
 * earlier outcome stays in the event and the history).
 */
function relist(
  old: Child,
  round: string,
  at: string,
  eventId: string,
): { status: Child['status']; reopened: boolean; fields: Partial<Child>; event: Write } {
  const reopened = REOPENED_BY_NEW_ROUND.includes(old.status);
  const status = reopened ? 'not_tracked' : old.status;
  const outcome = { round, ...(reopened ? { previousOutcome: old.outcome ?? {} } : {}) };
  return {
    status,
    reopened,
    fields: reopened ? { status, version: old.version + 1 } : {},
    event: importEvent(old, { id: eventId, type: 'relisted', at, to: status, outcome }),
  };
}

async function pendingFollowUps(store: Store, childId: string): Promise<FollowUp[]> {
  return (await store.query<FollowUp>('followups', { where: [['childId', '==', childId]] }))
    .map((f) => f.data)
    .filter((f) => !f.done);
}

/**
 * Every school a list names gets a directory entry; one the directory already has is left as it is (coordinates
 * included).
 */
function schoolWrite(r: ChildRecord) {
  return {
    kind: 'create' as const,
    path: paths.school(r.schoolCode),
    data: { code: r.schoolCode, name: r.schoolName, area: r.areaCode, hasCoords: false } satisfies School,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
