import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
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

/**
 * A pg client that prepares the statements its connection runs again and
 * again: from the second time a text with parameters runs, it is sent as a
 * named statement, so PostgreSQL parses it once per connection (and, after
 * a few runs, plans it once) instead of every time. The hot statements
 * (sessions, the provider's storage, logins) run thousands of times per
 * connection. At most MAX_PREPARED names per connection, so texts that vary
 * (IN lists of every length) cannot grow a server backend's memory without
 * bound. After five runs PostgreSQL may plan a prepared statement once for
 * any parameters: where the plan itself depends on a value (an ON CONFLICT
 * predicate matched against a partial unique index), write the value as a
 * literal (access/store.ts). Like every server-side prepared statement, this needs a session
 * (or PgBouncer 1.21+ with max_prepared_statements) between Sésame and
 * PostgreSQL, not a transaction-mode pooler (README, "Configuration").
 */
const MAX_PREPARED = 256;
// Hot statements are short; a bulk insert's text (hundreds of kilobytes of placeholders) is neither remembered nor prepared.
const MAX_TEXT = 4096;

class PreparingClient extends pg.Client {
  /** Each text seen with parameters, and its statement name once it has one. */
  readonly #seen = new Map<string, string | null>();
  #named = 0;

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && text.length <= MAX_TEXT && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = this.#nameFor(text);
      if (name) return super.query({ name, text, values } as never) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  #nameFor(text: string): string | null | undefined {
    if (!this.#seen.has(text)) {
      if (this.#seen.size < MAX_PREPARED * 4) this.#seen.set(text, null);
      return undefined;
    }
    let name = this.#seen.get(text);
    if (name === null && this.#named < MAX_PREPARED) {
      name = `sesame_${++this.#named}`;
      this.#seen.set(text, name);
    }
    return name;
  }
}

/** PostgreSQL at a URL, PGlite in a directory, or PGlite in memory, empty or started from a dumped data directory (`from`). */
export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true; from?: Blob };

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite (on disk, or in memory for tests). */
export function openDatabase(target: DatabaseTarget): Db {
  if ('url' in target) {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      Client: PreparingClient,
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
  return new Kysely<Database>({ dialect: new PGliteDialect(openPGlite(target)) });
}

/** The embedded PostgreSQL with the extensions the migrations create (pg_trgm: the search by name). */
export function openPGlite(target: Exclude<DatabaseTarget, { url: string }>): PGlite {
  const options = { parsers, extensions: { pg_trgm } };
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    return new PGlite(target.dataDir, options);
  }
  return new PGlite({ ...options, ...(target.from ? { loadDataDir: target.from } : {}) });
}
