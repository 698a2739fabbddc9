/**
 * The JSON shapes the LIFF pages read from the API: one source for both sides, so a field renamed on
 * the server fails the pages' type check instead of rendering "undefined".
 */
import type { summarize } from './status';

/** Headline numbers of a unit (GET /api/dashboard, /public/stats). */
export type Summary = ReturnType<typeof summarize>;

export interface CountsRow {
  code: string;
  name: string;
  summary: Summary;
  /** Areas only: schools its lists name that have no coordinates (load the directory: `npm run schools`). */
  schoolsWithoutCoords?: number;
}

/** A dashboard or the public page: the scope's numbers and one row per unit one level down. */
export interface CountsView {
  scope: string;
  /** Rounds of the list this scope has children of (the round filter's choices), as written: 2564/2. */
  rounds?: string[];
  summary: Summary;
  schoolsWithoutCoords?: number;
  rows: CountsRow[];
  /** Coordinators: open referrals past their date and follow-ups due. */
  work?: { overdue: number; followUpsDue: number };
}

/** A child in "งานของฉัน" and the assignment roster (GET /api/my-cases). */
export interface CaseListItem {
  id: string;
  name: string;
  maskedId: string;
  schoolName: string;
  status: string;
  statusLabel: string;
  assigneeIds?: string[];
  distanceKm?: number;
  /** Where to look: the last check-in, else the school (for the map). */
  lat?: number;
  lng?: number;
}

/** A school's children and field workers, for bulk assignment (GET /api/schools/:code/roster). */
export interface Roster {
  children: Array<CaseListItem & { assigneeIds: string[] }>;
  workers: Array<{ id: string; name: string; role: string }>;
}

/** A follow-up of a returned child (GET /api/followups). */
export interface FollowUpListItem {
  id: string;
  childId: string;
  childName: string;
  stage: string;
  stageLabel: string;
  due: string;
  isDue: boolean;
  done: boolean;
}

/** A child that a community report may be about (GET /api/triage), best match first. */
export interface Suggestion {
  childId: string;
  name: string;
  maskedId: string;
  schoolName: string;
  statusLabel: string;
  score: number;
  distanceKm?: number;
}

/** One week of a unit's trend (GET /api/dashboard/trend, /public/trend), labelled with its Monday in Buddhist Era. */
export interface TrendWeek {
  week: string;
  label: string;
  found: number;
  returned: number;
  notTracked: number;
}
