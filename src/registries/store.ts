import { sql, type Insertable } from 'kysely';
import type { Executor } from '../platform/db/database';
import type {
  RegisterAddressesTable,
  RegisterCodesTable,
  RegisterDenominationsTable,
  RegisterEnterprisesTable,
  RegisterEstablishmentsTable,
  RegisterLegalFunctionsTable,
  RegisterPersonsTable,
} from './tables';

/** The only file that reads or writes the register_* tables. Numbers are normalised digits. */

// ---------------------------------------------------------------- reading

export function findPersonRow(db: Executor, nrn: string) {
  return db.selectFrom('register_persons').selectAll().where('nrn', '=', nrn).executeTakeFirst();
}

const likePrefix = (text: string) => `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchPersonRows(db: Executor, lastName: string, firstName: string | undefined, limit: number) {
  let query = db
    .selectFrom('register_persons')
    .selectAll()
    .where(sql<boolean>`lower(last_name) like ${likePrefix(lastName)}`);
  if (firstName) query = query.where(sql<boolean>`lower(first_names) like ${likePrefix(firstName)}`);
  return query.orderBy(sql`lower(last_name)`).orderBy(sql`lower(first_names)`).orderBy('nrn').limit(limit).execute();
}

export async function countPersons(db: Executor): Promise<number> {
  const row = await db.selectFrom('register_persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findEnterpriseRow(db: Executor, number: string) {
  return db.selectFrom('register_enterprises').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function denominationRows(db: Executor, entityNumbers: readonly string[]) {
  if (entityNumbers.length === 0) return [];
  return db.selectFrom('register_denominations').selectAll().where('entity_number', 'in', entityNumbers).execute();
}

/** Addresses still in use (not struck off). */
export async function addressRows(db: Executor, entityNumbers: readonly string[]) {
  if (entityNumbers.length === 0) return [];
  return db
    .selectFrom('register_addresses')
    .selectAll()
    .where('entity_number', 'in', entityNumbers)
    .where('date_striking_off', 'is', null)
    .execute();
}

export async function codeRows(db: Executor, category: string, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('register_codes').selectAll().where('category', '=', category).where('code', 'in', codes).execute();
}

export function establishmentRowsOf(db: Executor, enterpriseNumber: string) {
  return db.selectFrom('register_establishments').selectAll().where('enterprise_number', '=', enterpriseNumber).orderBy('number').execute();
}

export function findEstablishmentRow(db: Executor, number: string) {
  return db.selectFrom('register_establishments').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Functions held on `day` (the end date is the last day held), in an enterprise or by a person. */
export function legalFunctionRows(db: Executor, holder: { enterpriseNumber: string } | { nrn: string }, day: string) {
  const [column, value] = 'enterpriseNumber' in holder ? (['enterprise_number', holder.enterpriseNumber] as const) : (['nrn', holder.nrn] as const);
  return db
    .selectFrom('register_legal_functions')
    .selectAll()
    .where(column, '=', value)
    .where('start_date', '<=', day)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', day)]))
    .orderBy('enterprise_number')
    .orderBy('nrn')
    .orderBy('function_code')
    .execute();
}

/** Whether the person holds one of `codes` in the enterprise on `day`, and the enterprise is active. */
export async function holdsFunction(db: Executor, nrn: string, enterpriseNumber: string, day: string, codes: readonly string[]) {
  if (codes.length === 0) return false;
  const row = await db
    .selectFrom('register_legal_functions as f')
    .innerJoin('register_enterprises as e', 'e.number', 'f.enterprise_number')
    .select('f.nrn')
    .where('f.nrn', '=', nrn)
    .where('f.enterprise_number', '=', enterpriseNumber)
    .where('f.function_code', 'in', codes)
    .where('e.status', '=', 'AC')
    .where('f.start_date', '<=', day)
    .where((eb) => eb.or([eb('f.end_date', 'is', null), eb('f.end_date', '>=', day)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- writing (the import)

export type PersonRow = Insertable<RegisterPersonsTable>;
export type EnterpriseRow = Insertable<RegisterEnterprisesTable>;
export type EstablishmentRow = Insertable<RegisterEstablishmentsTable>;
export type DenominationRow = Insertable<RegisterDenominationsTable>;
export type AddressRow = Insertable<RegisterAddressesTable>;
export type CodeRow = Insertable<RegisterCodesTable>;
export type LegalFunctionRow = Insertable<RegisterLegalFunctionsTable>;

// Upserts: importing the same file twice changes nothing; a newer file wins.

export async function upsertPersons(db: Executor, rows: PersonRow[]) {
  await db
    .insertInto('register_persons')
    .values(rows)
    .onConflict((oc) =>
      oc.column('nrn').doUpdateSet((eb) => ({
        last_name: eb.ref('excluded.last_name'),
        first_names: eb.ref('excluded.first_names'),
        birth_date: eb.ref('excluded.birth_date'),
        gender: eb.ref('excluded.gender'),
        language: eb.ref('excluded.language'),
        death_date: eb.ref('excluded.death_date'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

export async function upsertEnterprises(db: Executor, rows: EnterpriseRow[]) {
  await db
    .insertInto('register_enterprises')
    .values(rows)
    .onConflict((oc) =>
      oc.column('number').doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        juridical_situation: eb.ref('excluded.juridical_situation'),
        type_of_enterprise: eb.ref('excluded.type_of_enterprise'),
        juridical_form: eb.ref('excluded.juridical_form'),
        start_date: eb.ref('excluded.start_date'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

export async function upsertEstablishments(db: Executor, rows: EstablishmentRow[]) {
  await db
    .insertInto('register_establishments')
    .values(rows)
    .onConflict((oc) =>
      oc.column('number').doUpdateSet((eb) => ({
        enterprise_number: eb.ref('excluded.enterprise_number'),
        start_date: eb.ref('excluded.start_date'),
      })),
    )
    .execute();
}

export async function insertDenominations(db: Executor, rows: DenominationRow[]) {
  // Every column is in the key: a row already there is the same row.
  await db.insertInto('register_denominations').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export async function upsertAddresses(db: Executor, rows: AddressRow[]) {
  await db
    .insertInto('register_addresses')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['entity_number', 'type_of_address']).doUpdateSet((eb) => ({
        country_nl: eb.ref('excluded.country_nl'),
        country_fr: eb.ref('excluded.country_fr'),
        zipcode: eb.ref('excluded.zipcode'),
        municipality_nl: eb.ref('excluded.municipality_nl'),
        municipality_fr: eb.ref('excluded.municipality_fr'),
        street_nl: eb.ref('excluded.street_nl'),
        street_fr: eb.ref('excluded.street_fr'),
        house_number: eb.ref('excluded.house_number'),
        box: eb.ref('excluded.box'),
        extra_address_info: eb.ref('excluded.extra_address_info'),
        date_striking_off: eb.ref('excluded.date_striking_off'),
      })),
    )
    .execute();
}

export async function upsertCodes(db: Executor, rows: CodeRow[]) {
  await db
    .insertInto('register_codes')
    .values(rows)
    .onConflict((oc) => oc.columns(['category', 'code', 'language']).doUpdateSet((eb) => ({ description: eb.ref('excluded.description') })))
    .execute();
}

export async function upsertLegalFunctions(db: Executor, rows: LegalFunctionRow[]) {
  await db
    .insertInto('register_legal_functions')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['enterprise_number', 'nrn', 'function_code', 'start_date']).doUpdateSet((eb) => ({ end_date: eb.ref('excluded.end_date') })),
    )
    .execute();
}

// Deletes of the monthly update files: every row of the named entities goes, the insert file brings back the current ones.

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

export async function deletePersons(db: Executor, nrns: string[]) {
  return deleted(await db.deleteFrom('register_persons').where('nrn', 'in', nrns).executeTakeFirst());
}

export async function deleteEnterprises(db: Executor, numbers: string[]) {
  return deleted(await db.deleteFrom('register_enterprises').where('number', 'in', numbers).executeTakeFirst());
}

export async function deleteEstablishments(db: Executor, numbers: string[]) {
  return deleted(await db.deleteFrom('register_establishments').where('number', 'in', numbers).executeTakeFirst());
}

export async function deleteDenominations(db: Executor, entityNumbers: string[]) {
  return deleted(await db.deleteFrom('register_denominations').where('entity_number', 'in', entityNumbers).executeTakeFirst());
}

export async function deleteAddresses(db: Executor, entityNumbers: string[]) {
  return deleted(await db.deleteFrom('register_addresses').where('entity_number', 'in', entityNumbers).executeTakeFirst());
}

export async function deleteLegalFunctionsOf(db: Executor, enterpriseNumbers: string[]) {
  return deleted(await db.deleteFrom('register_legal_functions').where('enterprise_number', 'in', enterpriseNumbers).executeTakeFirst());
}
