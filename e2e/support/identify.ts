import type { BrowserContext } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/authn/http-session';
import type { KeyId } from '../../src/authn/keys';
import { openTestSession } from '../../src/platform/testing/session';
import type { TestServer } from './server';

/**
 * Gives a browser context a session as if the person had just identified
 * with `key` (the keys' own journeys walk the real identification). Load
 * the demo registers first.
 */
export async function identifyInBrowser(server: TestServer, context: BrowserContext, nrn: string, key: KeyId = 'eid') {
  const { person, session, token } = await openTestSession(server.ctx, nrn, key);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.baseUrl, httpOnly: true, secure: true, sameSite: 'Lax' }]);
  return { person, session };
}
