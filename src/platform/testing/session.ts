import { SESSION_COOKIE } from '../../authn/http-session';
import { keyKind, type KeyId } from '../../authn/keys';
import { openSession } from '../../authn/session';
import { personForIdentification } from '../../identity/service';
import type { TestApp, TestBrowser } from './app';

/**
 * Gives a test browser a session for a person of the registers, as if they
 * had just identified with `key`. The keys' own tests walk the real
 * identification; other tests start from here.
 */
export async function signIn(t: TestApp, browser: TestBrowser, nrn: string, key: KeyId = 'eid') {
  const person = await personForIdentification(t.ctx, nrn);
  const kind = keyKind(key);
  const { token, session } = await openSession(t.ctx.db, t.ctx.clock, t.app.sessionSettings, {
    personId: person.id,
    nrn: person.nrn,
    displayName: `${person.givenName} ${person.familyName}`,
    loa: kind.loa,
    key: kind.id,
    amr: kind.amr,
  });
  browser.setCookie(SESSION_COOKIE, token);
  return { person, session, token };
}
