import { SESSION_COOKIE } from '../http-session';
import { keyKind, type KeyId } from '../keys';
import { openSession } from '../session';
import { personForIdentification } from '../../identity/service';
import type { TestApp, TestBrowser } from '../../platform/testing/app';

/** Gives a test browser a session as if the person had just identified with `key` (tests of this module only). */
export async function identifyAs(t: TestApp, browser: TestBrowser, nrn: string, key: KeyId) {
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
  return { person, session };
}
