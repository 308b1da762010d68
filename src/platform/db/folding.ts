import { sql, type Expression } from 'kysely';

/**
 * A text folded in a query as `searchable` folds it in JavaScript: decomposed, combining accents removed,
 * lower case. The capitals that do not decompose are lowered by translate(), because lower() folds ASCII
 * only under a C locale. Plain ASCII, most names, skips the decomposition. Persons' names are folded once,
 * by the database, in `persons.search_name` (its migration holds the same expression).
 */
export const folded = (text: Expression<string | null>) =>
  sql<string>`lower(coalesce(case when octet_length(${text}) = length(${text}) then ${text}
    else translate(regexp_replace(normalize(${text}, NFD), '[\\u0300-\\u036f]', '', 'g'), 'ØŁÆŒĐÞ', 'øłæœđþ') end, ''))`;

/** The LIKE pattern of the texts that contain `word`, its wildcards escaped. */
export const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
