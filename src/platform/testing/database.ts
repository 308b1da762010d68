import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, sql } from 'kysely';
import { openDatabase, openPGlite, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { PGliteDialect } from '../db/pglite-dialect';
import type { Database } from '../db/schema';

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
    // Already migrated: the template is named after the migrations it ran.
    const db = openDatabase({ memory: true, from: await migratedTemplate() });
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

const TEMPLATES = join(tmpdir(), 'sesame-pglite-templates');
const MIGRATIONS = fileURLToPath(new URL('../db/migrations/', import.meta.url));

/** Names the template after what makes it: PGlite's version and the migrations' sources. */
function templateKey(): string {
  const pglitePackage = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  const hash = createHash('sha256').update(JSON.parse(readFileSync(pglitePackage, 'utf8')).version);
  for (const file of readdirSync(MIGRATIONS).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  return hash.digest('hex').slice(0, 16);
}

async function buildTemplate(file: string): Promise<Blob> {
  const pglite = openPGlite({ memory: true });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  mkdirSync(TEMPLATES, { recursive: true });
  // Templates of other migrations (an earlier checkout) are of no more use.
  for (const old of readdirSync(TEMPLATES)) if (old.endsWith('.tar') && join(TEMPLATES, old) !== file) rmSync(join(TEMPLATES, old), { force: true });
  // Written aside, then renamed: a test process starting meanwhile reads a whole file or none.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

let template: Promise<Blob> | undefined;

/**
 * A migrated PGlite data directory to start each test database from.
 * PGlite runs initdb when it starts empty (1.4–2.2 s on a 2-core machine);
 * from a dump it starts in 0.3 s. The first test process builds the dump
 * and leaves it in the system's temporary directory, under a name that
 * changes with any migration, for every later one.
 */
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = join(TEMPLATES, `${templateKey()}.tar`);
    try {
      return new Blob([readFileSync(file)]);
    } catch {
      return buildTemplate(file);
    }
  })();
  return template;
}
