import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import buddhistEra from 'dayjs/plugin/buddhistEra';
import 'dayjs/locale/th';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(buddhistEra);

export const TZ = 'Asia/Bangkok';
/** Bangkok has kept UTC+7 without daylight saving since 1920: a fixed offset avoids Intl on hot paths. */
const bkk = (at: string | Date) => dayjs(at).utcOffset(7 * 60);

/** "23 พ.ย. 2569" — Thai short date in the Buddhist Era, Bangkok time. */
export function formatThaiDate(iso: string | Date): string {
  return bkk(iso).locale('th').format('D MMM BBBB');
}

export function formatThaiDateTime(iso: string | Date): string {
  return bkk(iso).locale('th').format('D MMM BBBB HH:mm น.');
}

/**
 * The next report day (1 = Monday for schools → ESA, 5 = Friday for ESA → OBEC) on or after `now`, as YYYY-MM-DD in
 * Bangkok.
 */
export function nextReportDay(now: Date, weekday: 1 | 5): string {
  const d = bkk(now).startOf('day');
  const ahead = (weekday - d.day() + 7) % 7;
  return d.add(ahead, 'day').format('YYYY-MM-DD');
}

export function addDays(iso: string, days: number): string {
  return dayjs(iso).add(days, 'day').toISOString();
}

/** The Monday (Bangkok) that starts the week containing `iso`, as YYYY-MM-DD: the key of weekly change counters. */
export function weekStart(iso: string | Date): string {
  const d = bkk(iso).startOf('day');
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** Noon of a Bangkok calendar date, as an instant (safe from day shifts when formatted). */
export function bangkokDate(ymd: string): Date {
  return dayjs.tz(`${ymd} 12:00`, TZ).toDate();
}

export function bangkokYmd(at: Date): string {
  return bkk(at).format('YYYY-MM-DD');
}

/** The last instant of a Bangkok calendar date ("due by the end of the day"). */
export function endOfBangkokDay(ymd: string): Date {
  return new Date(bangkokDate(ymd).getTime() + 12 * 3_600_000 - 1);
}

/** A real calendar date written YYYY-MM-DD (2569-02-30 or 2026-02-30 is not). */
export function isCalendarDate(ymd: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return false;
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}
