import type { FastifyReply, FastifyRequest } from 'fastify';
import { personForIdentification } from '../identity/service';
import { recordAudit, type AuditInput } from '../platform/audit/audit';
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

/** Who an identification names: a key that has already read the person (password) passes it, saving a lookup. */
export interface Identified {
  nrn: string;
  key: KeyId;
  person?: { id: string; nrn: string; givenName: string; familyName: string };
  /** Audit events of the identification's last step (the password attempt), written with the session. */
  audit?: AuditInput[];
}

/**
 * The one way a digital key ends an identification: the person behind the
 * national number gets a new session at the key's level (replacing any
 * earlier one, which is how a step-up works), the event is audited, and
 * the browser goes back to where the identification was asked for.
 *
 * The session, the events of `identified.audit` and the identification's
 * own event are written in one transaction, one append to the audit chain.
 * Should that transaction fail, the attempt's events are still written on
 * their own: every attempt stays in the log.
 */
export async function completeIdentification(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, identified: Identified) {
  const attempts = identified.audit ?? [];
  let written = false;
  try {
    const kind = keyKind(identified.key);
    const pending = pendingLogin(request);
    if (!atLeast(kind.loa, pending.loa)) throw new AppError('authn.level_too_low', 403);
    const person = identified.person?.nrn === identified.nrn ? identified.person : await personForIdentification(ctx, identified.nrn);
    const previous = request.session;
    const settings = request.server.sessionSettings;
    const { token } = await ctx.db.transaction().execute(async (trx) => {
      if (previous) await closeSession(trx, ctx.clock, previous.id);
      const opened = await openSession(trx, ctx.clock, settings, { personId: person.id, nrn: person.nrn, displayName: `${person.givenName} ${person.familyName}`, loa: kind.loa, key: kind.id, amr: kind.amr });
      await recordAudit(trx, ctx.clock.now(), [
        ...attempts,
        {
          actor: `person:${person.nrn}`,
          action: 'authn.identified',
          target: `person:${person.nrn}`,
          details: { key: kind.id, loa: kind.loa, replacedSession: Boolean(previous) },
          requestId: request.id,
        },
      ]);
      return opened;
    });
    written = true;
    reply.setCookie(SESSION_COOKIE, token, COOKIE_DEFAULTS);
    reply.clearCookie(LOGIN_COOKIE, COOKIE_DEFAULTS);
    return reply.redirect(pending.returnTo, 303);
  } catch (error) {
    if (!written && attempts.length > 0) await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx.clock.now(), attempts));
    throw error;
  }
}
