import { createHash, randomBytes } from 'node:crypto';
import { SESSION_COOKIE } from '../src/authn/http-session';
import { saveClient } from '../src/oidc/clients';
import { CookieBrowser, freePort } from '../src/oidc/testing/relying-party';
import { createTestApp, type TestApp } from '../src/platform/testing/app';
import { openTestSession } from '../src/platform/testing/session';
import { DEMO, loadDemoRegisters } from '../src/registries/demo';

/** A relying application's side of the flows, shared by the OpenID benchmarks. */
export const CALLBACK = 'http://127.0.0.1:9/rp/callback';
export const CLIENT_SECRET = 'a-benchmark-client-secret-of-at-least-32-characters';

export interface OidcServer {
  /** The issuer; endpoints are read from its discovery document. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

export async function discover(issuer: string): Promise<OidcServer> {
  const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  return { issuer, authorizationEndpoint: metadata.authorization_endpoint, tokenEndpoint: metadata.token_endpoint };
}

export function basic(clientId: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`;
}

/** POST to the token endpoint; throws unless it answers 200. */
export async function tokenRequest(server: OidcServer, clientId: string, form: Record<string, string>): Promise<Record<string, string>> {
  const response = await fetch(server.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: basic(clientId), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const body = (await response.json()) as Record<string, string>;
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * One authorization-code flow with PKCE for a browser that has a session:
 * authorization request → redirect with a code (following any redirects
 * the provider needs, e.g. its interaction the first time) → token exchange.
 */
export async function codeFlow(server: OidcServer, browser: CookieBrowser, clientId: string, scope: string): Promise<Record<string, string>> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(server.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const reached = await browser.follow(url.href, CALLBACK);
  const back = new URL(reached.url);
  const code = back.searchParams.get('code');
  if (!reached.url.startsWith(CALLBACK) || !code || back.searchParams.get('state') !== state) {
    throw new Error(`the authorization request ended at ${reached.url} (${reached.response?.status})`);
  }
  const tokens = await tokenRequest(server, clientId, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier });
  if (!tokens.id_token) throw new Error('no ID token');
  return tokens;
}

/** Sésame on a real port, with the demo registers and the given clients. */
export async function startSesame(clients: Parameters<typeof saveClient>[1][]): Promise<{ t: TestApp; server: OidcServer }> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ PUBLIC_URL: issuer, RATE_LIMIT_PER_MINUTE: '100000000' });
  // The provider measures time with the real clock: align the test clock on it.
  t.ctx.clock.set(new Date());
  await loadDemoRegisters(t.ctx.db);
  for (const client of clients) await saveClient(t.ctx, client, 'cli');
  await t.app.listen({ host: '127.0.0.1', port });
  return { t, server: await discover(issuer) };
}

/** A browser whose person has just identified with their eID card, as signIn does for the tests. */
export async function sesameBrowser(t: TestApp): Promise<CookieBrowser> {
  const { token } = await openTestSession(t.ctx, DEMO.persons.citizen, 'eid');
  const browser = new CookieBrowser();
  browser.cookies.set(SESSION_COOKIE, token);
  return browser;
}
