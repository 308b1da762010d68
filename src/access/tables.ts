import type { ColumnType, Generated } from 'kysely';
import type { AssignmentStatus, RequestKind, RequestStatus, RequestVia } from './model';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A right: person × enterprise (× unit) × role, for a validity, in a status. Never deleted. */
export interface RoleAssignmentsTable {
  id: Generated<string>;
  person_id: string;
  enterprise_number: string;
  unit_id: string | null;
  application_id: string;
  role_code: string;
  status: AssignmentStatus;
  /** YYYY-MM-DD, inclusive. */
  valid_from: string;
  /** YYYY-MM-DD, inclusive; null = unlimited. */
  valid_until: string | null;
  contact_email: string | null;
  membership_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** How many assignments each enterprise has per application × role × unit × status: kept by triggers on role_assignments, read-only here. */
export interface RoleAssignmentCountsTable {
  enterprise_number: string;
  application_id: string;
  role_code: string;
  unit_id: string | null;
  status: AssignmentStatus;
  /** A string: bigint. Zero once the last such assignment changed status. */
  n: ColumnType<string, never, never>;
}

/** A change asked for an assignment (its creation included), pending until decided. */
export interface AssignmentRequestsTable {
  id: Generated<string>;
  assignment_id: string;
  kind: RequestKind;
  valid_from: string | null;
  valid_until: string | null;
  unlimited: Generated<boolean>;
  via: RequestVia;
  invitation_id: string | null;
  message: Generated<string>;
  requested_by: string;
  requested_at: Timestamp;
  status: RequestStatus;
  /** Null with a decision: decided automatically. */
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
}

/** One line of an assignment's timeline. Append-only (a trigger refuses updates and deletes). */
export interface AssignmentHistoryTable {
  id: Generated<string>;
  assignment_id: string;
  at: Timestamp;
  /** Null: "Automatique". */
  actor_id: string | null;
  action: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface InvitationsTable {
  id: Generated<string>;
  /** SHA-256 (hex) of the link's secret. */
  token_hash: string;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  message: Generated<string>;
  valid_from: string;
  valid_until: string | null;
  status: ColumnType<'open' | 'withdrawn' | 'expired', 'open' | 'withdrawn' | 'expired' | undefined>;
  closed_at: Timestamp | null;
}

export interface InvitationRolesTable {
  invitation_id: string;
  enterprise_number: string;
  unit_id: string | null;
  application_id: string;
  role_code: string;
}

export interface InvitationPersonsTable {
  invitation_id: string;
  family_name: string;
  given_name: string;
  email: string;
}

export interface InvitationTemplatesTable {
  id: Generated<string>;
  owner_id: string;
  name: string;
  description: Generated<string>;
  /** The invitation wizard's content without persons, parsed by the invitations module. */
  content: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}
