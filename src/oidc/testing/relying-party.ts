import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

/**
 * A browser for the tests of the provider: follows redirects one by one,
 * keeps cookies (by name; enough for one origin), stops at the relying
 * party's callback.
 */
export class CookieBrowser {
  readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return response;
  }

  /** Follows redirects from `url` until one leads to a URL starting with one of `stopAt` or a page answers. */
  async follow(url: string, ...stopAt: string[]): Promise<{ url: string; response: Response | undefined }> {
    let current = url;
    for (let hop = 0; hop < 15; hop++) {
      if (stopAt.some((prefix) => current.startsWith(prefix))) return { url: current, response: undefined };
      const response = await this.fetch(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }
}

/** Listens for back-channel logout tokens and verifies them against the provider's keys. */
export async function startBackchannelReceiver(issuer: string, jwksUri: string, clientId: string) {
  const received: JWTPayload[] = [];
  const jwks = createRemoteJWKSet(new URL(jwksUri));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token') ?? '';
      jwtVerify(token, jwks, { issuer, audience: clientId, typ: 'logout+jwt' })
        .then(({ payload }) => {
          received.push(payload);
          res.writeHead(200).end();
        })
        .catch(() => res.writeHead(400).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/backchannel-logout`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A free port on the loopback interface, so the issuer URL can be known before the app listens. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
