import { accessCatalogRoutes } from './access/catalog/routes';
import { sessionPlugin } from './authn/http-session';
import { authnRoutes } from './authn/routes';
import { codeRoutes } from './authn/codes/routes';
import { passwordRoutes } from './authn/password/routes';
import { selfServiceRoutes } from './authn/self-service/routes';
import { passkeyRoutes } from './authn/passkey/routes';
import { eidRoutes } from './authn/eid/routes';
import { itsmeRoutes } from './authn/itsme/routes';
import { oidcRoutes } from './oidc/routes';
import { formTargetRoutes } from './oidc/form-targets';
import { operatorRoutes } from './operators/routes';
import { samlRoutes } from './saml/routes';
import { devtoolsRoutes } from './platform/devtools/routes';
import type { RouteModule } from './platform/http/app';
import { devMailboxRoutes } from './platform/outbox/routes';
import { portalRoutes } from './portal/routes';
import { organisationRoutes } from './organisations/routes';
import { homeAccessRoutes } from './access/home/routes';
import { tasksAccessRoutes } from './access/tasks/routes';
import { invitationsAccessRoutes } from './access/invitations/routes';
import { assignmentsAccessRoutes } from './access/assignments/routes';
import { directAccessRoutes } from './access/direct/routes';
import { authorizationApiRoutes } from './access/api/routes';
import { eboxRoutes } from './ebox/routes';

/** Every module's pages and APIs, in the order they are registered. */
export const routeModules: RouteModule[] = [sessionPlugin, formTargetRoutes, portalRoutes, authnRoutes, passwordRoutes, codeRoutes, selfServiceRoutes, passkeyRoutes, eidRoutes, itsmeRoutes, oidcRoutes, samlRoutes, devMailboxRoutes, devtoolsRoutes, operatorRoutes, accessCatalogRoutes, organisationRoutes, homeAccessRoutes, tasksAccessRoutes, invitationsAccessRoutes, assignmentsAccessRoutes, directAccessRoutes, authorizationApiRoutes, eboxRoutes];
