import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { buildCatalog, type Catalog } from './model';
import * as store from './store';

export type { Application, Catalog, Domain, Permission, Role, UnitKind } from './model';

/**
 * How long a node trusts its copy of the catalog. The catalog changes only
 * when it is applied (at start, or by `sesame catalog apply` from another
 * process): the applying process drops its own copy at once, other nodes
 * within this delay.
 */
const CACHE_MS = 30_000;

const cache = new WeakMap<Db, { at: number; catalog: Promise<Catalog> }>();

/** The current catalog (domains → applications → roles), cached per database handle. */
export function catalogOf(ctx: Pick<AppContext, 'db'>): Promise<Catalog> {
  const now = Date.now();
  const hit = cache.get(ctx.db);
  if (hit && now - hit.at < CACHE_MS) return hit.catalog;
  const catalog = store.loadCurrent(ctx.db).then(({ domains, applications, roles }) => buildCatalog(domains, applications, roles));
  catalog.catch(() => cache.delete(ctx.db));
  cache.set(ctx.db, { at: now, catalog });
  return catalog;
}

/** Drops this node's copy: the next read loads the catalog again. */
export function invalidateCatalog(ctx: Pick<AppContext, 'db'>): void {
  cache.delete(ctx.db);
}
