/**
 * The JSON shapes the LIFF pages read from the API: one source for both sides, so a field renamed on
 * the server fails the pages' type check instead of rendering "undefined".
 */
import type { Partner } from './partners';
import type { ReferralKind, ReferralState } from './referrals';
import type { SiblingView } from './family';
import type { CaseEvent, Child } from './schemas';
import type { Status, summarize } from './status';
import type { PlaceTally } from './places';

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
  /** Coordinators: open referrals past their date, follow-ups due and case-plan actions due. */
  work?: OpenWork;
  /** Coordinators: open cases (not yet tracked, found, not found) per field worker, the most loaded first. */
  workers?: WorkerLoad[];
}

/** One field worker's open cases in a unit. */
export interface WorkerLoad {
  name: string;
  role: string;
  open: number;
}

/** A case plan with an action due within a week (GET /api/plans/due, "งานของฉัน"). */
export interface DuePlanItem {
  childId: string;
  childName: string;
  nextDue?: string;
  overdue: boolean;
  /** The first open actions, earliest first. */
  actions: Array<{ what: string; due: string }>;
}

/** Work waiting in a unit on a day. */
export interface OpenWork {
  overdue: number;
  followUpsDue: number;
  /** Children whose case plan has an action not done by its due date. */
  planActionsDue: number;
}

/** A child in "งานของฉัน" and the assignment roster (GET /api/my-cases). */
export interface CaseListItem {
  id: string;
  name: string;
  maskedId: string;
  schoolName: string;
  status: string;
  statusLabel: string;
  /** The subdistrict the child lives in (ต.…), when known. */
  place?: string;
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

/** A case event as a page shows it: who as "คุณ" or a role, the new status labelled. */
export interface CaseEventView {
  id: string;
  type: CaseEvent['type'];
  at: string;
  from: Status;
  to: Status;
  toLabel: string;
  by: string;
  outcome: Record<string, unknown>;
  location: { lat: number; lng: number; accuracy?: number; source?: string } | null;
}

/** A child's page (GET /api/children/:id, and the check-in answer): the national ID only masked. */
export interface ChildView {
  id: string;
  name: string;
  maskedId: string;
  grade: string | null;
  schoolName: string;
  areaName: string;
  currentAddress: string | null;
  guardianName: string | null;
  /** A partner sees it only once it has accepted the referral. */
  guardianPhone: string | null;
  status: Status;
  statusLabel: string;
  allowedNext: Array<{ status: Status; label: string }>;
  referral: Child['referral'] | null;
  screening: string | null;
  flagged: boolean;
  reDropouts: number;
  lastCheckIn: Child['lastCheckIn'] | null;
  /** Children with the same guardian phone that the viewer may see. */
  siblings: SiblingView[];
  history: CaseEventView[];
}

/** A referral or search request in the referral list (GET /api/referrals), open ones first. */
export interface ReferralListItem {
  id: string;
  childId: string;
  childName: string;
  partnerId: string;
  partnerName: string;
  kind: ReferralKind;
  state: ReferralState;
  stateLabel: string;
  cause?: string;
  causeLabel?: string;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  note: string | null;
  lastNote: string | null;
  declineReason: string | null;
  outcome: string | null;
}

/** A partner agency in the directory or the check-in's choice (GET /api/partners). */
export type PartnerListItem = Partner & { kindLabel: string };

/** A community report waiting in the area's queue (GET /api/triage). */
export interface SightingQueueItem {
  id: string;
  ref: string;
  createdAt: string;
  place: string;
  approxAge: number | null;
  sex: string;
  description: string;
  childName: string | null;
  location: { lat: number; lng: number } | null;
  suggestions: Suggestion[];
}

/** What a list file (or part of one) did: per-row errors in Thai, nothing written for those rows. */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: Array<{ row: number; message: string }>;
  /** Probable duplicate pairs the rows opened (GET /api/duplicates). */
  duplicates?: number;
  /** Rows imported without a place (an address the gazetteer does not resolve). */
  warnings?: Array<{ row: number; message: string }>;
  /** Rows and resolved places by the form their place was read from. */
  places?: PlaceTally;
}

/** One uploaded chunk of a list (POST /api/admin/import): its report and how much of the upload landed. */
export type ChunkReport = ImportReport & { done: number; chunks: number };

/** A partner file's rows loaded (POST /api/partners). */
export type PartnerImportReport = Omit<ImportReport, 'unchanged' | 'duplicates'>;
