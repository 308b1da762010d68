import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: stores accept both. */
export type Executor = Db | Trx;

// Same value types on both engines: int8 as number (our ids stay far below 2^53),
// date as 'YYYY-MM-DD' text so no time zone shifts a birth date.
const INT8 = 20;
const DATE = 1082;
const parsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite (on disk, or in memory for tests). */
export function openDatabase(target: DatabaseTarget): Db {
  if ('url' in target) {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          (parsers as Record<number, (v: string) => unknown>)[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection dropped by the server (restart, failover) must not crash the node.
    pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
    // The cursor serves `.stream()` (the CSV exports): rows come in chunks with flat memory.
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  }
  let pglite: PGlite;
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    pglite = new PGlite(target.dataDir, { parsers });
  } else {
    pglite = new PGlite({ parsers });
  }
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}
