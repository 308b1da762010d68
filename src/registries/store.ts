import { sql, type Expression, type Insertable } from 'kysely';
import type { Executor } from '../platform/db/database';
import { folded } from '../platform/db/folding';
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

/**
 * INSERT … SELECT FROM unnest(one array per column): a batch of any size
 * binds one parameter per column, where VALUES binds one per field, so a
 * batch is one short statement to plan and the limit of 65 535 parameters
 * never applies.
 */
async function insertColumns<Row extends object>(
  db: Executor,
  table: string,
  columns: ReadonlyArray<readonly [keyof Row & string, 'text' | 'date']>,
  rows: readonly Row[],
  onConflict: string,
) {
  const arrays = columns.map(([name, type]) => sql`${rows.map((row) => (row[name] ?? null) as unknown)}::${sql.raw(type)}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
            select * from unnest(${sql.join(arrays)}) ${sql.raw(onConflict)}`.execute(db);
}

const updateAll = (columns: readonly (readonly [string, string])[], key: readonly string[], extra = '') =>
  `on conflict (${key.join(', ')}) do update set ${[
    ...columns.filter(([name]) => !key.includes(name)).map(([name]) => `${name} = excluded.${name}`),
    ...(extra ? [extra] : []),
  ].join(', ')}`;

const ENTERPRISE_COLUMNS = [
  ['number', 'text'], ['status', 'text'], ['juridical_situation', 'text'], ['type_of_enterprise', 'text'], ['juridical_form', 'text'], ['start_date', 'date'],
] as const;
const ESTABLISHMENT_COLUMNS = [['number', 'text'], ['enterprise_number', 'text'], ['start_date', 'date']] as const;
const DENOMINATION_COLUMNS = [['entity_number', 'text'], ['language', 'text'], ['type', 'text'], ['denomination', 'text']] as const;
const ADDRESS_COLUMNS = [
  ['entity_number', 'text'], ['type_of_address', 'text'], ['country_nl', 'text'], ['country_fr', 'text'], ['zipcode', 'text'],
  ['municipality_nl', 'text'], ['municipality_fr', 'text'], ['street_nl', 'text'], ['street_fr', 'text'], ['house_number', 'text'],
  ['box', 'text'], ['extra_address_info', 'text'], ['date_striking_off', 'date'],
] as const;

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
  await insertColumns(db, 'register_enterprises', ENTERPRISE_COLUMNS, rows, updateAll(ENTERPRISE_COLUMNS, ['number'], 'updated_at = now()'));
}

export async function upsertEstablishments(db: Executor, rows: EstablishmentRow[]) {
  await insertColumns(db, 'register_establishments', ESTABLISHMENT_COLUMNS, rows, updateAll(ESTABLISHMENT_COLUMNS, ['number']));
}

export async function insertDenominations(db: Executor, rows: DenominationRow[]) {
  // Every column is in the key: a row already there is the same row.
  await insertColumns(db, 'register_denominations', DENOMINATION_COLUMNS, rows, 'on conflict do nothing');
}

export async function upsertAddresses(db: Executor, rows: AddressRow[]) {
  await insertColumns(db, 'register_addresses', ADDRESS_COLUMNS, rows, updateAll(ADDRESS_COLUMNS, ['entity_number', 'type_of_address']));
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

// ---------------------------------------------------------------- the enterprises a person may manage

/** Rows another module adds to a person's representations, e.g. their current mandates: one row per capacity. */
export type CapacityRows = Expression<{ enterprise_number: string; capacity: string; since: Date | null }>;

export interface ManagedEnterprisesQuery {
  nrn: string;
  day: string;
  /** Functions that make their holder a legal representative. */
  representing: readonly string[];
  also: CapacityRows;
  /** Denomination languages in the order of preference (see model.ts). */
  languages: readonly string[];
  /** Already folded by `searchable` (accents and case ignored); '' for no filter. */
  needle: string;
  /** Digits to find in the number; '' for none. */
  digits: string;
  offset: number;
  limit: number;
}

/**
 * One page of the enterprises a person represents today, together with
 * `also`, in one statement: each with its legal name in the preferred
 * language and its capacities (legal representative first, then the others
 * oldest first), sorted by name, with the count of all that match.
 */
export async function managedEnterpriseRows(db: Executor, q: ManagedEnterprisesQuery) {
  // A one-character rank before each name, so that min() picks the preferred language without a sort per enterprise.
  const rank = sql.join(q.languages.map((language, i) => sql`when ${language} then ${String(i)}`), sql` `);
  // No function asked: `in (null)` matches none, so only the `also` rows count.
  const codes = q.representing.length > 0 ? sql.join(q.representing.map((code) => sql`${code}`)) : sql`null`;
  // The "C" collation on keys already folded: sorting thousands of names by the locale's rules costs more than the rest.
  const order = sql`key, coalesce(name, '') collate "C", number`;
  const { rows } = await sql<{ number: string; name: string | null; capacities: string[]; total: number }>`
    with managed as (
      select f.enterprise_number as number, 'legal_representative' as capacity, 0 as rank, null::timestamptz as since
        from register_legal_functions f
       where f.nrn = ${q.nrn} and f.function_code in (${codes})
         and f.start_date <= ${q.day} and (f.end_date is null or f.end_date >= ${q.day})
      union all
      select a.enterprise_number::char(10), a.capacity, 1, a.since from (${q.also}) a
    ), named as (
      select n.number, substr(min((case d.language ${rank} else '9' end || d.denomination) collate "C"), 2) as name
        from (select distinct number from managed) n
        left join register_denominations d on d.entity_number = n.number and d.type = '001'
       group by n.number
    ), keyed as (
      select number, name, ${folded(sql`name`)} collate "C" as key from named
    ), page as (
      select number, name, key, count(*) over ()::int as total from keyed
       where (${q.needle} = '' and ${q.digits} = '')
          or (${q.needle} <> '' and position(${q.needle} in key) > 0)
          or (${q.digits} <> '' and position(${q.digits} in number) > 0)
       order by ${order}
       limit ${q.limit} offset ${q.offset}
    )
    select number, name, total,
           (select array_agg(capacity order by rank, since nulls first)
              from (select capacity, min(rank) as rank, min(since) as since from managed m where m.number = page.number group by capacity) c) as capacities
      from page
     order by ${order}`.execute(db);
  return rows;
}
