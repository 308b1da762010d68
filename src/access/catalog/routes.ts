import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';
import type { RouteModule } from '../../platform/http/app';
import { applyCatalog, describeApplied } from './apply';

/**
 * Applies the role catalog (CATALOG_DIR) when the application is built, so
 * every page and module after it reads an up-to-date catalog. A refused
 * catalog stops the start with every problem's file and line.
 */
export const accessCatalogRoutes: RouteModule = async (app: FastifyInstance, ctx: AppContext) => {
  const applied = await applyCatalog(ctx, ctx.config.catalogDir);
  app.log.info(describeApplied(applied, ctx.config.catalogDir));
};
