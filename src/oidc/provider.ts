import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Session } from '../authn/session';
import { eidCertificateForSession } from '../authn/eid/service';
import { atLeast, type AcrAliases } from '../authn/loa';
import { personById, type Person } from '../identity/service';
import type { AppContext } from '../platform/context';
import { takePendingCookies } from '../platform/http/security';
import { rolesClaims } from './acting-for';
import { findGrantIdentification, KyselyAdapter } from './adapter';
import { SCOPE_CLAIMS, certificateClaims, personClaims } from './claims';
import { clientSecretMatches, encryptionKey } from './crypto';
import { acrFor, acrValuesSupported, clientMinLoa, levelForRequest } from './model';
import { TTL } from './ttl';
import { renderProviderError, renderLogoutConfirmation, renderLogoutDone } from './views/provider-pages';

/** Where the provider's endpoints live, below the issuer (discovery stays at /.well-known/openid-configuration). */
export const OIDC_PREFIX = '/oidc';

/** The Fastify request a provider request came from: its session, language, CSRF token and headers. */
export interface Attached {
  request: FastifyRequest;
  reply: FastifyReply;
}
const attached = new WeakMap<IncomingMessage, Attached>();

export function attach(raw: IncomingMessage, value: Attached) {
  attached.set(raw, value);
}
export function attachedTo(raw: IncomingMessage): Attached | undefined {
  return attached.get(raw);
}

function ourSession(ctx: KoaContextWithOIDC): Session | undefined {
  return attachedTo(ctx.req)?.request.session;
}

/**
 * A provider session is reused only while it still stands for the
 * browser's single-sign-on session (same person, same identification) and
 * that session reaches the level this request needs; otherwise the
 * interaction runs, and our route decides (identify, step up, or finish).
 */
const singleSignOnCheck = (aliases: AcrAliases) =>
  new interactionPolicy.Check('sesame_session', 'the single sign-on session does not cover this request', 'login_required', (ctx) => {
    const { oidc } = ctx;
    const session = ourSession(ctx);
    if (!session || !oidc.session?.accountId) return interactionPolicy.Check.REQUEST_PROMPT;
    if (session.personId !== oidc.session.accountId) return interactionPolicy.Check.REQUEST_PROMPT;
    if (oidc.session.loginTs !== Math.floor(session.authTime.getTime() / 1000)) return interactionPolicy.Check.REQUEST_PROMPT;
    const acrValues = oidc.params?.acr_values as string | undefined;
    if (!atLeast(session.loa, levelForRequest(clientMinLoa(oidc.client?.['min_loa']), acrValues, aliases))) return interactionPolicy.Check.REQUEST_PROMPT;
    if (oidc.session.acr !== acrFor(session, acrValues, aliases)) return interactionPolicy.Check.REQUEST_PROMPT;
    return interactionPolicy.Check.NO_NEED_TO_PROMPT;
  });

function policy(aliases: AcrAliases) {
  const base = interactionPolicy.base();
  base.get('login')!.checks.add(singleSignOnCheck(aliases));
  // prompt=select_account: the person chooses again the enterprise they act for (enterprise-decision.ts).
  base.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 1);
  return base;
}

export interface ProviderHooks {
  /** RP-initiated logout confirmed: ends our single-sign-on session too. */
  onLogoutConfirmed(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** A login finished: the provider session (by uid) now stands for this single-sign-on session. */
  onLogin(session: Session, providerSessionUid: string): Promise<void>;
}

/** The OpenID provider, configured for Sésame. Build once per set of signing keys. */
export function createProvider(ctx: AppContext, jwks: { keys: object[] }, hooks: ProviderHooks): Provider {
  const sessionSeconds = Math.floor(ctx.config.sessionMaxAgeMs / 1000);
  const configuration: Configuration = {
    adapter: (name: string) => new KyselyAdapter(name, ctx.db),
    jwks: jwks as Configuration['jwks'],
    cookies: {
      keys: [encryptionKey(ctx.cookieSecret, 'oidc-cookies').toString('base64url')],
      // Transient like our own session cookie: the provider session ends with the browser too.
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      end_session: `${OIDC_PREFIX}/session/end`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      jwks: `${OIDC_PREFIX}/jwks`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      registration: `${OIDC_PREFIX}/reg`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/me`,
      challenge: `${OIDC_PREFIX}/challenge`,
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (koa, form) => {
          const { request, reply } = attachedTo(koa.req)!;
          koa.type = 'html';
          koa.body = renderLogoutConfirmation(request, reply, form);
        },
        postLogoutSuccessSource: (koa) => {
          const { request, reply } = attachedTo(koa.req)!;
          koa.type = 'html';
          koa.body = renderLogoutDone(request, reply);
        },
      },
    },
    extraClientMetadata: {
      properties: ['min_loa'],
      validator(_ctx, key, value) {
        if (key === 'min_loa' && value !== undefined && clientMinLoa(value) !== value) throw new Error('min_loa must be low, substantial or high');
      },
    },
    claims: { ...SCOPE_CLAIMS, sid: null } as unknown as Configuration['claims'],
    scopes: ['openid', 'offline_access', 'profile', 'email', 'egovnrn', 'certificateInfo', 'roles', 'api', 'authorization', 'ebox'],
    acrValues: acrValuesSupported(ctx.config.acrAliases),
    async findAccount(koa, sub, token) {
      let read: Promise<Person | undefined> | undefined;
      const load = () => (read ??= personById(ctx, sub));
      // The browser's session was read with its person in this very request (the authorization endpoint):
      // the account exists, and the person is read only if claims are asked for (never, for a code).
      if (ourSession(koa)?.personId !== sub && !(await load())) return undefined;
      const grantId = (token as { grantId?: string } | undefined)?.grantId;
      return {
        accountId: sub,
        async claims(_use, scope) {
          const person = await load();
          if (!person) return { sub };
          // Only with the roles scope: the rights in the enterprise chosen at login (acting-for.ts).
          const roles = scope.split(' ').includes('roles') ? await rolesClaims(ctx, grantId, sub, (token as { clientId?: string } | undefined)?.clientId ?? koa.oidc?.client?.clientId) : {};
          // The certificate is looked up only when an application was granted certificateInfo.
          if (!grantId || !scope.split(' ').includes('certificateInfo')) return { ...personClaims(person), ...roles };
          const identification = await findGrantIdentification(ctx.db, grantId);
          const cert = identification && identification.nrn === person.nrn ? await eidCertificateForSession(ctx, identification) : undefined;
          return { ...personClaims(person), ...(cert ? certificateClaims(cert) : {}), ...roles };
        },
      };
    },
    interactions: { url: (_koa, interaction) => `/interaction/${interaction.uid}`, policy: policy(ctx.config.acrAliases) },
    // Applications registered for refresh tokens get them without offline_access: they are operators' applications.
    issueRefreshToken: (_koa, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AuthorizationCode: TTL.AuthorizationCode,
      AccessToken: TTL.AccessToken,
      ClientCredentials: TTL.ClientCredentials,
      IdToken: TTL.IdToken,
      Interaction: TTL.Interaction,
      RefreshToken: sessionSeconds,
      Session: sessionSeconds,
      Grant: sessionSeconds,
    },
    // Every URL the provider calls (back-channel logout) comes from an operator-registered client, and
    // relying applications often live on private networks: the library's special-use-address guard,
    // meant for self-registered clients, would refuse them.
    fetch: (url, options) => {
      const { dispatcher: _guard, ...rest } = options as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
    renderError: (koa, out) => {
      const found = attachedTo(koa.req);
      koa.type = 'html';
      koa.body = found ? renderProviderError(found.request, found.reply, out.error) : `<!doctype html><title>${out.error}</title>`;
    },
  };

  const provider = new Provider(ctx.config.publicUrl, configuration);
  provider.proxy = ctx.config.trustProxy;

  // The stored "secret" is a hash: compare the hash of what the client sent.
  provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    return Boolean(this.clientSecret) && clientSecretMatches(actual, this.clientSecret!);
  };

  provider.use(async (koa, next) => {
    const found = attachedTo(koa.req);
    // Fastify's headers (security headers, request id) go first, so the provider can extend the CSP for its inline scripts.
    if (found) {
      for (const [name, value] of Object.entries(found.reply.getHeaders())) {
        if (name !== 'set-cookie' && value !== undefined) koa.set(name, typeof value === 'number' ? String(value) : value);
      }
    }
    await next();
    if (!found) return;
    const route = koa.oidc?.route;
    const session = found.request.session;
    if (route === 'resume' && session && koa.oidc?.session?.accountId === session.personId) await hooks.onLogin(session, koa.oidc.session.uid);
    if (route === 'end_session_confirm' && koa.status === 303) await hooks.onLogoutConfirmed(found.request, found.reply);
    // Our cookies (a stale session's cleared, the session ended by a logout) join the provider's.
    const ours = takePendingCookies(found.reply);
    if (ours.length > 0) {
      const existing = koa.response.get('set-cookie') as unknown as string[] | string | undefined;
      koa.set('set-cookie', [existing ?? [], ours].flat().filter((c) => c.length > 0));
    }
  });
  return provider;
}
