import { firstVisitField, summarize, VISIT_DAY_BUCKETS, visitQuantile } from '@panong/shared';
import { prng } from '../../functions/src/dev/prng';

/** The bucket bound a day count falls in, read directly: what the histogram must give back. */
const bound = (d: number) => VISIT_DAY_BUCKETS.find((b) => d <= b) ?? 366;

describe('days to first visit from counters', () => {
  it('median and 90th percentile from the histogram equal the sorted days of the children, bucketed', () => {
    const rnd = prng(5);
    for (let round = 0; round < 50; round++) {
      const days = Array.from({ length: 1 + Math.floor(rnd() * 400) }, () => Math.floor(rnd() ** 2 * 500));
      const counters: Record<string, number> = {};
      for (const d of days) counters[firstVisitField(d)] = (counters[firstVisitField(d)] ?? 0) + 1;
      const sorted = [...days].sort((a, b) => a - b);
      const at = (p: number) => bound(sorted[Math.ceil(p * sorted.length) - 1]!);
      expect(visitQuantile(counters, 0.5)).toBe(at(0.5));
      expect(visitQuantile(counters, 0.9)).toBe(at(0.9));
      expect(summarize({ ...counters, total: days.length }).visited).toBe(days.length);
    }
    expect(visitQuantile({}, 0.5)).toBeNull();
  });
});
