import type { Executor } from '../platform/db/database';
import { translator } from '../platform/i18n/translate';
import { checkEnterpriseNumber, checkEntityNumber, checkEstablishmentNumber, checkNrn, type Checked } from './identifiers';
import { LEGAL_FUNCTION_CODES, isLegalFunctionCode } from './legal-functions';
import * as store from './store';

/**
 * What each register file holds and how a line becomes a row: the KBO/BCE
 * open-data files, plus persons.csv and legal_functions.csv of our own
 * (described in demo/registers/README.md). A line that does not fit throws
 * a RowProblem, which the importer reports with the file and line.
 */

export class RowProblem extends Error {}

/** Reads one field of the current line by column name; '' when absent. */
export type Field = (column: string) => string;

export interface FileSpec<Row> {
  /** enterprise → enterprise.csv, enterprise_delete.csv, enterprise_insert.csv. */
  name: string;
  /** Columns the header must have. */
  columns: readonly string[];
  toRow(field: Field): Row;
  /** Two lines with the same key in one batch: the later one wins (an upsert cannot touch a row twice). */
  keyOf(row: Row): string;
  write(db: Executor, rows: Row[]): Promise<void>;
  /** The `_delete.csv` file: one column of keys; every row with such a key goes. */
  deletes?: { column: string; parse(value: string): string; run(db: Executor, keys: string[]): Promise<number> };
}

const english = translator('en');

function valid<T>(column: string, value: string, result: Checked<T, Parameters<typeof english>[0]>): T {
  if (!result.ok) throw new RowProblem(`${column} ${JSON.stringify(value)}: ${english(result.error)}`);
  return result.value;
}

function required(field: Field, column: string): string {
  const value = field(column).trim();
  if (!value) throw new RowProblem(`${column} is empty`);
  return value;
}

const optional = (field: Field, column: string) => field(column).trim() || null;

/** dd-mm-yyyy, as in every KBO file, to YYYY-MM-DD; empty is null. */
function kboDate(field: Field, column: string): string | null {
  const value = field(column).trim();
  if (!value) return null;
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  const iso = match ? `${match[3]}-${match[2]}-${match[1]}` : '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new RowProblem(`${column} ${JSON.stringify(value)} is not a date in the form dd-mm-yyyy`);
  }
  return iso;
}

const enterpriseNumber = (field: Field, column: string) => valid(column, field(column), checkEnterpriseNumber(field(column)));
const establishmentNumber = (field: Field, column: string) => valid(column, field(column), checkEstablishmentNumber(field(column)));
const entityNumber = (field: Field, column: string) => valid(column, field(column), checkEntityNumber(field(column))).number;
const nrnOf = (field: Field, column: string) => valid(column, field(column), checkNrn(field(column)));

function oneOf<T extends string>(field: Field, column: string, allowed: readonly T[], normalise = (v: string) => v): T | null {
  const value = normalise(field(column).trim());
  if (!value) return null;
  if (!(allowed as readonly string[]).includes(value)) throw new RowProblem(`${column} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  return value as T;
}

function pattern(field: Field, column: string, shape: RegExp, what: string): string {
  const value = required(field, column);
  if (!shape.test(value)) throw new RowProblem(`${column} ${JSON.stringify(value)} is not ${what}`);
  return value;
}

const codes: FileSpec<store.CodeRow> = {
  name: 'code',
  columns: ['Category', 'Code', 'Language', 'Description'],
  toRow: (f) => ({
    category: required(f, 'Category'),
    code: required(f, 'Code'),
    language: pattern(f, 'Language', /^[A-Za-z]{2}$/, 'a two-letter language').toLowerCase(),
    description: required(f, 'Description'),
  }),
  keyOf: (r) => `${r.category}\u0000${r.code}\u0000${r.language}`,
  write: store.upsertCodes,
};

const persons: FileSpec<store.PersonRow> = {
  name: 'persons',
  columns: ['NationalNumber', 'LastName', 'FirstNames'],
  toRow(f) {
    const facts = nrnOf(f, 'NationalNumber');
    const birthDate = kboDate(f, 'BirthDate');
    if (birthDate && facts.birthDate && birthDate !== facts.birthDate) {
      throw new RowProblem(`BirthDate ${JSON.stringify(f('BirthDate'))} differs from the one in the national number (${facts.birthDate})`);
    }
    const deathDate = kboDate(f, 'DeathDate');
    return {
      nrn: facts.nrn,
      last_name: required(f, 'LastName'),
      first_names: required(f, 'FirstNames'),
      birth_date: birthDate ?? facts.birthDate,
      gender: oneOf(f, 'Gender', ['M', 'F', 'X'] as const, (v) => v.toUpperCase()),
      language: oneOf(f, 'Language', ['nl', 'fr', 'de', 'en'] as const, (v) => v.toLowerCase()),
      death_date: deathDate,
    };
  },
  keyOf: (r) => r.nrn,
  write: store.upsertPersons,
  deletes: { column: 'NationalNumber', parse: (v) => valid('NationalNumber', v, checkNrn(v)).nrn, run: store.deletePersons },
};

const enterprises: FileSpec<store.EnterpriseRow> = {
  name: 'enterprise',
  columns: ['EnterpriseNumber', 'Status', 'JuridicalSituation', 'TypeOfEnterprise', 'JuridicalForm', 'StartDate'],
  toRow: (f) => ({
    number: enterpriseNumber(f, 'EnterpriseNumber'),
    status: required(f, 'Status'),
    juridical_situation: optional(f, 'JuridicalSituation'),
    type_of_enterprise: optional(f, 'TypeOfEnterprise'),
    // JuridicalFormCAC is the form the Code of companies and associations applies
    // until the statutes are adapted: when present, it is the one in force.
    juridical_form: optional(f, 'JuridicalFormCAC') ?? optional(f, 'JuridicalForm'),
    start_date: kboDate(f, 'StartDate'),
  }),
  keyOf: (r) => r.number,
  write: store.upsertEnterprises,
  deletes: { column: 'EnterpriseNumber', parse: (v) => valid('EnterpriseNumber', v, checkEnterpriseNumber(v)), run: store.deleteEnterprises },
};

const establishments: FileSpec<store.EstablishmentRow> = {
  name: 'establishment',
  columns: ['EstablishmentNumber', 'StartDate', 'EnterpriseNumber'],
  toRow: (f) => ({
    number: establishmentNumber(f, 'EstablishmentNumber'),
    enterprise_number: enterpriseNumber(f, 'EnterpriseNumber'),
    start_date: kboDate(f, 'StartDate'),
  }),
  keyOf: (r) => r.number,
  write: store.upsertEstablishments,
  deletes: {
    column: 'EstablishmentNumber',
    parse: (v) => valid('EstablishmentNumber', v, checkEstablishmentNumber(v)),
    run: store.deleteEstablishments,
  },
};

const entityDeletes = (run: (db: Executor, keys: string[]) => Promise<number>) => ({
  column: 'EntityNumber',
  parse: (v: string) => valid('EntityNumber', v, checkEntityNumber(v)).number,
  run,
});

const denominations: FileSpec<store.DenominationRow> = {
  name: 'denomination',
  columns: ['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination'],
  toRow: (f) => ({
    entity_number: entityNumber(f, 'EntityNumber'),
    language: pattern(f, 'Language', /^\d$/, 'a language code (0 to 4)'),
    type: pattern(f, 'TypeOfDenomination', /^\d{3}$/, 'a three-digit type'),
    denomination: required(f, 'Denomination'),
  }),
  keyOf: (r) => `${r.entity_number}\u0000${r.language}\u0000${r.type}\u0000${r.denomination}`,
  write: store.insertDenominations,
  deletes: entityDeletes(store.deleteDenominations),
};

const addresses: FileSpec<store.AddressRow> = {
  name: 'address',
  columns: [
    'EntityNumber', 'TypeOfAddress', 'CountryNL', 'CountryFR', 'Zipcode', 'MunicipalityNL', 'MunicipalityFR',
    'StreetNL', 'StreetFR', 'HouseNumber', 'Box', 'ExtraAddressInfo', 'DateStrikingOff',
  ],
  toRow: (f) => ({
    entity_number: entityNumber(f, 'EntityNumber'),
    type_of_address: required(f, 'TypeOfAddress'),
    country_nl: optional(f, 'CountryNL'),
    country_fr: optional(f, 'CountryFR'),
    zipcode: optional(f, 'Zipcode'),
    municipality_nl: optional(f, 'MunicipalityNL'),
    municipality_fr: optional(f, 'MunicipalityFR'),
    street_nl: optional(f, 'StreetNL'),
    street_fr: optional(f, 'StreetFR'),
    house_number: optional(f, 'HouseNumber'),
    box: optional(f, 'Box'),
    extra_address_info: optional(f, 'ExtraAddressInfo'),
    date_striking_off: kboDate(f, 'DateStrikingOff'),
  }),
  keyOf: (r) => `${r.entity_number}\u0000${r.type_of_address}`,
  write: store.upsertAddresses,
  deletes: entityDeletes(store.deleteAddresses),
};

const legalFunctions: FileSpec<store.LegalFunctionRow> = {
  name: 'legal_functions',
  columns: ['EnterpriseNumber', 'NationalNumber', 'FunctionCode', 'StartDate'],
  toRow(f) {
    const code = required(f, 'FunctionCode');
    if (!isLegalFunctionCode(code)) throw new RowProblem(`FunctionCode ${JSON.stringify(code)} is not one of ${LEGAL_FUNCTION_CODES.join(', ')}`);
    const start = kboDate(f, 'StartDate');
    if (!start) throw new RowProblem('StartDate is empty');
    const end = kboDate(f, 'EndDate');
    if (end && end < start) throw new RowProblem(`EndDate ${JSON.stringify(f('EndDate'))} is before StartDate`);
    return {
      enterprise_number: enterpriseNumber(f, 'EnterpriseNumber'),
      nrn: nrnOf(f, 'NationalNumber').nrn,
      function_code: code,
      start_date: start,
      end_date: end,
    };
  },
  keyOf: (r) => `${r.enterprise_number}\u0000${r.nrn}\u0000${r.function_code}\u0000${r.start_date}`,
  write: store.upsertLegalFunctions,
  // Like the KBO's files: the enterprise's functions go, the insert file brings back the current ones.
  deletes: { column: 'EnterpriseNumber', parse: (v) => valid('EnterpriseNumber', v, checkEnterpriseNumber(v)), run: store.deleteLegalFunctionsOf },
};

/** In the order they are imported: labels and persons first, then enterprises and what hangs from them. */
export const FILE_SPECS: readonly FileSpec<any>[] = [codes, persons, enterprises, establishments, denominations, addresses, legalFunctions];
