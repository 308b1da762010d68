import { sql, type Kysely } from 'kysely';

// Frozen once landed: a person's name folded for search as `searchable` folds it in JavaScript (decomposed,
// combining accents removed, lower case), kept by the database itself, with a trigram index. Searches by name
// in the overview of role assignments and in the tasks were a scan of every person in scope with translate()
// on each (about 120 ms at 100 000 assignments); with the index they read the persons whose name holds the
// words. The capitals that do not decompose are lowered by translate(), because lower() folds ASCII only
// under a C locale. pg_trgm is a trusted extension: the database's owner may create it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`alter table persons add column search_name text generated always as (
    lower(translate(regexp_replace(normalize(given_name || ' ' || family_name, NFD), '[\\u0300-\\u036f]', '', 'g'), 'ØŁÆŒĐÞ', 'øłæœđþ'))
  ) stored`.execute(db);
  await sql`create index persons_search_name on persons using gin (search_name gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table persons drop column search_name`.execute(db);
}
