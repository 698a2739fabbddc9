import { formatThaiDate, summarize, weekStart, bangkokDate, type TrendWeek, type User } from '@panong/shared';
import type { Store, Write } from '../../ports/store';
import type { StatsDoc } from '../../core/counters';
import { nationalCounts } from './dashboard';
import { unitOf } from '../../core/units';
import { paths } from '../../core/documents';

/** `snapshots/{unit}_{week}`: one unit's headline numbers at the end of a week (unit: national, area_X, school_X). */
export interface Snapshot extends ReturnType<typeof summarize> {
  unit: string;
  week: string;
  takenAt: string;
}

const WEEKS_SHOWN = 26;

/**
 * Stores this week's numbers for the country, every area and every school: one small document per
 * unit and week (15,000 schools ≈ 30 batches), so trends never re-read history. Re-running the same
 * week overwrites the same documents (a scheduler retry changes nothing).
 */
export async function takeSnapshots(store: Store, ymd: string, now: string): Promise<{ week: string; units: number }> {
  const week = weekStart(bangkokDate(ymd));
  const { counts, areas } = await nationalCounts(store);
  const schools = await store.query<StatsDoc>('stats', { where: [['level', '==', 'school']] });
  const units: Array<[string, StatsDoc]> = [
    ['national', counts],
    ...areas.map((a) => [`area_${a.data.areaCode ?? a.id}`, a.data] as [string, StatsDoc]),
    ...schools.map((s) => [`school_${s.data.schoolCode ?? s.id}`, s.data] as [string, StatsDoc]),
  ];
  const writes: Write[] = units.map(([unit, doc]) => ({
    kind: 'set',
    path: paths.snapshot(unit, week),
    data: { unit, week, takenAt: now, ...summarize(doc) } satisfies Snapshot,
  }));
  for (let i = 0; i < writes.length; i += 500) await store.batch(writes.slice(i, i + 500));
  return { week, units: units.length };
}

/** The last 26 weeks of a unit, oldest first, labelled with the Buddhist-Era date of each week's Monday. */
export async function trend(store: Store, unit: string): Promise<Array<Snapshot & TrendWeek>> {
  const docs = await store.query<Snapshot>('snapshots', {
    where: [['unit', '==', unit]],
    orderBy: { field: 'week', dir: 'desc' },
    limit: WEEKS_SHOWN,
  });
  return docs.map((d) => ({ ...d.data, label: formatThaiDate(bangkokDate(d.data.week)) })).reverse();
}

export const trendFor = (store: Store, user: User) => {
  const unit = unitOf(user);
  return unit ? trend(store, unit) : Promise.resolve([]);
};

/** "Since last week" for the Friday report: the change in each headline number against the previous snapshot. */
export async function changeSinceLastWeek(
  store: Store,
  unit: string,
  current: ReturnType<typeof summarize>,
  ymd: string,
): Promise<string | undefined> {
  const lastWeek = weekStart(new Date(bangkokDate(ymd).getTime() - 7 * 86_400_000));
  const before = await store.get<Snapshot>(paths.snapshot(unit, lastWeek));
  if (!before) return undefined;
  const d = (k: 'found' | 'returned' | 'notTracked' | 'notFound') => current[k] - before[k];
  const signed = (n: number) => `${n > 0 ? '+' : ''}${n.toLocaleString('th-TH')}`;
  return (
    `เทียบกับสัปดาห์ก่อน (${formatThaiDate(bangkokDate(lastWeek))}): พบตัว ${signed(d('found'))} · กลับเข้าเรียน ` +
    `${signed(d('returned'))} · ไม่พบตัว ${signed(d('notFound'))} · ยังไม่ได้ติดตาม ${signed(d('notTracked'))}`
  );
}
