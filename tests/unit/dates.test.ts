import { formatThaiDate, nextReportDay } from '@panong/shared';

describe('Buddhist-Era dates and report days', () => {
  it('formats in the Buddhist Era, Bangkok time', () => {
    expect(formatThaiDate('2026-11-23T03:00:00Z')).toBe('23 พ.ย. 2569');
    // 20:00 UTC is already the next day in Bangkok.
    expect(formatThaiDate('2026-12-31T20:00:00Z')).toBe('1 ม.ค. 2570');
  });

  it('finds the next Monday (school → ESA) and Friday (ESA → OBEC)', () => {
    const sunday = new Date('2026-11-22T05:00:00Z');
    expect(nextReportDay(sunday, 1)).toBe('2026-11-23');
    expect(nextReportDay(sunday, 5)).toBe('2026-11-27');
    expect(nextReportDay(new Date('2026-11-23T01:00:00Z'), 1)).toBe('2026-11-23'); // Monday itself
  });
});
