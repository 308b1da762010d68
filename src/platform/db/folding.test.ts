import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { searchable } from '../views/pagination';
import { containing, folded } from './folding';

// Names as people in Belgium carry them: the searches fold what is typed with `searchable`, so the database must fold alike.
const NAMES: Array<[string, string]> = [
  ['Naïma', 'Benali'],
  ['Antonín', 'DVOŘÁK'],
  ['Łukasz', 'Wałęsa'],
  ['Şükrü', 'Öztürk'],
  ['İlkay', 'Gündoğan'],
  ['Øystein', 'Ærø'],
  ['Zoë', 'Van den Brœck'],
  ['Jean-François', "D'Hondt"],
  ['Ángel', 'Muñoz'],
  ['Đorđe', 'Þórsson'],
  ['Pieter', 'Claes'],
];

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => test.drop());

describe('folding for search', () => {
  it('keeps in persons.search_name the name as searchable folds it', async () => {
    await test.db
      .insertInto('persons')
      .values(NAMES.map(([given, family], i) => ({ nrn: String(90000000000 + i), given_name: given, family_name: family })))
      .execute();
    const rows = await test.db.selectFrom('persons').select(['given_name', 'family_name', 'search_name']).execute();
    expect(rows.map((r) => r.search_name).sort()).toEqual(NAMES.map(([given, family]) => searchable(`${given} ${family}`)).sort());
  });

  it('folds a text in a query as searchable does, plain ASCII included', async () => {
    for (const text of [...NAMES.map(([given, family]) => `${given} ${family}`), 'ATELIERS ZÉPHYR', 'plain ascii']) {
      const { rows } = await sql<{ f: string }>`select ${folded(sql`${text}::text`)} as f`.execute(test.db);
      expect(rows[0]!.f).toBe(searchable(text));
    }
  });

  it('finds names that contain a word, and takes % and _ as characters', async () => {
    const found = async (word: string) =>
      (await test.db.selectFrom('persons').select('family_name').where('search_name', 'like', containing(word)).orderBy('family_name').execute()).map((r) => r.family_name);
    expect(await found(searchable('dvořák'))).toEqual(['DVOŘÁK']);
    expect(await found('walesa')).toEqual([]); // ł is a letter of its own, in JavaScript as in the database
    expect(await found('wałesa')).toEqual(['Wałęsa']);
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);
  });
});
