// A minimal relying application of Sésame: Node's http module and openid-client, nothing else.
// docs/relying-parties.md explains it line by line; e2e/relying-party-guide.test.ts runs it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';

export interface MinimalAppOptions {
  issuer: string; // Sésame's address, e.g. http://localhost:3000
  clientId: string;
  clientSecret: string;
  port?: number; // 0: any free port
}

export async function startMinimalApp(o: MinimalAppOptions) {
  const config = await client.discovery(new URL(o.issuer), o.clientId, undefined, client.ClientSecretBasic(o.clientSecret), o.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined);
  // Requests in flight, by their `state`: a real application keeps this in its session store.
  const pending = new Map<string, { verifier: string; nonce: string }>();
  let base = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    try {
      if (url.pathname === '/login') {
        const state = client.randomState();
        const nonce = client.randomNonce();
        const verifier = client.randomPKCECodeVerifier();
        pending.set(state, { verifier, nonce });
        const authorize = client.buildAuthorizationUrl(config, {
          redirect_uri: `${base}/callback`,
          scope: 'openid profile roles',
          state,
          nonce,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        res.writeHead(302, { location: authorize.href }).end();
      } else if (url.pathname === '/callback') {
        const state = url.searchParams.get('state') ?? '';
        const request = pending.get(state);
        pending.delete(state);
        if (!request) throw new Error('unknown state');
        const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: request.verifier, expectedState: state, expectedNonce: request.nonce });
        const claims = tokens.claims()!;
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sub: claims.sub, acr: claims.acr, name: `${userinfo.given_name} ${userinfo.family_name}`, roles: userinfo.roles ?? claims.roles ?? [] }));
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/login">Sign in with Sésame</a>');
      }
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Sign-in failed');
    }
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
