import { sql, type Expression } from 'kysely';

// Case and accents ignored, as `searchable` folds text in JavaScript: lower() alone folds ASCII only under
// the C collation. Persons' names are folded once, by the database, in `persons.search_name`.
const ACCENTED = 'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿÇçÑñ';
const PLAIN = `${'a'.repeat(12)}${'e'.repeat(8)}${'i'.repeat(8)}${'o'.repeat(12)}${'u'.repeat(8)}yyyccnn`;

/** A text folded in the query; translate() walks its whole list for every character, so plain ASCII skips it. */
export const folded = (text: Expression<string | null>) =>
  sql<string>`lower(coalesce(case when octet_length(${text}) = length(${text}) then ${text} else translate(${text}, ${ACCENTED}, ${PLAIN}) end, ''))`;

/** The LIKE pattern of the texts that contain `word`, its wildcards escaped. */
export const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
