import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';

export interface TestDatabase {
  db: Db;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * a new database on the PostgreSQL server of DATABASE_URL when it is set.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = openDatabase({ memory: true });
    await migrateToLatest(db);
    return { db, drop: () => db.destroy() };
  }
  const name = `sesame_test_${randomBytes(6).toString('hex')}`;
  const admin = openDatabase({ url: serverUrl });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ url: url.toString() });
  await migrateToLatest(db);
  return {
    db,
    async drop() {
      await db.destroy();
      // Closed sockets may still be leaving the server: wait for them rather than
      // terminating them, which would surface as errors in the test run.
      for (let attempt = 0; ; attempt++) {
        try {
          await sql`drop database if exists ${sql.id(name)}`.execute(admin);
          break;
        } catch (error) {
          if (attempt === 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await admin.destroy();
    },
  };
}
