/**
 * Programme numbers a supervisor asks for, from counters only: days from a child's listing to the first visit,
 * kept as a histogram (`ttv_<upper bound in days>` per unit), so a median and a 90th percentile per area never
 * need a scan of the children.
 */
export const VISIT_DAY_BUCKETS = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 365] as const;
const OVER = 'ttv_over';

/** The counter field of a first visit `days` after the listing. */
export function firstVisitField(days: number): string {
  const b = VISIT_DAY_BUCKETS.find((upper) => days <= upper);
  return b === undefined ? OVER : `ttv_${b}`;
}

/** Whole days between the listing and the visit (a visit on the listing day is 0). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000));
}

/**
 * The p-quantile of the days to first visit, as the upper bound of its bucket ("within N days"); null before any
 * visit. Over a year is reported as 366.
 */
export function visitQuantile(c: Record<string, unknown>, p: number): number | null {
  const counts = [...VISIT_DAY_BUCKETS.map((b) => Number(c[`ttv_${b}`] ?? 0)), Number(c[OVER] ?? 0)];
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.ceil(p * n);
  let seen = 0;
  for (const [i, k] of counts.entries()) {
    seen += k;
    if (seen >= rank) return VISIT_DAY_BUCKETS[i] ?? 366;
  }
  return 366;
}

/** Children visited at least once since their listing (the histogram's total). */
export function visitedCount(c: Record<string, unknown>): number {
  return [...VISIT_DAY_BUCKETS.map((b) => `ttv_${b}`), OVER].reduce((n, f) => n + Number(c[f] ?? 0), 0);
}

/** The counter of children with a case plan in `status` (found ones without: the dashboard's "no plan yet"). */
export const plannedField = (status: string) => `planned_${status}`;

/** Statuses a field worker still has to act on: not yet tracked, found but not returned, not found. */
const WORKER_OPEN = new Set(['not_tracked', 'found', 'not_found']);

/** The counter of one field worker's open cases, kept in every unit document its children count in. */
export const workerField = (userId: string) => `w_${userId}`;

/** The worker counters a child adds to its units' documents in `status` (one per assignee while open). */
export const workerFields = (c: { status: string; assigneeIds?: readonly string[] }, status = c.status): string[] =>
  WORKER_OPEN.has(status) ? (c.assigneeIds ?? []).map(workerField) : [];

/** Open cases per field worker from a counter document (or a sum of them), the most loaded first. */
export function openPerWorker(c: Record<string, unknown>): Array<{ userId: string; open: number }> {
  return Object.entries(c)
    .flatMap(([k, v]) => (k.startsWith('w_') && Number(v) > 0 ? [{ userId: k.slice(2), open: Number(v) }] : []))
    .sort((a, b) => b.open - a.open || a.userId.localeCompare(b.userId));
}

/** A share in whole percent; null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number | null {
  return whole ? Math.round((100 * part) / whole) : null;
}

/**
 * The programme counters one child adds to its units' documents (first visit, planned in its status, open per
 * assignee): what a personal list counts from the children themselves, the same as the counters hold.
 */
export function programmeFields(c: {
  status: string;
  listedAt?: string;
  firstVisitAt?: string | null;
  hasPlan?: boolean;
  assigneeIds?: readonly string[];
}): string[] {
  return [
    ...(c.listedAt && c.firstVisitAt ? [firstVisitField(daysBetween(c.listedAt, c.firstVisitAt))] : []),
    ...(c.hasPlan ? [plannedField(c.status)] : []),
    ...workerFields(c),
  ];
}
