import { plannedField, segmentPrefixes, workerFields, type Child, type StatusCounts } from '@panong/shared';
import { increment, type Write } from '../ports/store';
import { paths } from './documents';

type Counted = Pick<Child, 'areaCode' | 'areaName' | 'schoolCode' | 'schoolName' | 'placeCode' | 'place'>;

/**
 * The counter documents a child counts in, with what the dashboard needs to list them
 * (written with every counter change, so a dashboard never scans children). There is no national
 * document: every status change in the country would write it (Firestore sustains ~1 write/s per
 * document); national figures are the sum of the 245 area documents.
 */
export function statScopes(child: Counted): Array<{ path: string; meta: Record<string, string> }> {
  return [
    { path: paths.areaStats(child.areaCode), meta: { level: 'area', areaCode: child.areaCode, name: child.areaName } },
    {
      path: paths.schoolStats(child.schoolCode),
      meta: { level: 'school', areaCode: child.areaCode, schoolCode: child.schoolCode, name: child.schoolName },
    },
    // The subdistrict it lives in, whatever school lists it (local administrations' numbers and map).
    ...(child.placeCode && child.place ? [placeScope(child.placeCode, child.place)] : []),
  ];
}

export function placeScope(code: string, place: NonNullable<Child['place']>) {
  return {
    path: paths.placeStats(code),
    meta: {
      level: 'place',
      placeCode: code,
      name: place.subdistrict,
      district: place.district,
      province: place.province,
    },
  };
}

/** The one way a counter delta accumulates: `field` of `into` moves by `n`. */
function addDelta(into: Record<string, number>, field: string, n: number): void {
  into[field] = (into[field] ?? 0) + n;
}

/** Counter deltas summed by field (the same field may move twice in one change). */
export function sumDeltas(...parts: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) addDelta(out, k, v);
  return out;
}

/** Sums counter changes per stats document so that a batch writes each document once, with its listing metadata. */
export class CounterDeltas {
  private readonly docs = new Map<string, { meta: Record<string, string>; by: Record<string, number> }>();

  /** Adds `n` to `fields` in every scope of `child`, except the paths in `except`. */
  add(child: Counted, fields: readonly string[], n: number, except: readonly string[] = []): void {
    for (const { path, meta } of statScopes(child)) {
      if (!except.includes(path)) for (const f of fields) this.bump(path, meta, f, n);
    }
  }

  /** The one place a delta accumulates: per document, per field. */
  private bump(path: string, meta: Record<string, string>, field: string, n: number): void {
    let doc = this.docs.get(path);
    if (!doc) this.docs.set(path, (doc = { meta, by: {} }));
    addDelta(doc.by, field, n);
  }

  get size(): number {
    return this.docs.size;
  }

  /** Adds `n` to `field` of one area's document only (e.g. schools without coordinates). */
  addToArea(areaCode: string, field: string, n: number): void {
    this.bump(paths.areaStats(areaCode), { level: 'area', areaCode }, field, n);
  }

  /** How many documents of `other` this one does not write yet. */
  newDocs(other: CounterDeltas): number {
    let n = 0;
    for (const path of other.docs.keys()) if (!this.docs.has(path)) n++;
    return n;
  }

  merge(other: CounterDeltas): void {
    for (const [path, { meta, by }] of other.docs) for (const [f, n] of Object.entries(by)) this.bump(path, meta, f, n);
  }

  /** One write per document with a change (a child leaving and re-joining the same counter nets out). */
  writes(): Write[] {
    return [...this.docs].flatMap(([path, { meta, by }]): Write[] => {
      const moved = Object.entries(by).filter(([, n]) => n !== 0);
      return moved.length
        ? [
            {
              kind: 'set',
              path,
              data: { ...meta, ...Object.fromEntries(moved.map(([f, n]) => [f, increment(n)])) },
              merge: true,
            },
          ]
        : [];
    });
  }
}

export type StatsDoc = Partial<StatusCounts> & {
  level?: string;
  name?: string;
  areaCode?: string;
  schoolCode?: string;
  schoolsNoCoords?: number;
};

/** The counter fields a child counts in: total and status, also within its list group and rounds. */
export const countedFields = (
  c: Pick<Child, 'status' | 'group' | 'rounds' | 'hasPlan' | 'assigneeIds'>,
  status = c.status,
): string[] => [
  ...['', ...segmentPrefixes(c)].flatMap((p) => [`${p}total`, `${p}${status}`]),
  // With a case plan it also counts as planned in its status (the dashboard's "found without a plan").
  ...(c.hasPlan ? [plannedField(status)] : []),
  // Open, it counts for each of its field workers (open cases per field worker).
  ...workerFields(c, status),
];
