/**
 * The national list as it arrives: 110,755 rows (fewer on the Firestore emulator, to keep CI short)
 * from 3,000 schools in 245 areas, shuffled, with Thai names that collide and share prefixes.
 * Import, resume after a crash, re-import, and name search at every scope against brute force.
 */
import { nameTokens, type Child, type StatusCounts, type User } from '@panong/shared';
import { importRows } from '../../functions/src/stories/lists/importList';
import { searchChildren } from '../../functions/src/stories/fieldWork/search';
import { nationalCounts } from '../../functions/src/stories/reports/dashboard';
import { nationalAreas, nationalListRows, nationalSchools, type ListRow } from '../../functions/src/dev/nationalList';
import { FaultyStore, onFirestore, openTestStore } from '../helpers/stores';

// The emulator scans instead of using indexes (~1.5 s per array-contains query over 12,000 children),
// so the Firestore run checks the same code path on a smaller list and fewer queries.
const ROWS = onFirestore ? 4_000 : 110_755;
const SAMPLED_NAMES = onFirestore ? 1 : 12;
const areas = nationalAreas();
const schools = nationalSchools(3000, areas);
const rows = nationalListRows(ROWS, { schools, areas });
let ids = 0;
const depsOf = (store: FaultyStore) => ({
  store,
  clock: () => new Date('2026-11-23T02:00:00Z'),
  newId: () => `n${String(++ids).padStart(7, '0')}`,
});

let store: FaultyStore;
beforeAll(async () => {
  store = new FaultyStore(await openTestStore());
});
afterAll(() => store.close());

jest.setTimeout(300_000);

describe('a national-shape list', () => {
  it(
    'imports in any order; a crash mid-way is resumed by ' + 'running it again, nothing doubled, counters exact',
    async () => {
      let commits = 0;
      store.failCommitIf = () => (++commits === (onFirestore ? 8 : 40) ? new Error('killed') : undefined);
      await expect(importRows(depsOf(store), rows)).rejects.toThrow('killed');
      store.failCommitIf = undefined;
      const partial = (await nationalCounts(store)).counts.total ?? 0;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(ROWS);

      const resumed = await importRows(depsOf(store), rows);
      expect(resumed.errors).toEqual([]);
      expect(resumed.created + partial).toBe(ROWS);
      expect(resumed.unchanged).toBe(partial);
      expect(await store.count('children')).toBe(ROWS);

      const { counts, areas: areaDocs } = await nationalCounts(store);
      expect(counts.total).toBe(ROWS);
      expect(counts.not_tracked).toBe(ROWS);
      expect(areaDocs).toHaveLength(new Set(rows.map((r) => r.area_code)).size);
      const perArea = new Map<string, number>();
      for (const r of rows) perArea.set(r.area_code!, (perArea.get(r.area_code!) ?? 0) + 1);
      for (const a of areaDocs) expect([a.id, a.data.total]).toEqual([a.id, perArea.get(a.data.areaCode!)]);
      const aSchool = rows[0]!.school_code;
      expect((await store.get<StatusCounts>(`stats/school_${aSchool}`))!.total).toBe(
        rows.filter((r) => r.school_code === aSchool).length,
      );
      // Every school the list names is in the directory now.
      expect(await store.count('schools')).toBe(new Set(rows.map((r) => r.school_code)).size);
    },
  );

  it('re-imports the same list as unchanged, and a changed row as one update', async () => {
    const changed = rows.map((r, i) => (i === 7 ? { ...r, guardian_phone: '0899999999' } : r));
    const before = store.commits.length;
    const again = await importRows(depsOf(store), changed);
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: ROWS - 1, errors: [] });
    expect(store.commits.length - before).toBe(1);
    expect(await store.count('children')).toBe(ROWS);
  });

  describe('name search is complete at every scope (brute force as the reference)', () => {
    /** Reference: the typed name (honorifics and spaces aside) starts the first name, the surname or both joined. */
    function bruteForce(typed: string, inScope: (r: ListRow) => boolean): { all: ListRow[]; exact: Set<string> } {
      const t = nameTokens(typed).join('');
      const all: ListRow[] = [];
      const exact = new Set<string>();
      for (const r of rows) {
        if (!inScope(r)) continue;
        const words = [r.first_name!, r.last_name!, r.first_name! + r.last_name!];
        if (words.some((w) => w.startsWith(t))) all.push(r);
        if (words.includes(t)) exact.add(r.national_id!);
      }
      return { all, exact };
    }

    const sample = rows.filter((_, i) => i % 97 === 0).slice(0, SAMPLED_NAMES);
    const queries = sample.flatMap((r) => [
      r.first_name!,
      r.last_name!,
      `${r.first_name} ${r.last_name}`,
      r.first_name!.slice(0, 2),
      r.last_name!.slice(0, 3),
      `ด.ช.${r.first_name} ${r.last_name!.slice(0, 2)}`,
    ]);
    const someone = sample[0]!;
    const scopes: Array<[string, User, (r: ListRow) => boolean]> = [
      ['admin (national)', { id: 'Uadmin', role: 'admin', areaCode: someone.area_code!, registeredAt: '' }, () => true],
      [
        'area coordinator',
        { id: 'Uarea', role: 'area_coordinator', areaCode: someone.area_code!, registeredAt: '' },
        (r) => r.area_code === someone.area_code,
      ],
      [
        'teacher (school)',
        {
          id: 'Uteacher',
          role: 'teacher',
          areaCode: someone.area_code!,
          schoolCode: someone.school_code!,
          registeredAt: '',
        },
        (r) => r.school_code === someone.school_code,
      ],
    ];

    it.each(scopes)('%s', async (_name, user, inScope) => {
      for (const typed of queries) {
        const result = await searchChildren(store, user, typed);
        if (result.kind !== 'results') throw new Error(`${typed}: ${result.kind}`);
        const ref = bruteForce(typed, inScope);
        expect([typed, result.total]).toEqual([typed, ref.all.length]);
        expect([typed, result.children.length]).toEqual([typed, Math.min(12, ref.all.length)]);
        const allowed = new Set(ref.all.map((r) => r.national_id));
        for (const c of result.children) expect([typed, allowed.has(c.nationalId)]).toEqual([typed, true]);
        // Exact names first.
        const shownExact = result.children.map((c: Child) => ref.exact.has(c.nationalId));
        expect([typed, shownExact]).toEqual([typed, shownExact.map((_, i) => i < Math.min(12, ref.exact.size))]);
      }
    });
  });
});
