import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Dates are plain `YYYY-MM-DD` strings: no time zone can shift them. */
type DateOnly = string;

/** A person of the national register (fictitious in the demo set). */
export interface RegisterPersonsTable {
  nrn: string;
  last_name: string;
  first_names: string;
  birth_date: DateOnly | null;
  gender: 'M' | 'F' | 'X' | null;
  language: 'nl' | 'fr' | 'de' | 'en' | null;
  death_date: DateOnly | null;
  updated_at: Timestamp;
}

/** enterprise.csv */
export interface RegisterEnterprisesTable {
  number: string;
  status: string;
  juridical_situation: string | null;
  type_of_enterprise: string | null;
  juridical_form: string | null;
  start_date: DateOnly | null;
  updated_at: Timestamp;
}

/** establishment.csv */
export interface RegisterEstablishmentsTable {
  number: string;
  enterprise_number: string;
  start_date: DateOnly | null;
}

/** denomination.csv; language '1' fr, '2' nl, '3' de, '4' en; type '001' legal name. */
export interface RegisterDenominationsTable {
  entity_number: string;
  language: string;
  type: string;
  denomination: string;
}

/** address.csv */
export interface RegisterAddressesTable {
  entity_number: string;
  type_of_address: string;
  country_nl: string | null;
  country_fr: string | null;
  zipcode: string | null;
  municipality_nl: string | null;
  municipality_fr: string | null;
  street_nl: string | null;
  street_fr: string | null;
  house_number: string | null;
  box: string | null;
  extra_address_info: string | null;
  date_striking_off: DateOnly | null;
}

/** code.csv: labels of codes such as juridical forms. */
export interface RegisterCodesTable {
  category: string;
  code: string;
  language: string;
  description: string;
}

/** Who holds a legal function (e.g. director) in an enterprise, and since when. */
export interface RegisterLegalFunctionsTable {
  enterprise_number: string;
  nrn: string;
  function_code: string;
  start_date: DateOnly;
  end_date: DateOnly | null;
}
