import type { BrowserContext } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/authn/http-session';
import { keyKind, type KeyId } from '../../src/authn/keys';
import { openSession } from '../../src/authn/session';
import { personForIdentification } from '../../src/identity/service';
import type { TestServer } from './server';

/**
 * Gives a browser context a session as if the person had just identified
 * with `key` (the keys' own journeys walk the real identification). Load
 * the demo registers first.
 */
export async function identifyInBrowser(server: TestServer, context: BrowserContext, nrn: string, key: KeyId = 'eid') {
  const { ctx } = server;
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
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.baseUrl, httpOnly: true, secure: true, sameSite: 'Lax' }]);
  return { person, session };
}
