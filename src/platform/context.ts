import type { Config } from '../config';
import type { Registers } from '../registries/ports';
import type { Clock } from './clock';
import type { Db } from './db/database';

/**
 * The dependencies built once at start-up and handed to routes and jobs.
 * Services take what they need from it; nothing reaches for globals.
 */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  /** Signs cookies; from COOKIE_SECRET or generated once and kept in the database. */
  cookieSecret: string;
  /** The national register and the enterprise register. */
  registers: Registers;
}
