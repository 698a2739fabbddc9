import { canSee, scopeFilter, summarize, type Child, type StatusCounts, type User } from '@panong/shared';
import { increment, type Store, type Write } from '../adapters/store';

type Place = Pick<Child, 'areaCode' | 'areaName' | 'schoolCode' | 'schoolName'>;

/**
 * The counter documents a child counts in, with what the dashboard needs to list them
 * (written with every counter change, so a dashboard never scans children).
 */
export function statScopes(child: Place): Array<{ path: string; meta: Record<string, string> }> {
  return [
    { path: 'stats/national', meta: { level: 'national', name: 'ทั้งประเทศ' } },
    { path: `stats/area_${child.areaCode}`, meta: { level: 'area', areaCode: child.areaCode, name: child.areaName } },
    { path: `stats/school_${child.schoolCode}`, meta: { level: 'school', areaCode: child.areaCode, schoolCode: child.schoolCode, name: child.schoolName } },
  ];
}

/** Sums counter changes per stats document so that a batch writes each document once, with its listing metadata. */
export class CounterDeltas {
  private readonly docs = new Map<string, { meta: Record<string, string>; by: Map<string, number> }>();

  /** Adds `n` to `fields` in every scope of `child`, except the paths in `except`. */
  add(child: Place, fields: readonly string[], n: number, except: readonly string[] = []): void {
    for (const { path, meta } of statScopes(child)) {
      if (except.includes(path)) continue;
      const doc = this.docs.get(path) ?? { meta, by: new Map<string, number>() };
      for (const f of fields) doc.by.set(f, (doc.by.get(f) ?? 0) + n);
      this.docs.set(path, doc);
    }
  }

  get size(): number {
    return this.docs.size;
  }

  writes(): Write[] {
    return [...this.docs].map(([path, { meta, by }]) => ({
      kind: 'set',
      path,
      data: { ...meta, ...Object.fromEntries([...by].map(([f, n]) => [f, increment(n)])) },
      merge: true,
    }));
  }
}

type StatsDoc = Partial<StatusCounts> & { name?: string; areaCode?: string; schoolCode?: string };

export interface DashboardRow {
  code: string;
  name: string;
  summary: ReturnType<typeof summarize>;
}

export interface Dashboard {
  scope: string;
  summary: ReturnType<typeof summarize>;
  rows: DashboardRow[];
  /** Store documents read to build this view (the benchmark reports it). */
  reads: number;
}

const row = (code: string, d: StatsDoc): DashboardRow => ({ code, name: d.name ?? code, summary: summarize(d) });

/** Counts for the viewer's scope, one level down: admin → areas, area → schools, school → itself, volunteer → assigned. */
export async function dashboardFor(store: Store, user: User): Promise<Dashboard> {
  const scope = scopeFilter(user);
  if (scope.kind === 'all' || scope.kind === 'area') {
    const top = await store.get<StatsDoc>(scope.kind === 'all' ? 'stats/national' : `stats/area_${scope.areaCode}`);
    const where = scope.kind === 'all' ? ([['level', '==', 'area']] as const) : ([['level', '==', 'school'], ['areaCode', '==', scope.areaCode]] as const);
    const parts = await store.query<StatsDoc>('stats', { where });
    return {
      scope: top?.name ?? (scope.kind === 'all' ? 'ทั้งประเทศ' : scope.areaCode),
      summary: summarize(top ?? {}),
      rows: parts.map((p) => row(p.data.schoolCode ?? p.data.areaCode ?? p.id, p.data)),
      reads: 1 + parts.length,
    };
  }
  if (scope.kind === 'school') {
    const doc = await store.get<StatsDoc>(`stats/school_${scope.schoolCode}`);
    return { scope: doc?.name ?? scope.schoolCode, summary: summarize(doc ?? {}), rows: [], reads: 1 };
  }
  // An assignment list is small: counted from the children themselves.
  const mine = (await store.query<Child>('children', { where: [['assigneeIds', 'array-contains', scope.userId]] })).map((c) => c.data).filter((c) => canSee(user, c));
  const counts: Partial<StatusCounts> = { total: mine.length };
  for (const c of mine) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return { scope: 'งานของฉัน', summary: summarize(counts), rows: [], reads: Math.max(1, mine.length) };
}

/** The public page: national and per-area headline numbers, no personal data. */
export async function publicStats(store: Store): Promise<Omit<Dashboard, 'reads'>> {
  const national = await store.get<StatsDoc>('stats/national');
  const areas = await store.query<StatsDoc>('stats', { where: [['level', '==', 'area']] });
  return { scope: 'ทั้งประเทศ', summary: summarize(national ?? {}), rows: areas.map((a) => row(a.data.areaCode ?? a.id, a.data)) };
}

export interface MapPoint { lat: number; lng: number; status: string }
type MapDoc = Record<string, [number, number, string, string]>;

/** Check-in pins for the viewer's scope, from one map document per area (no names, no IDs). */
export async function checkInMap(store: Store, user: User): Promise<{ points: MapPoint[]; reads: number }> {
  const scope = scopeFilter(user);
  const toPoints = (doc: MapDoc | undefined, school?: string) =>
    Object.values(doc ?? {})
      .filter((v) => Array.isArray(v) && (!school || v[3] === school))
      .map(([lat, lng, status]) => ({ lat, lng, status }));
  if (scope.kind === 'all') {
    const docs = await store.query<MapDoc>('maps');
    return { points: docs.flatMap((d) => toPoints(d.data)), reads: Math.max(1, docs.length) };
  }
  if (scope.kind === 'area' || scope.kind === 'school') {
    return { points: toPoints(await store.get<MapDoc>(`maps/area_${user.areaCode}`), scope.kind === 'school' ? scope.schoolCode : undefined), reads: 1 };
  }
  const mine = (await store.query<Child>('children', { where: [['assigneeIds', 'array-contains', scope.userId]] })).map((c) => c.data);
  return { points: mine.flatMap((c) => (c.lastCheckIn ? [{ lat: c.lastCheckIn.lat, lng: c.lastCheckIn.lng, status: c.status }] : [])), reads: Math.max(1, mine.length) };
}
