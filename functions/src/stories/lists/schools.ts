import {
  cellOf,
  CELL_MIN_KM,
  distanceKm,
  readListRows,
  ringCells,
  schoolColumnOf,
  SchoolRowSchema,
  type SchoolRow,
} from '@panong/shared';
import type { Store, Write } from '../../ports/store';
import { BatchPacker } from '../../core/batchPacker';
import { paths, type School } from '../../core/documents';

/**
 * `schoolCells/{cell}`: the schools with coordinates in one grid cell, `s_<code>: [lat, lng, area]` (null once moved
 * out).
 */
type Cell = Record<string, [number, number, string] | null>;

const cellPath = (lat: number, lng: number) => `schoolCells/${cellOf(lat, lng)}`;
/** Field counted on area documents: schools the area's lists name that have no coordinates yet. */
export const NO_COORDS = 'schoolsNoCoords';
const LOOKUP_CHUNK = 500;

export interface SchoolImportReport {
  rows: number;
  created: number;
  updated: number;
  errors: Array<{ row: number; message: string }>;
}

/**
 * Loads or updates OBEC's school directory: per-row errors (codes, coordinates outside Thailand or
 * swapped), re-runs update and never duplicate, each school's grid cell kept with it in one batch.
 */
export async function importSchools(
  store: Store,
  rawRows: ReadonlyArray<Record<string, unknown>>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<SchoolImportReport> {
  const { rows, errors } = readListRows(
    rawRows,
    schoolColumnOf,
    SchoolRowSchema,
    (r: SchoolRow) => r.school_code,
    (row) => `รหัสโรงเรียนซ้ำกับแถว ${row}`,
  );
  const report: SchoolImportReport = { rows: rawRows.length, created: 0, updated: 0, errors };
  const packer = new BatchPacker(store);
  for (let start = 0; start < rows.length; start += LOOKUP_CHUNK) {
    const chunk = rows.slice(start, start + LOOKUP_CHUNK);
    const existing = await store.getMany<School>(chunk.map((r) => paths.school(r.school_code)));
    for (const [i, r] of chunk.entries()) {
      const before = existing[i];
      const hasCoords = r.latitude !== undefined || !!before?.hasCoords; // a row without coordinates keeps earlier ones
      const school: School = {
        code: r.school_code,
        name: r.school_name,
        area: r.area_code,
        ...(r.province ? { province: r.province } : {}),
        ...(r.district ? { district: r.district } : {}),
        ...(r.subdistrict ? { subdistrict: r.subdistrict } : {}),
        ...(r.latitude !== undefined ? { lat: r.latitude, lng: r.longitude! } : {}),
        hasCoords,
      };
      const writes: Write[] = [{ kind: 'set', path: paths.school(school.code), data: { ...school }, merge: true }];
      if (school.lat !== undefined) {
        if (before?.lat !== undefined && cellPath(before.lat, before.lng!) !== cellPath(school.lat, school.lng!)) {
          writes.push({
            kind: 'set',
            path: cellPath(before.lat, before.lng!),
            data: { [`s_${school.code}`]: null },
            merge: true,
          });
        }
        writes.push({
          kind: 'set',
          path: cellPath(school.lat, school.lng!),
          data: { [`s_${school.code}`]: [school.lat, school.lng!, school.area] },
          merge: true,
        });
      }
      await packer.add(writes, (c) => {
        const lackedBefore = before ? !before.hasCoords : false;
        if (lackedBefore && hasCoords) c.addToArea(before!.area, NO_COORDS, -1);
        if (!before && !hasCoords) c.addToArea(school.area, NO_COORDS, 1);
      });
      if (before) report.updated++;
      else report.created++;
    }
    onProgress(Math.min(rows.length, start + LOOKUP_CHUNK), rows.length);
  }
  await packer.flush();
  return report;
}

export interface Nearest {
  school?: { code: string; area: string; lat: number; lng: number; km: number };
  /** Grid documents read: bounded by the radius, never by the number of schools. */
  reads: number;
}

/**
 * The nearest school with coordinates within `maxKm`, read ring by ring from the grid: after ring r
 * nothing unread is nearer than r cells, so the search stops as soon as the best found is that close.
 */
export async function nearestSchool(store: Store, at: { lat: number; lng: number }, maxKm = 30): Promise<Nearest> {
  let best: Nearest['school'];
  let reads = 0;
  const maxRing = Math.ceil(maxKm / CELL_MIN_KM);
  for (let r = 0; r <= maxRing; r++) {
    const cells = ringCells(at.lat, at.lng, r);
    const docs = await store.getMany<Cell>(cells.map((c) => `schoolCells/${c}`));
    reads += cells.length;
    for (const doc of docs) {
      for (const [k, v] of Object.entries(doc ?? {})) {
        if (!k.startsWith('s_') || !Array.isArray(v)) continue;
        const km = distanceKm(at, { lat: v[0], lng: v[1] });
        if (km <= maxKm && (!best || km < best.km)) best = { code: k.slice(2), area: v[2], lat: v[0], lng: v[1], km };
      }
    }
    if (best && best.km <= r * CELL_MIN_KM) break;
  }
  return { school: best, reads };
}
