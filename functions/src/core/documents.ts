/**
 * The documents the stories keep besides those of shared/ (Child, CaseEvent, User, Invite, Partner),
 * and every collection path in one place: a path is built here, never typed by hand in a story.
 */
import type {
  DuplicateReason,
  DuplicateState,
  FollowUpStage,
  ReferralKind,
  ReferralState,
  ScreeningGroup,
  Status,
  TransferState,
} from '@panong/shared';

export const paths = {
  child: (id: string) => `children/${id}`,
  events: (childId: string) => `children/${childId}/events`,
  event: (childId: string, eventId: string) => `children/${childId}/events/${eventId}`,
  views: (childId: string) => `children/${childId}/views`,
  view: (childId: string, viewId: string) => `children/${childId}/views/${viewId}`,
  user: (id: string) => `users/${id}`,
  invite: (code: string) => `invites/${code}`,
  referral: (id: string) => `referrals/${id}`,
  followUp: (id: string) => `followups/${id}`,
  school: (code: string) => `schools/${code}`,
  partner: (id: string) => `partners/${id}`,
  sighting: (id: string) => `sightings/${id}`,
  upload: (importId: string) => `imports/${importId}`,
  audit: (id: string) => `audit/${id}`,
  /** A counter document by its id (`national`, `area_X`, `school_X`). */
  stats: (id: string) => `stats/${id}`,
  schoolStats: (schoolCode: string) => `stats/school_${schoolCode}`,
  areaStats: (areaCode: string) => `stats/area_${areaCode}`,
  placeStats: (placeCode: string) => `stats/place_${placeCode}`,
  plan: (childId: string) => `plans/${childId}`,
  transfer: (id: string) => `transfers/${id}`,
  duplicate: (id: string) => `duplicates/${id}`,
  duplicateGroup: (hash: string) => `duplicateGroups/${hash}`,
  snapshot: (unit: string, week: string) => `snapshots/${unit}_${week}`,
};

/** `referrals/{id}` (id = the check-in that opened it): one hand-over of a child to a partner. */
export interface Referral {
  id: string;
  childId: string;
  childName: string;
  partnerId: string;
  partnerName: string;
  kind: ReferralKind;
  cause?: string;
  note?: string;
  state: ReferralState;
  areaCode: string;
  schoolCode: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** When it turns overdue if nothing happens (NEVER once declined or closed): counted with one range filter. */
  overdueAt: string;
  declineReason?: string;
  outcome?: string;
  lastNote?: string;
}

/** `schools/{code}`: the directory entry; coordinates only once the directory (or the demo) gave them. */
export interface School {
  code: string;
  name: string;
  area: string;
  province?: string;
  district?: string;
  subdistrict?: string;
  lat?: number;
  lng?: number;
  hasCoords: boolean;
}

/** `followups/{childId}_{returnVersion}_{stage}`: one scheduled check that a returned child still attends. */
export interface FollowUp {
  id: string;
  childId: string;
  areaCode: string;
  schoolCode: string;
  stage: FollowUpStage | 'extra';
  due: string;
  done: boolean;
  cancelled?: boolean;
  doneAt?: string;
  doneBy?: string;
  result?: { attending: boolean; daysAttended?: number; group: ScreeningGroup; support?: string; note?: string };
}

/**
 * `termCalendars/{areaCode}`: an area's own last days of term (YYYY-MM-DD), when they differ from the national ones.
 */
export interface TermCalendar {
  termEnds: string[];
}

/** `sightings/{id}`: a community report of a child out of school. */
export interface Sighting {
  id: string;
  ref: string;
  reporterId: string;
  createdAt: string;
  areaCode: string;
  nearestSchool?: string;
  location?: { lat: number; lng: number; accuracy?: number };
  place: string;
  approxAge?: number;
  sex: string;
  description: string;
  childName?: string;
  contactConsent: boolean;
  status: 'received' | 'following' | 'closed';
  linkedChildId?: string;
  closedReason?: string;
}

/**
 * `transfers/{id}` (id = the check-in that opened it): a child who moved to another area of Thailand,
 * handed over when that area accepts. The sender keeps the case (status moved) while it is pending.
 */
export interface Transfer {
  id: string;
  childId: string;
  childName: string;
  fromArea: string;
  fromAreaName: string;
  fromSchool: string;
  fromSchoolName: string;
  toArea: string;
  toSchool?: string;
  /** The status the case goes back to if the receiving area declines. */
  previousStatus: Status;
  state: TransferState;
  note?: string;
  reason?: string;
  createdAt: string;
  createdBy: string;
  answeredAt?: string;
  answeredBy?: string;
  acceptedSchool?: string;
}

/**
 * `duplicates/{a}__{b}` (the two child ids in order): a probable duplicate, kept in every state so that
 * a pair merged or marked distinct is never suggested again, also after a re-import.
 */
export interface DuplicatePair {
  id: string;
  a: string;
  b: string;
  reasons: DuplicateReason[];
  /** The areas of both cases: a coordinator of either sees the pair. */
  areaCodes: string[];
  state: DuplicateState;
  createdAt: string;
  kept?: string;
  decidedBy?: string;
  decidedAt?: string;
}
