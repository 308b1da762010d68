import type { FastifyReply, FastifyRequest } from 'fastify';
import { personForIdentification } from '../identity/service';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { localPath } from '../platform/http/language';
import { COOKIE_DEFAULTS } from '../platform/http/security';
import { SESSION_COOKIE } from './http-session';
import { keyKind, type KeyId } from './keys';
import { atLeast, isLoa, type Loa } from './loa';
import { closeSession, openSession } from './session';

/** Where an identification in progress goes back to, and the level it must reach; kept in a signed cookie. */
export interface PendingLogin {
  returnTo: string;
  loa: Loa;
}

const LOGIN_COOKIE = 'sesame_login';
const LOGIN_COOKIE_MAX_AGE = 30 * 60;

export function rememberPendingLogin(reply: FastifyReply, pending: PendingLogin) {
  reply.setCookie(LOGIN_COOKIE, JSON.stringify(pending), { ...COOKIE_DEFAULTS, signed: true, maxAge: LOGIN_COOKIE_MAX_AGE });
}

/** The identification in progress; a missing or forged cookie means "back to the home page, any level". */
export function pendingLogin(request: FastifyRequest): PendingLogin {
  const raw = request.cookies[LOGIN_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (unsigned?.valid && unsigned.value) {
    try {
      const parsed = JSON.parse(unsigned.value) as Partial<PendingLogin>;
      return { returnTo: localPath(parsed.returnTo), loa: isLoa(parsed.loa) ? parsed.loa : 'low' };
    } catch {
      // fall through to the default
    }
  }
  return { returnTo: '/', loa: 'low' };
}

/**
 * The one way a digital key ends an identification: the person behind the
 * national number gets a new session at the key's level (replacing any
 * earlier one, which is how a step-up works), the event is audited, and
 * the browser goes back to where the identification was asked for.
 */
export async function completeIdentification(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  identified: { nrn: string; key: KeyId },
) {
  const kind = keyKind(identified.key);
  const pending = pendingLogin(request);
  if (!atLeast(kind.loa, pending.loa)) throw new AppError('authn.level_too_low', 403);
  const person = await personForIdentification(ctx, identified.nrn);
  const previous = request.session;
  const settings = request.server.sessionSettings;
  const { token } = await ctx.db.transaction().execute(async (trx) => {
    if (previous) await closeSession(trx, ctx.clock, previous.id);
    const opened = await openSession(trx, ctx.clock, settings, { personId: person.id, nrn: person.nrn, displayName: `${person.givenName} ${person.familyName}`, loa: kind.loa, key: kind.id, amr: kind.amr });
    await recordAudit(trx, ctx.clock.now(), {
      actor: `person:${person.nrn}`,
      action: 'authn.identified',
      target: `person:${person.nrn}`,
      details: { key: kind.id, loa: kind.loa, replacedSession: Boolean(previous) },
      requestId: request.id,
    });
    return opened;
  });
  reply.setCookie(SESSION_COOKIE, token, COOKIE_DEFAULTS);
  reply.clearCookie(LOGIN_COOKIE, COOKIE_DEFAULTS);
  return reply.redirect(pending.returnTo, 303);
}
