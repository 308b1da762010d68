import { sessionPlugin } from './authn/http-session';
import { authnRoutes } from './authn/routes';
import { devtoolsRoutes } from './platform/devtools/routes';
import type { RouteModule } from './platform/http/app';
import { devMailboxRoutes } from './platform/outbox/routes';
import { portalRoutes } from './portal/routes';

/** Every module's pages and APIs, in the order they are registered. */
export const routeModules: RouteModule[] = [sessionPlugin, portalRoutes, authnRoutes, devMailboxRoutes, devtoolsRoutes];
