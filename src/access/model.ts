/*
 * Role assignments: their states, the requests that change them, and the one
 * state machine that says which change is allowed from which state. Pure:
 * services load the facts, this decides.
 *
 * The life of an assignment, as the guide shows it:
 *   requested ──approve──▶ scheduled (start date ahead) or active
 *   requested ──reject───▶ rejected
 *   scheduled ──start────▶ active            (the scheduled job, "Automatique")
 *   active ──deactivate──▶ deactivated ──reactivate──▶ active   ("Désactiver temporairement")
 *   active, scheduled, deactivated ──stop──▶ stopped             ("Arrêter": shown as "Suspendu(e)")
 *   stopped ──restart──▶ active or scheduled                      ("Recommencer")
 *   any live state ──expire──▶ expired       (its end date passed, or a request whose period is over)
 *   stopped, rejected, expired ──archive──▶ archived
 * A change of expiry keeps the state (or schedules/activates it again, for a restart).
 */

export const ASSIGNMENT_STATUSES = ['requested', 'scheduled', 'active', 'deactivated', 'stopped', 'rejected', 'expired', 'archived'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** States in which an assignment still counts: at most one per person × enterprise × unit × role. */
export const LIVE_STATUSES = ['requested', 'scheduled', 'active', 'deactivated'] as const satisfies readonly AssignmentStatus[];

/** What a request asks; "assign" creates the assignment. */
export const REQUEST_KINDS = ['assign', 'change_validity', 'stop', 'deactivate', 'reactivate', 'restart'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type RequestVia = 'manager' | 'self' | 'invitation';
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** Everything that moves an assignment: the approval of each kind of request, and the automatic events. */
export const EVENTS = ['approve_assign', 'reject_assign', 'change_validity', 'stop', 'deactivate', 'reactivate', 'restart', 'start', 'expire', 'archive'] as const;
export type AssignmentEvent = (typeof EVENTS)[number];

/** The validity an assignment has (or will have after the change), and today's date, all YYYY-MM-DD. */
export interface Period {
  validFrom: string;
  validUntil: string | null;
  today: string;
}

/** The event that approving a request of this kind applies. */
export function eventOfRequest(kind: RequestKind): AssignmentEvent {
  return kind === 'assign' ? 'approve_assign' : kind;
}

/**
 * The state after `event`, or null when the event is not allowed from
 * `status` for this period. Dates decide between scheduled and active, and
 * refuse what would start a right whose period is over.
 */
export function transition(status: AssignmentStatus, event: AssignmentEvent, p: Period): AssignmentStatus | null {
  const over = p.validUntil !== null && p.validUntil < p.today;
  const running = (): AssignmentStatus | null => (over ? null : p.validFrom > p.today ? 'scheduled' : 'active');
  switch (event) {
    case 'approve_assign':
      return status === 'requested' ? running() : null;
    case 'reject_assign':
      return status === 'requested' ? 'rejected' : null;
    case 'start':
      return status === 'scheduled' && p.validFrom <= p.today && !over ? 'active' : null;
    case 'change_validity':
      if (over) return null;
      if (status === 'scheduled' || status === 'active') return running();
      return status === 'deactivated' ? 'deactivated' : null;
    case 'deactivate':
      return status === 'active' ? 'deactivated' : null;
    case 'reactivate':
      return status === 'deactivated' && !over ? 'active' : null;
    case 'stop':
      return status === 'active' || status === 'scheduled' || status === 'deactivated' ? 'stopped' : null;
    case 'restart':
      return status === 'stopped' ? running() : null;
    case 'expire':
      return (LIVE_STATUSES as readonly string[]).includes(status) && over ? 'expired' : null;
    case 'archive':
      return status === 'stopped' || status === 'rejected' || status === 'expired' ? 'archived' : null;
  }
}

/** The request kinds a person may ask for an assignment in this state (the actions a details page offers). */
export function possibleRequests(status: AssignmentStatus): RequestKind[] {
  switch (status) {
    case 'scheduled':
      return ['change_validity', 'stop'];
    case 'active':
      return ['change_validity', 'stop', 'deactivate'];
    case 'deactivated':
      return ['change_validity', 'stop', 'reactivate'];
    case 'stopped':
      return ['restart'];
    default:
      return [];
  }
}

/** An invitation is valid for at most a year. */
export const MAX_INVITATION_DAYS = 365;

export type ValidityError = 'access.errors.start_in_past' | 'access.errors.end_before_start' | 'access.errors.end_in_past' | 'access.errors.end_required';

/**
 * Checks the validity asked for a new right (or a restart): it starts today
 * or later, ends on or after its start and not before today, and has an end
 * when the role requires one. Returns the message key of the first problem.
 */
export function checkValidity(p: Period, options: { endRequired: boolean; isNew: boolean }): ValidityError | null {
  if (options.isNew && p.validFrom < p.today) return 'access.errors.start_in_past';
  if (p.validUntil === null) return options.endRequired ? 'access.errors.end_required' : null;
  if (p.validUntil < p.today) return 'access.errors.end_in_past';
  if (p.validUntil < p.validFrom) return 'access.errors.end_before_start';
  return null;
}

/**
 * The history line of an event, as the guide's timeline names it: the
 * request ("Suspension demandée"), the decision ("Suspension approuvée"),
 * and what the platform did ("Attribution de rôle octroyée", "Automatique").
 */
export type HistoryAction =
  | `${RequestKind}.requested`
  | `${RequestKind}.approved`
  | `${RequestKind}.rejected`
  | `${RequestKind}.cancelled`
  | 'granted'
  | 'started'
  | 'expired'
  | 'stopped_with_membership'
  | 'archived';
