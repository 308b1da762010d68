import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endBrowserSession } from '../authn/http-session';
import type { AppContext } from '../platform/context';
import type { RouteModule } from '../platform/http/app';
import { endpoints, metadataXml, octetStringOf, type Binding, type Incoming } from './idp';
import { applyServiceProviderCatalog } from './service-providers';
import { loadSigningKey } from './signing-key';
import { answerLogout, notifyServiceProviders, receiveLogoutRequest } from './slo';
import { continueLogin, receiveAuthnRequest, type Received } from './sso';
import { pruneExpired } from './store';
import { AUTO_SUBMIT_HASH, PostToServiceProvider, RequestExpired, RequestRefused } from './views/pages';

const PRUNE_EVERY_MS = 10 * 60_000;

function incoming(request: FastifyRequest, binding: Binding): Incoming {
  return {
    binding,
    query: (request.query ?? {}) as Record<string, unknown>,
    body: (binding === 'post' ? request.body ?? {} : {}) as Record<string, unknown>,
    ...(binding === 'redirect' ? { octetString: octetStringOf(request.url, 'SAMLRequest') } : {}),
  };
}

function answerReceived(reply: FastifyReply, received: Received) {
  if (received.kind === 'refused') return reply.render(<RequestRefused reason={received.reason} entityId={received.entityId} />, received.reason === 'unknown_sp' ? 404 : 400);
  // 303: the browser follows with a GET, a top-level navigation that carries our SameSite=Lax session cookie.
  return reply.redirect(received.location, 303);
}

/** The page that posts the Response may run its one inline script and submit to the SP's ACS origin (besides our own pages). */
function allowPostTo(reply: FastifyReply, acsUrl: string) {
  const policy = String(reply.getHeader('content-security-policy') ?? '');
  const origin = new URL(acsUrl).origin;
  reply.header(
    'content-security-policy',
    policy.replace(/script-src ([^;]*)/, `script-src $1 ${AUTO_SUBMIT_HASH}`).replace(/form-action ([^;]*)/, `form-action $1 ${origin}`),
  );
}

/**
 * The SAML 2.0 identity provider: metadata at /saml/metadata, single
 * sign-on at /saml/sso and single logout at /saml/slo, each in the
 * HTTP-Redirect and HTTP-POST bindings. SPs post cross-site, so the POST
 * endpoints are exempt from our CSRF check (the SAML message is its own
 * proof: issuer, signature, ID never seen before) and they never act on
 * the session themselves: they store the checked request and send the
 * browser to a GET page of ours, which does see the session cookie.
 */
export const samlRoutes: RouteModule = async (app: FastifyInstance, ctx: AppContext) => {
  await applyServiceProviderCatalog(ctx, ctx.config.oidcClientsFile, (message) => app.log.info(message));
  const key = await loadSigningKey(ctx);
  const urls = endpoints(ctx.config.publicUrl);

  const timer = setInterval(() => void pruneExpired(ctx.db, ctx.clock.now()).catch((error: unknown) => app.log.error({ err: error }, 'SAML prune failed')), PRUNE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  // Whatever ends the session (POST /logout, OpenID logout, an SP's LogoutRequest): the other SPs are told back-channel.
  app.sessionEndHooks.push(async (session) => notifyServiceProviders(ctx, key, session, app.log));

  app.get('/saml/metadata', { config: { csrf: false } }, async (_request, reply) => {
    return reply.type('application/samlmetadata+xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(metadataXml(key, urls));
  });

  app.get('/saml/sso', async (request, reply) => answerReceived(reply, await receiveAuthnRequest(ctx, key, incoming(request, 'redirect'))));
  app.post('/saml/sso', { config: { csrf: false } }, async (request, reply) => answerReceived(reply, await receiveAuthnRequest(ctx, key, incoming(request, 'post'))));

  app.get<{ Params: { handle: string } }>('/saml/sso/continue/:handle', async (request, reply) => {
    const outcome = await continueLogin(ctx, key, request.params.handle, request.session, request.id);
    if (outcome.kind === 'expired') return reply.render(<RequestExpired />, 400);
    if (outcome.kind === 'identify') return reply.redirect(outcome.location, 303);
    allowPostTo(reply, outcome.acsUrl);
    return reply.render(<PostToServiceProvider acsUrl={outcome.acsUrl} samlResponse={outcome.samlResponse} relayState={outcome.relayState} spName={outcome.spName} />);
  });

  const receiveLogout = async (request: FastifyRequest, reply: FastifyReply, binding: Binding) => {
    const message = incoming(request, binding);
    const source = binding === 'redirect' ? message.query : message.body;
    // We send LogoutRequests back-channel only, so a LogoutResponse here is stray: nothing to do but go home.
    if (source.SAMLResponse !== undefined && source.SAMLRequest === undefined) return reply.redirect('/', 303);
    return answerReceived(reply, await receiveLogoutRequest(ctx, key, message));
  };
  app.get('/saml/slo', async (request, reply) => receiveLogout(request, reply, 'redirect'));
  app.post('/saml/slo', { config: { csrf: false } }, async (request, reply) => receiveLogout(request, reply, 'post'));

  /** SP-initiated logout: the session ends everywhere (every hook first, as POST /logout does), then the SP gets its LogoutResponse. */
  app.get<{ Params: { handle: string } }>('/saml/slo/continue/:handle', async (request, reply) => {
    const session = request.session;
    const outcome = await answerLogout(ctx, key, request.params.handle, session);
    if (outcome.kind === 'expired') return reply.render(<RequestExpired />, 400);
    if (outcome.endSession && session) await endBrowserSession(ctx, request, reply, { via: 'saml.sp_initiated_logout', sp: outcome.spEntityId });
    return reply.redirect(outcome.location, 303);
  });
};
