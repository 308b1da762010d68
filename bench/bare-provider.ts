import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { CALLBACK, CLIENT_SECRET, discover, type OidcServer } from './oidc-flow';

const ACCOUNT = 'bench-person';

/**
 * oidc-provider as its documentation sets it up, the reference of the SSO
 * benchmark: the default in-memory adapter, a trivial findAccount, one
 * client, an RS256 signing key (as Sésame signs ID tokens), and an
 * interaction that logs the one account in and grants what is asked
 * (used only to establish each browser's session, before measuring).
 * With `refreshTokens`, the client also gets rotated refresh tokens, as
 * Sésame's do: the reference of the refresh grant.
 */
export async function startBareProvider(clientId: string, scope: string, options: { refreshTokens?: boolean } = {}): Promise<{ server: OidcServer; close(): Promise<void> }> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'bench' };
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: CLIENT_SECRET,
        redirect_uris: [CALLBACK],
        grant_types: options.refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
        response_types: ['code'],
        scope,
      },
    ],
    // As Sésame does for a client registered for refresh tokens (the grants benchmark's reference only).
    ...(options.refreshTokens ? { issueRefreshToken: () => true, rotateRefreshToken: true } : {}),
    jwks: { keys: [jwk] },
    cookies: { keys: ['a-benchmark-cookie-key-of-some-length'] },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ['sub'], profile: ['given_name', 'family_name'], email: ['email'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, given_name: 'Emma', family_name: 'Wouters', email: 'emma@example.test' }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const callback = provider.callback();

  http.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      const grant = new provider.Grant({ accountId: ACCOUNT, clientId });
      grant.addOIDCScope(scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });

  return {
    server: await discover(issuer),
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

/**
 * A bare oidc-provider (in-memory adapter) with one client-credentials
 * client: the yardstick of what the library alone does per core on this
 * machine, for the grants benchmark.
 */
export async function startBareClientCredentials(clientId: string): Promise<{ server: OidcServer; close(): Promise<void> }> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: CLIENT_SECRET, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'api' }],
    scopes: ['api'],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
  });
  http.on('request', provider.callback());
  return { server: await discover(issuer), close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}
