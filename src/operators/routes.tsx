import type { FastifyInstance } from 'fastify';
import { requireSession } from '../authn/http-session';
import { listClients } from '../oidc/clients';
import type { AppContext } from '../platform/context';
import { ForbiddenError } from '../platform/errors';
import { listServiceProviders } from '../saml/service-providers';
import { ClientsPage } from './views/clients-page';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The operators' view of the relying applications. Operators are named by
 * national register number in OPERATORS: the platform has no operator
 * mandate of its own, and who runs it is a deployment fact, not a
 * delegation an enterprise makes. Registering stays in the catalog file and
 * the command line, where it is reviewed and versioned.
 */
export function operatorRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addHook('preHandler', requireSession('high'));
  app.addHook('preHandler', async (request) => {
    if (!ctx.config.operators.includes(request.session!.nrn)) throw new ForbiddenError('operators.errors.forbidden');
  });

  app.get('/operators/clients', async (_request, reply) => {
    const [clients, providers] = await Promise.all([listClients(ctx), listServiceProviders(ctx)]);
    const oidc = clients.map((c) => ({
      id: c.clientId,
      name: typeof c.metadata.client_name === 'string' ? c.metadata.client_name : '',
      minLoa: c.minLoa,
      grants: strings(c.metadata.grant_types),
      urls: [...strings(c.metadata.redirect_uris), ...strings(c.metadata.post_logout_redirect_uris), ...strings([c.metadata.backchannel_logout_uri])],
      source: c.source,
    }));
    const saml = providers.map((sp) => ({
      id: sp.entityId,
      name: sp.name ?? '',
      minLoa: sp.minLoa,
      urls: [...sp.acsUrls, ...(sp.sloUrl ? [sp.sloUrl] : []), ...(sp.sloSoapUrl ? [sp.sloSoapUrl] : [])],
      releaseNrn: sp.releaseNrn,
      source: sp.source,
    }));
    return reply.render(<ClientsPage oidc={oidc} saml={saml} />);
  });
}
