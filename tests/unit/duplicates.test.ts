import {
  comparable,
  duplicateGroups,
  duplicateReasons,
  groupReasons,
  idPair,
  probableDuplicatePairs,
} from '@panong/shared';
import { rowFacts, withPlantedDuplicates } from '../../functions/src/dev/duplicateRows';
import { nationalListRows } from '../../functions/src/dev/nationalList';

describe('duplicate rules', () => {
  // Realistic shapes: names drawn with a skew (many children share the common ones), unsorted, 1 in 40 planted.
  const { rows, planted } = withPlantedDuplicates(nationalListRows(3000, { seed: 9 }), 40);
  const cases = rows.map(rowFacts);

  it('the blocking keys find exactly the pairs a brute-force comparison of every two rows finds', () => {
    const brute = new Set<string>();
    const all = cases.map(comparable);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        if (duplicateReasons(all[i]!, all[j]!).length) brute.add(idPair(all[i]!.id, all[j]!.id));
    expect([...probableDuplicatePairs(cases)].sort()).toEqual([...brute].sort());
    // The store's way (name groups with signatures, as stories/duplicates/flag.ts pairs them) agrees too.
    const groups = new Map<string, Array<[string, string]>>();
    for (const c of cases)
      for (const { group, sig } of duplicateGroups(c))
        groups.set(group, [...(groups.get(group) ?? []), [c.nationalId, sig]]);
    const grouped = new Set<string>();
    for (const [group, members] of groups)
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++)
          if (groupReasons(group, members[i]![1], members[j]![1]).length)
            grouped.add(idPair(members[i]![0], members[j]![0]));
    expect([...grouped].sort()).toEqual([...brute].sort());
  });

  it('finds every planted pair of each kind, and pairs no namesakes on the name alone', () => {
    const found = probableDuplicatePairs(cases);
    expect(planted.length).toBeGreaterThan(60);
    for (const p of planted) expect(found.has(idPair(p.a, p.b))).toBe(true);
    for (const p of found) {
      const [a, b] = p.split(' ').map((id) => comparable(cases.find((c) => c.nationalId === id)!));
      expect(duplicateReasons(a!, b!).length).toBeGreaterThan(0);
    }
    // Pairing on the name alone would flag many times more pairs: namesakes are common.
    const byName = new Map<string, number>();
    for (const c of cases.map(comparable)) byName.set(c.name, (byName.get(c.name) ?? 0) + 1);
    const namesakePairs = [...byName.values()].reduce((n, k) => n + (k * (k - 1)) / 2, 0);
    expect(found.size).toBeLessThan(namesakePairs / 2);
  });

  it('reads names and phones as teachers type them', () => {
    const base = { nationalId: '1', firstName: 'ด.ช. สมชาย', lastName: 'ใจดี', schoolCode: '10010001' };
    const a = comparable({ ...base, guardianPhone: '081-234-5678', grade: 'ป.3' });
    const b = comparable({ ...base, nationalId: '2', firstName: 'สมชาย', guardianPhone: '+66812345678' });
    expect(duplicateReasons(a, b)).toEqual(['name_phone']);
    expect(duplicateReasons(a, comparable({ ...base, nationalId: '3', grade: 'ป. 3' }))).toEqual(['name_school_grade']);
    expect(
      duplicateReasons(a, comparable({ ...base, nationalId: '4', grade: 'ป.4', guardianPhone: '0899999999' })),
    ).toEqual([]);
  });
});
