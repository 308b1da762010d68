import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';

/** How Mon Espace talks to Sésame: a confidential OpenID client, exactly as any other application would (openid-client). */
export interface RelyingParty {
  /** The platform's issuer URL: forms of Mon Espace may lead there (logout). */
  readonly issuer: string;
  authorizationUrl(tx: Transaction): Promise<URL>;
  /** Exchanges the code of the callback URL; the claims merge the ID token and userinfo. */
  callback(url: URL, tx: Transaction): Promise<{ claims: Record<string, unknown>; idToken: string }>;
  endSessionUrl(idToken: string): Promise<URL>;
  /** Verifies a back-channel logout token; returns who to log out, or undefined when the token is not valid. */
  verifyLogoutToken(token: string): Promise<{ sub: string; sid?: string } | undefined>;
}

export interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
}

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  publicUrl: string;
  scope: string;
}

export function newTransaction(): Transaction {
  return { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
}

export function relyingParty(o: RelyingPartyOptions): RelyingParty {
  let discovered: Promise<client.Configuration> | undefined;
  // Discovered on first use, and again after a failure: Mon Espace may start before the platform answers.
  const configuration = () => {
    discovered ??= client
      .discovery(new URL(o.issuer), o.clientId, undefined, client.ClientSecretBasic(o.clientSecret), o.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  return {
    issuer: o.issuer,
    async authorizationUrl(tx) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: `${o.publicUrl}/callback`,
        scope: o.scope,
        state: tx.state,
        nonce: tx.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(tx.verifier),
        code_challenge_method: 'S256',
      });
    },
    async callback(url, tx) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: tx.verifier, expectedState: tx.state, expectedNonce: tx.nonce });
      const idClaims = tokens.claims()!;
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return { claims: { ...userinfo, ...idClaims }, idToken: tokens.id_token! };
    },
    async endSessionUrl(idToken) {
      return client.buildEndSessionUrl(await configuration(), { id_token_hint: idToken, post_logout_redirect_uri: `${o.publicUrl}/` });
    },
    async verifyLogoutToken(token) {
      const metadata = (await configuration()).serverMetadata();
      try {
        const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(metadata.jwks_uri!)), { issuer: metadata.issuer, audience: o.clientId, typ: 'logout+jwt' });
        const events = payload.events as Record<string, unknown> | undefined;
        if (!events || !('http://schemas.openid.net/event/backchannel-logout' in events) || typeof payload.sub !== 'string') return undefined;
        return { sub: payload.sub, ...(typeof payload.sid === 'string' ? { sid: payload.sid } : {}) };
      } catch {
        return undefined;
      }
    },
  };
}
