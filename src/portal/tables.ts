import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** "Signaler un problème": a person's report about an application, e-mailed to its support contact. */
export interface PortalProblemReportsTable {
  id: Generated<string>;
  person_id: string;
  application_id: string;
  subject: string;
  description: string;
  /** Where support may answer; null: none given. */
  contact_email: string | null;
  /** The support address it was sent to; null: the application has none. */
  sent_to: string | null;
  created_at: Timestamp;
}
