import { SESSION_COOKIE } from '../../authn/http-session';
import { keyKind, type KeyId } from '../../authn/keys';
import { openSession } from '../../authn/session';
import { personForIdentification } from '../../identity/service';
import type { AppContext } from '../context';
import type { TestApp, TestBrowser } from './app';

/**
 * Opens a session for a person of the registers as if they had just
 * identified with `key`, and returns its cookie token. The keys' own tests
 * walk the real identification; other tests start from here.
 */
export async function openTestSession(ctx: AppContext, nrn: string, key: KeyId = 'eid') {
  const person = await personForIdentification(ctx, nrn);
  const kind = keyKind(key);
  const settings = { idleMs: ctx.config.sessionIdleMs, maxAgeMs: ctx.config.sessionMaxAgeMs };
  const { token, session } = await openSession(ctx.db, ctx.clock, settings, {
    personId: person.id,
    nrn: person.nrn,
    displayName: `${person.givenName} ${person.familyName}`,
    loa: kind.loa,
    key: kind.id,
    amr: kind.amr,
  });
  return { person, session, token };
}

/** Gives a test browser (HTTP tests) a session, as openTestSession. */
export async function signIn(t: TestApp, browser: TestBrowser, nrn: string, key: KeyId = 'eid') {
  const opened = await openTestSession(t.ctx, nrn, key);
  browser.setCookie(SESSION_COOKIE, opened.token);
  return opened;
}
