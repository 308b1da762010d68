import type { RouteModule } from './platform/http/app';
import { portalRoutes } from './portal/routes';

/** Every module's pages and APIs, in the order they are registered. */
export const routeModules: RouteModule[] = [portalRoutes];
