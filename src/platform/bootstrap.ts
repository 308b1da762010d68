import path from 'node:path';
import type { Config } from '../config';
import { createRegisters } from '../registries/database-registers';
import { systemClock } from './clock';
import type { AppContext } from './context';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { generatedSecret } from './settings';

/** Opens the database, brings its schema up to date and builds the shared dependencies. */
export async function openContext(config: Config): Promise<AppContext> {
  const db = openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') });
  await migrateToLatest(db);
  const cookieSecret = config.cookieSecret ?? (await generatedSecret(db, 'cookie_secret'));
  return { config, db, clock: systemClock, cookieSecret, registers: createRegisters(db, systemClock) };
}

/** Runs a command-line task against the database and closes it afterwards, whatever happens. */
export async function withContext<T>(config: Config, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(config);
  try {
    return await run(ctx);
  } finally {
    await ctx.db.destroy();
  }
}
