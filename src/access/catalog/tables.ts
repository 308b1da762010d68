import type { ColumnType } from 'kysely';
import type { Lang } from '../../platform/i18n/languages';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A text in the four languages. */
export type Localized = Record<Lang, string>;
type Json<T> = ColumnType<T, string, string>;

/** A domain of applications ("finances", "social_security"…): access managers are designated per domain. */
export interface CatalogDomainsTable {
  id: string;
  names: Json<Localized>;
  position: number;
  /** Set when the catalog files no longer list it. */
  retired_at: Timestamp | null;
}

/** An application of a domain, as the portal and role management show it. */
export interface CatalogApplicationsTable {
  id: string;
  domain_id: string;
  names: Json<Localized>;
  descriptions: Json<Localized>;
  /** The portal's category label ("Transversal"). */
  categories: Json<Localized>;
  /** The columns of the permission matrix, in order. */
  permissions: Json<{ code: string; names: Localized }[]>;
  url: string | null;
  /** OpenID client ids and SAML entity ids of the application. */
  clients: ColumnType<string[], string[] | undefined, string[]>;
  audience: 'enterprise' | 'citizen';
  support_email: string | null;
  min_loa: 'low' | 'substantial' | 'high';
  position: number;
  retired_at: Timestamp | null;
}

/** A role of an application: what an assignment grants. */
export interface CatalogRolesTable {
  application_id: string;
  code: string;
  names: Json<Localized>;
  short_descriptions: Json<Localized>;
  long_descriptions: Json<Localized>;
  /** Codes of the application's permissions. */
  permissions: string[];
  unit_kind: 'establishment' | 'capacity' | 'sub_entity' | null;
  end_date_required: boolean;
  approval: 'manager' | 'automatic';
  min_loa: 'low' | 'substantial' | 'high';
  position: number;
  retired_at: Timestamp | null;
}
