import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely over PGlite, the embedded PostgreSQL. PGlite is a single session,
 * so the driver hands out its one connection to one user at a time: a
 * transaction holds it from BEGIN to COMMIT and nobody else's query can
 * slip inside it.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;

  constructor(private readonly pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
  }

  async init() {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async releaseConnection(connection: DatabaseConnection) {
    (connection as PGliteConnection).release();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
    (connection as PGliteConnection).inTransaction = true;
  }
  async commitTransaction(connection: DatabaseConnection) {
    (connection as PGliteConnection).inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    (connection as PGliteConnection).inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy() {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

let streams = 0;

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(query.sql, [...query.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && !/^\s*select/i.test(query.sql) ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  /** Set between BEGIN and COMMIT/ROLLBACK: a stream then declares its cursor inside the caller's transaction. */
  inTransaction = false;

  /**
   * `.stream()` through a server-side cursor, `chunkSize` rows per FETCH, so
   * memory stays flat. PGlite is one session: the stream holds it until it
   * ends, and other queries wait (the embedded database is for one person).
   */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const own = !this.inTransaction;
    const name = `kysely_stream_${++streams}`;
    let open = false;
    if (own) {
      await this.pglite.query('begin');
      open = true;
    }
    try {
      await this.pglite.query(`declare ${name} no scroll cursor for ${query.sql}`, [...query.parameters]);
      for (;;) {
        const result = await this.pglite.query<R>(`fetch forward ${Math.max(1, Math.floor(chunkSize))} from ${name}`);
        if (result.rows.length === 0) break;
        yield { rows: result.rows };
      }
      await this.pglite.query(`close ${name}`);
      if (own) {
        await this.pglite.query('commit');
        open = false;
      }
    } finally {
      // An error, or a consumer that stopped early (a closed download): the cursor dies with our transaction.
      if (open && !this.pglite.closed) await this.pglite.query('rollback').catch(() => undefined);
    }
  }
}
