import type { ColumnType, Generated } from 'kysely';
import type { MembershipCategory } from './model';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A person's working relationship with an enterprise (optionally one unit); ended, never deleted. */
export interface MembershipsTable {
  id: Generated<string>;
  /** enterprises.number. */
  enterprise_number: string;
  /** persons.id. */
  person_id: string;
  /** units.id; null for the enterprise as a whole. */
  unit_id: string | null;
  category: MembershipCategory;
  /** Where the person is reached at work; notices of the membership go there. */
  work_email: string;
  /** E.164 or null. */
  work_phone: string | null;
  /** YYYY-MM-DD, inclusive. */
  start_date: string;
  /** YYYY-MM-DD, inclusive; null = open-ended. */
  end_date: string | null;
  /** Why the person was added (free text of the manager). */
  reason: string;
  created_at: Timestamp;
  /** persons.id of the manager who added the person. */
  created_by: string;
  /** When the membership ended: by a manager, or automatically after its end date. */
  ended_at: Timestamp | null;
  /** persons.id of the manager who ended it; null when ended automatically. */
  ended_by: string | null;
  end_reason: string | null;
}
