import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

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
  /** "given family", lower case without accents, as `searchable` folds it: kept by the database, with a trigram index. */
  search_name: GeneratedAlways<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
