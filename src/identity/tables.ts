import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person known to the platform: identity from the national register, contact details from the person. */
export interface PersonsTable {
  id: Generated<string>;
  nrn: string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  language: 'nl' | 'fr' | 'de' | 'en' | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
