import { createHash, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ITSME_ACR_ADVANCED, ITSME_ACR_BASIC, ITSME_JWE_ALG, ITSME_JWE_ENC, ITSME_NRN_CLAIM } from '../itsme/model';
import type { DemoAccount } from './accounts';

/** The one relying party of the demo provider: Sésame, registered as itsme registers its partners. */
export interface DemoClient {
  clientId: string;
  clientName: string;
  redirectUri: string;
  /** Where the provider fetches the client's public keys (signature of client assertions, encryption of ID tokens). */
  jwksUri: string;
}

export interface DemoProviderOptions {
  issuer: string;
  client: DemoClient;
  accounts: Map<string, DemoAccount>;
  /** Salt of the pairwise subject identifiers; stable salt, stable `sub`. */
  pairwiseSalt: string;
  /** Cookie names distinct from any other oidc-provider on the same host (Sésame's own provider uses the defaults). */
  cookiePrefix: string;
  renderError: NonNullable<Configuration['renderError']>;
}

/**
 * An oidc-provider that speaks what itsme speaks: authorization code with
 * PKCE, private_key_jwt client authentication, ID tokens and userinfo
 * signed (RS256) then encrypted (RSA-OAEP-256 / A128CBC-HS256), a pairwise
 * `sub`, the itsme acr values and the BENationalNumber claim. Its signing
 * key and cookie keys are generated at each start and live only in memory,
 * as do its grants (in-memory adapter): it is a demo.
 */
export async function createDemoProvider(options: DemoProviderOptions): Promise<Provider> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const signing = await exportJWK(privateKey);
  signing.kid = await calculateJwkThumbprint(signing);
  signing.use = 'sig';
  signing.alg = 'RS256';

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.client.clientId,
        client_name: options.client.clientName,
        redirect_uris: [options.client.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        jwks_uri: options.client.jwksUri,
        subject_type: 'pairwise',
        id_token_signed_response_alg: 'RS256',
        id_token_encrypted_response_alg: ITSME_JWE_ALG,
        id_token_encrypted_response_enc: ITSME_JWE_ENC,
        userinfo_signed_response_alg: 'RS256',
        userinfo_encrypted_response_alg: ITSME_JWE_ALG,
        userinfo_encrypted_response_enc: ITSME_JWE_ENC,
      },
    ],
    clientAuthMethods: ['private_key_jwt'],
    jwks: { keys: [signing as never] },
    cookies: {
      names: { session: `${options.cookiePrefix}session`, interaction: `${options.cookiePrefix}interaction`, resume: `${options.cookiePrefix}resume` },
      keys: [randomBytes(32).toString('base64url')],
    },
    features: {
      devInteractions: { enabled: false },
      encryption: { enabled: true },
      jwtUserinfo: { enabled: true },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
    },
    acrValues: [ITSME_ACR_BASIC, ITSME_ACR_ADVANCED],
    claims: { acr: null, auth_time: null, iss: null, sid: null, openid: ['sub'], [ITSME_NRN_CLAIM]: null },
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: async (_ctx: KoaContextWithOIDC, accountId: string, client) =>
      createHash('sha256').update(`${client.sectorIdentifier}\n${accountId}\n${options.pairwiseSalt}`).digest('base64url'),
    pkce: { required: () => true },
    enabledJWA: {
      idTokenEncryptionAlgValues: [ITSME_JWE_ALG],
      idTokenEncryptionEncValues: [ITSME_JWE_ENC],
      userinfoEncryptionAlgValues: [ITSME_JWE_ALG],
      userinfoEncryptionEncValues: [ITSME_JWE_ENC],
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = options.accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: account.phone,
        async claims() {
          return { sub: account.phone, ...(account.nrn ? { [ITSME_NRN_CLAIM]: account.nrn } : {}) };
        },
      };
    },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: options.renderError,
    // oidc-provider refuses to fetch from loopback and private addresses (SSRF protection); the demo runs
    // beside Sésame on localhost, so Sésame's own JWKS URL, and only it, is fetched without that check.
    fetch: (url, init) => {
      if (String(url) !== options.client.jwksUri) return globalThis.fetch(url, init);
      const { dispatcher: _ssrfProtected, ...rest } = init as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
  };
  return new Provider(options.issuer, configuration);
}
