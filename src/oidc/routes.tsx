import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { endBrowserSession } from '../authn/http-session';
import type { AppContext } from '../platform/context';
import type { RouteModule } from '../platform/http/app';
import { linkProviderSession } from './adapter';
import { applyCatalogFile } from './clients';
import { registerEnterpriseChoice } from './enterprise-choice';
import { widenFormAction } from './form-targets';
import { finishInteraction } from './interaction';
import { endProviderSessions } from './logout';
import { OIDC_PREFIX, attach, createProvider, type ProviderHooks } from './provider';
import { startProviderHolder } from './provider-holder';
import { InteractionExpired } from './views/provider-pages';

/**
 * The OpenID provider, mounted in Fastify: its endpoints under /oidc/… and
 * discovery at /.well-known/openid-configuration; our own interaction route
 * /interaction/:uid decides, from the browser's single-sign-on session,
 * whether the person must identify (or step up) or the request is answered.
 */
export const oidcRoutes: RouteModule = async (app: FastifyInstance, ctx: AppContext) => {
  await applyCatalogFile(ctx, ctx.config.oidcClientsFile, (message) => app.log.info(message));

  const hooks: ProviderHooks = {
    // RP-initiated logout at the provider ends the single-sign-on session too.
    async onLogoutConfirmed(request, reply) {
      if (request.session) await endBrowserSession(ctx, request, reply, { via: 'oidc.rp_initiated_logout' });
    },
    async onLogin(session, providerSessionUid) {
      await linkProviderSession(ctx.db, providerSessionUid, session.id, session.expiresAt);
    },
  };
  const holder = await startProviderHolder(ctx, (jwks) => createProvider(ctx, jwks, hooks), app.log);
  app.addHook('onClose', async () => holder.stop());

  // POST /logout: every application of the session is told (back-channel) before the session ends.
  // sessionEndHooks is one array shared by the whole application: pushing here reaches /logout.
  app.sessionEndHooks.push(async (session) => {
    await endProviderSessions(holder.current, ctx.db, session, app.log);
  });

  // The provider parses its own bodies and has its own CSRF protections (state, PKCE, xsrf on logout).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      attach(request.raw, { request, reply });
      await widenFormAction(ctx, reply.raw);
      reply.hijack();
      await holder.callback(request.raw, reply.raw);
    };
    scope.all(`${OIDC_PREFIX}/*`, { config: { csrf: false } }, handler);
    scope.get('/.well-known/openid-configuration', { config: { csrf: false } }, handler);
  });

  registerEnterpriseChoice(app, ctx, () => holder.current);

  app.get<{ Params: { uid: string } }>('/interaction/:uid', async (request, reply) => {
    const provider: Provider = holder.current;
    const outcome = await finishInteraction(ctx, provider, request, reply);
    if (outcome.kind === 'expired') return reply.render(<InteractionExpired />, 400);
    return reply.redirect(outcome.location, 303);
  });
};
