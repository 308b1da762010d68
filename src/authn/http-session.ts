import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { ForbiddenError } from '../platform/errors';
import type { RouteModule } from '../platform/http/app';
import { COOKIE_DEFAULTS } from '../platform/http/security';
import { atLeast, type Loa } from './loa';
import { closeSession, resumeSession, type Session, type SessionSettings } from './session';

/** The session cookie has no expiry date: it ends with the browser, as the guides promise. */
export const SESSION_COOKIE = 'sesame_session';

/** Something to do when a session ends (e.g. back-channel logout of its applications). */
export type SessionEndHook = (session: Session, request: FastifyRequest) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The live single-sign-on session of this browser, if any. */
    session: Session | undefined;
  }
  interface FastifyInstance {
    sessionSettings: SessionSettings;
    sessionEndHooks: SessionEndHook[];
  }
}

/** Reads the session of every request; global so that every module sees `request.session`. */
export const sessionPlugin: RouteModule = (app, ctx) => {
  app.decorate('sessionSettings', { idleMs: ctx.config.sessionIdleMs, maxAgeMs: ctx.config.sessionMaxAgeMs });
  app.decorate('sessionEndHooks', [] as SessionEndHook[]);
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    // The idle-warning script asks how long is left without counting as activity.
    const touch = request.url !== '/session/status';
    request.session = await resumeSession(ctx.db, ctx.clock, app.sessionSettings, token, touch);
    if (!request.session) reply.clearCookie(SESSION_COOKIE, COOKIE_DEFAULTS);
    else request.viewer = { name: request.session.displayName };
  });
};
sessionPlugin.global = true;

/**
 * Guards a page: without a session at the level asked for, the person is
 * sent to identify (again, with a stronger key if needed) and comes back.
 */
export function requireSession(level: Loa = 'low') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.session && atLeast(request.session.loa, level)) return;
    if (request.method !== 'GET' || request.url.startsWith('/api/')) {
      return reply.status(401).send({ error: { code: 'authn.required', message: request.t('authn.login.intro') } });
    }
    return reply.redirect(`/login?${new URLSearchParams({ return: request.url, loa: level })}`, 303);
  };
}

/**
 * Who acts in a request that requireSession let through: the session's
 * person, as the services name an actor. Without a session it refuses,
 * should a route ever forget its guard.
 */
export function sessionActor(request: FastifyRequest): { personId: string; nrn: string } {
  if (!request.session) throw new ForbiddenError();
  return { personId: request.session.personId, nrn: request.session.nrn };
}

/**
 * Logout, by whichever door (our /logout, an application's RP-initiated
 * logout, a SAML service provider's): every end hook first (back-channel
 * logout of the session's applications, SAML logout of its service
 * providers), then the session closed and the logout audited in one
 * transaction, then the cookie cleared. `details` says which door.
 */
export async function endBrowserSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, details?: Record<string, string>): Promise<void> {
  const session = request.session;
  if (session) {
    for (const hook of request.server.sessionEndHooks) await hook(session, request);
    await ctx.db.transaction().execute(async (trx) => {
      await closeSession(trx, ctx.clock, session.id);
      await recordAudit(trx, ctx.clock.now(), { actor: `person:${session.nrn}`, action: 'authn.logged_out', target: `person:${session.nrn}`, ...(details ? { details } : {}), requestId: request.id });
    });
    request.session = undefined;
  }
  reply.clearCookie(SESSION_COOKIE, COOKIE_DEFAULTS);
}
