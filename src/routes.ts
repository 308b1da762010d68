import { sessionPlugin } from './authn/http-session';
import { authnRoutes } from './authn/routes';
import { codeRoutes } from './authn/codes/routes';
import { passwordRoutes } from './authn/password/routes';
import { selfServiceRoutes } from './authn/self-service/routes';
import { passkeyRoutes } from './authn/passkey/routes';
import { eidRoutes } from './authn/eid/routes';
import { itsmeRoutes } from './authn/itsme/routes';
import { oidcRoutes } from './oidc/routes';
import { devtoolsRoutes } from './platform/devtools/routes';
import type { RouteModule } from './platform/http/app';
import { devMailboxRoutes } from './platform/outbox/routes';
import { portalRoutes } from './portal/routes';
import { organisationRoutes } from './organisations/routes';

/** Every module's pages and APIs, in the order they are registered. */
export const routeModules: RouteModule[] = [sessionPlugin, portalRoutes, authnRoutes, passwordRoutes, codeRoutes, selfServiceRoutes, passkeyRoutes, eidRoutes, itsmeRoutes, oidcRoutes, devMailboxRoutes, devtoolsRoutes, organisationRoutes];
