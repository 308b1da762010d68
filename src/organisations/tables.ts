import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** An enterprise of the register, registered on the platform by a legal representative. */
export interface EnterprisesTable {
  /** 10 digits. */
  number: string;
  registered_at: Timestamp;
  /** persons.id of the legal representative who registered it. */
  registered_by: string;
}

export type UnitKind = 'establishment' | 'capacity' | 'sub_entity';

/** A part of an enterprise that rights can be scoped to (minimal: later migrations extend it). */
export interface UnitsTable {
  id: Generated<string>;
  enterprise_number: string;
  kind: UnitKind;
  /** Establishment number or capacity number; null for a sub-entity. */
  number: string | null;
  name: string;
  created_at: Generated<Date>;
  /** persons.id of the manager who created a capacity or sub-entity; null for an establishment unit synced from the register. */
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export type MandateKind = 'principal' | 'co_principal' | 'domain_access_manager' | 'application_administrator' | 'entity_access_responsible' | 'local_manager';

/** A management right of a person in an enterprise; revoked, never deleted. */
export interface MandatesTable {
  id: Generated<string>;
  enterprise_number: string;
  person_id: string;
  kind: MandateKind;
  /** Domain of a domain access manager, and of an application administrator's application. */
  domain: string | null;
  application: string | null;
  /** Unit of a local manager. */
  unit_id: string | null;
  /** YYYY-MM-DD, inclusive. */
  valid_from: string;
  /** YYYY-MM-DD, inclusive; null = unlimited. */
  valid_until: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  designated_at: Timestamp;
  designated_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoked_reason: 'revoked' | 'replaced' | null;
}
