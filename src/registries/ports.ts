import type { Lang } from '../platform/i18n/languages';
import type { CapacityRows } from './store';
import type { LegalFunctionCode } from './legal-functions';

/**
 * The two registers Sésame relies on, as ports. The default adapter
 * (database-registers.ts) reads what `sesame import-registers` loaded;
 * another adapter could call the real services behind the same types.
 *
 * Numbers may be given in any common written form; the adapter normalises
 * them and treats an invalid one as not found. Dates are `YYYY-MM-DD`
 * strings; a moment (`Date`) is read as the day it is in Belgium.
 */

/** A person of the national register (or of the BIS register). */
export interface RegisterPerson {
  /** 11 digits. */
  nrn: string;
  lastName: string;
  firstNames: string;
  birthDate: string | null;
  gender: 'M' | 'F' | 'X' | null;
  /** The register's language of the person, a good default for their profile. */
  language: Lang | null;
  deathDate: string | null;
}

export interface NameSearch {
  /** Matches last names that start with it, ignoring case. */
  lastName: string;
  /** Matches first names that start with it, ignoring case. */
  firstName?: string;
  /** At most this many, 20 unless told. */
  limit?: number;
}

export interface NationalRegister {
  findPerson(nrn: string): Promise<RegisterPerson | null>;
  /** Sorted by last name, then first names. */
  searchByName(query: NameSearch): Promise<RegisterPerson[]>;
}

/** A code of the KBO (juridical form, situation) with its label in the requested language, or the code itself when no label is known. */
export interface CodeLabel {
  code: string;
  label: string;
}

/** An address in the requested language: Dutch names for `nl`, French otherwise, each falling back to the other. */
export interface RegisterAddress {
  street: string | null;
  houseNumber: string | null;
  box: string | null;
  zipcode: string | null;
  municipality: string | null;
  /** Null for a Belgian address (the KBO leaves it empty). */
  country: string | null;
  extra: string | null;
}

export interface Enterprise {
  /** 10 digits. */
  number: string;
  /** The KBO status code; `AC` is active. */
  status: string;
  active: boolean;
  /** Legal name in the requested language, else in another (see the fallback order in database-registers.ts); null when the register has none. */
  name: string | null;
  abbreviation: string | null;
  type: 'legal_person' | 'natural_person' | 'unknown';
  juridicalForm: CodeLabel | null;
  juridicalSituation: CodeLabel | null;
  /** The registered office. */
  address: RegisterAddress | null;
  startDate: string | null;
}

export interface Establishment {
  /** 10 digits, starting with 2 to 8. */
  number: string;
  enterpriseNumber: string;
  /** The commercial name of the unit, else null. */
  name: string | null;
  address: RegisterAddress | null;
  startDate: string | null;
}

export interface LegalFunction {
  enterpriseNumber: string;
  /** The enterprise's legal name in the requested language, for lists. */
  enterpriseName: string | null;
  nrn: string;
  code: LegalFunctionCode;
  /** The function's name in the requested language. */
  label: string;
  /** Whether the function may act for the enterprise (every function but auditor). */
  represents: boolean;
  startDate: string;
  /** The last day of the function, inclusive; null while open-ended. */
  endDate: string | null;
}

export interface LookupOptions {
  /** Language of names and labels; French unless told. */
  lang?: Lang;
}

export interface AtOptions extends LookupOptions {
  /** The day at which functions must be held; today unless told. */
  at?: Date | string;
}

export interface ManagedEnterprisesRequest extends AtOptions {
  nrn: string;
  /** Rows (enterprise_number, capacity, since) to add to the person's representations. */
  also: CapacityRows;
  /** false: only the `also` rows, without the enterprises the person represents (true unless told). */
  representatives?: boolean;
  /** Matches the name (accents and case ignored) or, when all digits, the number. */
  q: string;
  offset: number;
  limit: number;
}

export interface ManagedEnterprisesPage {
  /** How many enterprises match, on every page. */
  total: number;
  rows: Array<{ number: string; name: string | null; capacities: string[] }>;
}

export interface EnterpriseRegister {
  findEnterprise(number: string, options?: LookupOptions): Promise<Enterprise | null>;
  /** The establishment units of an enterprise, by number. */
  establishments(enterpriseNumber: string, options?: LookupOptions): Promise<Establishment[]>;
  findEstablishment(number: string, options?: LookupOptions): Promise<Establishment | null>;
  /** The legal functions held in an enterprise at a day, by person. */
  legalFunctions(enterpriseNumber: string, options?: AtOptions): Promise<LegalFunction[]>;
  /** The legal functions a person holds at a day, by enterprise name. */
  legalFunctionsOf(nrn: string, options?: AtOptions): Promise<LegalFunction[]>;
  /**
   * One page of the enterprises a person may manage: those they represent at
   * the day, with those `also` adds (another module's rows, as a subquery, so
   * the page is one statement). Searched and sorted by legal name in `lang`.
   */
  managedEnterprises(request: ManagedEnterprisesRequest): Promise<ManagedEnterprisesPage>;
  /** Whether the person holds, at the day, a function that represents the enterprise, and the enterprise is active. */
  isLegalRepresentative(nrn: string, enterpriseNumber: string, at?: Date | string): Promise<boolean>;
}

export interface Registers {
  persons: NationalRegister;
  enterprises: EnterpriseRegister;
}
