import {
  canSee,
  personalList,
  type MapPoint,
  roundKey,
  roundsIn,
  scopeFilter,
  sumCounts,
  summarize,
  summarizeSegment,
  placesLabel,
  programmeFields,
  type Place,
  type ListGroup,
  type Child,
  type StatusCounts,
  type User,
  type CountsRow,
  type CountsView,
} from '@panong/shared';
import type { Store } from '../../ports/store';
import type { StatsDoc } from '../../core/counters';
import { paths } from '../../core/documents';

export type DashboardRow = CountsRow;

/** A counts view (what the pages read) with what the server keeps to itself. */
export interface Dashboard extends Omit<CountsView, 'work'> {
  /**
   * The counter documents behind the view (the scope's, then one per row), for reports; never sent to a page (pins).
   */
  raw: StatsDoc[];
  /** Store documents read to build this view (the benchmark reports it). */
  reads: number;
}

const roundLabels = (d: StatsDoc) => roundsIn(d as Record<string, unknown>).map((r) => r.replace('_', '/'));

/** A dashboard filter: one list group or one round of the list (counter prefix `g_…_` / `r_…_`). */
export type Segment = { group: ListGroup } | { round: string } | undefined;
export const segmentPrefix = (s: Segment) =>
  !s ? undefined : 'group' in s ? `g_${s.group}_` : `r_${roundKey(s.round)}_`;

/** The headline numbers of a counter document, or of one segment within it. */
const summaryOf = (d: StatsDoc, segment?: Segment) => {
  const prefix = segmentPrefix(segment);
  return prefix ? summarizeSegment(d as Record<string, unknown>, prefix) : summarize(d);
};

const row = (code: string, d: StatsDoc, group?: Segment): DashboardRow => ({
  code,
  name: d.name ?? code,
  summary: summaryOf(d, group),
  ...(d.level === 'area' ? { schoolsWithoutCoords: d.schoolsNoCoords ?? 0 } : {}),
});

/** The national figures: the sum of the area documents (one read per area, never per child). */
export async function nationalCounts(
  store: Store,
): Promise<{ counts: StatsDoc & Record<string, number>; areas: Array<{ id: string; data: StatsDoc }> }> {
  const areas = await store.query<StatsDoc>('stats', { where: [['level', '==', 'area']] });
  return { counts: sumCounts(areas.map((a) => a.data)), areas };
}

/**
 * Counts for the viewer's scope, one level down: admin → areas, area → schools, school → itself, volunteer → assigned.
 */
export async function dashboardFor(store: Store, user: User, group?: Segment): Promise<Dashboard> {
  const scope = scopeFilter(user);
  if (scope.kind === 'all') {
    const { counts, areas } = await nationalCounts(store);
    return {
      scope: 'ทั้งประเทศ',
      rounds: roundLabels(counts),
      raw: [counts, ...areas.map((a) => a.data)],
      summary: summaryOf(counts, group),
      schoolsWithoutCoords: counts.schoolsNoCoords ?? 0,
      rows: areas.map((p) => row(p.data.areaCode ?? p.id, p.data, group)),
      reads: Math.max(1, areas.length),
    };
  }
  if (scope.kind === 'area') {
    const top = await store.get<StatsDoc>(paths.areaStats(scope.areaCode));
    const parts = await store.query<StatsDoc>('stats', {
      where: [
        ['level', '==', 'school'],
        ['areaCode', '==', scope.areaCode],
      ],
    });
    return {
      scope: top?.name ?? scope.areaCode,
      rounds: roundLabels(top ?? {}),
      raw: [top ?? {}, ...parts.map((p) => p.data)],
      summary: summaryOf(top ?? {}, group),
      schoolsWithoutCoords: top?.schoolsNoCoords ?? 0,
      rows: parts.map((p) => row(p.data.schoolCode ?? p.id, p.data, group)),
      reads: 1 + Math.max(1, parts.length),
    };
  }
  if (scope.kind === 'places') {
    // A local administration's subdistricts: one counter document each (≤ 30), whatever schools list the children.
    const parts = await placeDocs(store, scope.placeCodes);
    const counts = sumCounts(parts);
    return {
      scope: placesLabel(user.places ?? []),
      rounds: roundLabels(counts),
      raw: [counts, ...parts],
      summary: summaryOf(counts, group),
      rows: parts.map((d, i) => row(scope.placeCodes[i]!, { ...d, name: placeRowName(user.places?.[i]) }, group)),
      reads: Math.max(1, parts.length),
    };
  }
  if (scope.kind === 'school') {
    const doc = await store.get<StatsDoc>(paths.schoolStats(scope.schoolCode));
    return {
      scope: doc?.name ?? scope.schoolCode,
      raw: [doc ?? {}],
      summary: summaryOf(doc ?? {}, group),
      rows: [],
      reads: 1,
    };
  }
  // An assignment (or partner's) list is small: counted from the children themselves.
  const mine = (await store.query<Child>('children', { where: [personalList(scope)!] }))
    .map((c) => c.data)
    .filter((c) => canSee(user, c));
  const counts: Partial<StatusCounts> & Record<string, number> = { total: 0 };
  const inSegment = (x: Child) =>
    !group || ('group' in group ? x.group === group.group : (x.rounds ?? []).includes(group.round));
  for (const c of mine.filter(inSegment))
    for (const f of ['total', c.status, ...programmeFields(c)]) counts[f] = (counts[f] ?? 0) + 1;
  return { scope: 'งานของฉัน', raw: [], summary: summarize(counts), rows: [], reads: Math.max(1, mine.length) };
}

async function placeDocs(store: Store, codes: readonly string[]): Promise<PinnedDoc[]> {
  return (await store.getMany<PinnedDoc>(codes.map((c) => paths.placeStats(c)))).map((d) => d ?? {});
}
const placeRowName = (p: Place | undefined) => (p ? `ต.${p.subdistrict} อ.${p.district}` : '');

/** The public page: national and per-area headline numbers, no personal data. */
export async function publicStats(store: Store, group?: Segment): Promise<Omit<Dashboard, 'reads' | 'raw'>> {
  const { counts, areas } = await nationalCounts(store);
  return {
    scope: 'ทั้งประเทศ',
    rounds: roundLabels(counts),
    summary: summaryOf(counts, group),
    rows: areas.map((a) => row(a.data.areaCode ?? a.id, a.data, group)),
  };
}

type PinnedDoc = StatsDoc & { pinLat?: number; pinLng?: number; pins?: number } & Record<string, unknown>;

const pinsOf = (doc: PinnedDoc | undefined): MapPoint[] =>
  Object.entries(doc ?? {}).flatMap(([k, v]) =>
    k.startsWith('p_') && Array.isArray(v)
      ? [{ lat: v[0] as number, lng: v[1] as number, status: String(v[2]), childId: k.slice(2) }]
      : [],
  );

/**
 * Check-in pins for the viewer's scope (no names or national IDs; the child's record id to open it): a school's pins
 * from its counter
 * document, an area's from its schools' documents, and for the whole country one aggregate point
 * per area (a phone never receives 110,755 points).
 */
export async function checkInMap(store: Store, user: User): Promise<{ points: MapPoint[]; reads: number }> {
  const scope = scopeFilter(user);
  if (scope.kind === 'all') {
    const { areas } = await nationalCounts(store);
    const points = areas.flatMap(({ data }) => {
      const d = data as PinnedDoc;
      return d.pins
        ? [
            {
              lat: d.pinLat! / d.pins,
              lng: d.pinLng! / d.pins,
              status: 'area',
              count: d.pins,
              name: d.name ?? d.areaCode ?? '',
            },
          ]
        : [];
    });
    return { points, reads: Math.max(1, areas.length) };
  }
  if (scope.kind === 'area') {
    const schools = await store.query<PinnedDoc>('stats', {
      where: [
        ['level', '==', 'school'],
        ['areaCode', '==', scope.areaCode],
      ],
    });
    return { points: schools.flatMap((s) => pinsOf(s.data)), reads: Math.max(1, schools.length) };
  }
  if (scope.kind === 'school')
    return { points: pinsOf(await store.get<PinnedDoc>(paths.schoolStats(scope.schoolCode))), reads: 1 };
  if (scope.kind === 'places') {
    const docs = await placeDocs(store, scope.placeCodes);
    return { points: docs.flatMap(pinsOf), reads: Math.max(1, docs.length) };
  }
  const mine = (await store.query<Child>('children', { where: [personalList(scope)!] })).map((c) => c.data);
  return {
    points: mine.flatMap((c) =>
      c.lastCheckIn ? [{ lat: c.lastCheckIn.lat, lng: c.lastCheckIn.lng, status: c.status, childId: c.id }] : [],
    ),
    reads: Math.max(1, mine.length),
  };
}
