import { placeOfRow, type Gazetteer } from '@panong/shared';
import type { RealAddresses } from '../dev/realAddresses';

/**
 * How many of a national list's addresses resolve to a subdistrict, by the form they were typed in, and whether
 * each resolves to the place the generator wrote (the brute-force answer); the time of reading them all.
 */
export function placesBench(g: Gazetteer, list: RealAddresses): Record<string, number | string> {
  const t0 = performance.now();
  const by = new Map<string, { rows: number; resolved: number; right: number }>();
  for (const r of list.rows) {
    const got = placeOfRow(g, {
      columns: { subdistrict: r.subdistrict, district: r.district, province: r.province },
      currentAddress: r.current_address,
      registeredAddress: r.registered_address,
    });
    const form = list.written.get(r.national_id!)!;
    const t = by.get(form) ?? { rows: 0, resolved: 0, right: 0 };
    t.rows++;
    if (got.place) t.resolved++;
    if (got.place?.code === list.expected.get(r.national_id!)) t.right++;
    by.set(form, t);
  }
  const ms = performance.now() - t0;
  const all = [...by.values()].reduce(
    (a, t) => ({ rows: a.rows + t.rows, resolved: a.resolved + t.resolved, right: a.right + t.right }),
    {
      rows: 0,
      resolved: 0,
      right: 0,
    },
  );
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  return {
    rows: all.rows,
    resolved: pct(all.resolved, all.rows),
    asGeneratorWrote: `${all.right}/${all.rows}`,
    readMs: Math.round(ms),
    ...Object.fromEntries([...by].map(([f, t]) => [f, `${pct(t.resolved, t.rows)} of ${t.rows}`])),
  };
}
