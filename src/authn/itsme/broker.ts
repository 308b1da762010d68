import * as client from 'openid-client';
import type { Config } from '../../config';
import type { AppContext } from '../../platform/context';
import type { Lang } from '../../platform/i18n/languages';
import { loadClientKeys, type ClientKeys } from './client-keys';
import { ITSME_ACR_ADVANCED, ITSME_JWE_ALG, ITSME_JWE_ENC, ItsmeRefusal, acrIsAdvanced, nationalNumberIn } from './model';

/** What the browser keeps between the start and the callback (in a signed, short-lived cookie). */
export interface ItsmeTransient {
  state: string;
  nonce: string;
  verifier: string;
}

/** Who itsme identified: the national number, and the pairwise `sub` that names the person for Sésame only. */
export interface ItsmeIdentified {
  nrn: string;
  sub: string;
  acr: string;
}

interface Broker {
  client: client.Configuration;
  keys: ClientKeys;
}

// One discovery per application context; a failed one is forgotten so the next login retries.
const brokers = new WeakMap<AppContext, Promise<Broker>>();

/** The client metadata itsme registers for Sésame: private_key_jwt, ID tokens and userinfo signed then encrypted. */
function clientMetadata(config: Config): Partial<client.ClientMetadata> {
  return {
    redirect_uris: [config.itsme.redirectUri],
    token_endpoint_auth_method: 'private_key_jwt',
    id_token_signed_response_alg: 'RS256',
    id_token_encrypted_response_alg: ITSME_JWE_ALG,
    id_token_encrypted_response_enc: ITSME_JWE_ENC,
    userinfo_signed_response_alg: 'RS256',
    userinfo_encrypted_response_alg: ITSME_JWE_ALG,
    userinfo_encrypted_response_enc: ITSME_JWE_ENC,
  };
}

async function discover(ctx: AppContext): Promise<Broker> {
  const { config } = ctx;
  const keys = await loadClientKeys(ctx.db);
  const issuer = new URL(config.itsme.issuer);
  const configuration = await client.discovery(
    issuer,
    config.itsme.clientId,
    clientMetadata(config),
    client.PrivateKeyJwt({ key: keys.signing.key, kid: keys.signing.kid }),
    // Plain HTTP only ever for the demo provider on localhost; the real itsme is HTTPS.
    issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  client.enableDecryptingResponses(configuration, [ITSME_JWE_ENC], { key: keys.decryption.key, kid: keys.decryption.kid, alg: ITSME_JWE_ALG });
  // Verify the inner signature of ID tokens and userinfo, not only their transport.
  client.enableNonRepudiationChecks(configuration);
  return { client: configuration, keys };
}

/** What a failed exchange says, for the audit event and the log: the OAuth error code and description when there are. */
function describeError(error: unknown): string {
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    return [error.error, error.error_description].filter(Boolean).join(': ');
  }
  return error instanceof Error ? error.message : String(error);
}

function broker(ctx: AppContext): Promise<Broker> {
  let pending = brokers.get(ctx);
  if (!pending) {
    pending = discover(ctx);
    pending.catch(() => brokers.delete(ctx));
    brokers.set(ctx, pending);
  }
  return pending;
}

/** The public JWKS of Sésame as an itsme client (signature and encryption keys). */
export async function itsmeClientJwks(ctx: AppContext) {
  return (await loadClientKeys(ctx.db)).publicJwks;
}

/**
 * Starts a brokered identification: the URL of itsme's authorization
 * endpoint (code flow with PKCE, state and nonce, acr_advanced requested,
 * the national number asked for in userinfo) and what the browser must
 * keep until the callback.
 */
export async function beginItsmeLogin(ctx: AppContext, lang: Lang): Promise<{ url: string; transient: ItsmeTransient }> {
  const { client: configuration } = await broker(ctx).catch((error: unknown) => {
    throw new ItsmeRefusal('unavailable', undefined, String(error));
  });
  const transient = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
  const scope = ['openid', ...(ctx.config.itsme.serviceCode ? [`service:${ctx.config.itsme.serviceCode}`] : [])].join(' ');
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: ctx.config.itsme.redirectUri,
    response_type: 'code',
    scope,
    state: transient.state,
    nonce: transient.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(transient.verifier),
    code_challenge_method: 'S256',
    acr_values: ITSME_ACR_ADVANCED,
    ui_locales: lang,
    claims: JSON.stringify({ userinfo: { [ctx.config.itsme.nrnClaim]: { essential: true } } }),
  });
  return { url: url.href, transient };
}

/**
 * Finishes a brokered identification from the callback's query: checks
 * the state first (nothing the provider says is trusted before), then
 * exchanges the code (client assertion, PKCE, nonce, ID token decrypted
 * and verified), requires acr_advanced and finds the national number in
 * the ID token or, failing that, in userinfo. Throws an ItsmeRefusal.
 */
export async function finishItsmeLogin(ctx: AppContext, query: Record<string, string>, transient: ItsmeTransient | undefined): Promise<ItsmeIdentified> {
  if (!transient) throw new ItsmeRefusal('expired');
  if (query.state !== transient.state) throw new ItsmeRefusal('state_mismatch');
  if (query.error === 'access_denied') throw new ItsmeRefusal('access_denied');
  if (query.error) throw new ItsmeRefusal('provider_error', undefined, query.error);

  const { client: configuration } = await broker(ctx).catch((error: unknown) => {
    throw new ItsmeRefusal('unavailable', undefined, String(error));
  });
  const currentUrl = new URL(ctx.config.itsme.redirectUri);
  for (const [name, value] of Object.entries(query)) currentUrl.searchParams.set(name, value);

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      expectedState: transient.state,
      expectedNonce: transient.nonce,
      pkceCodeVerifier: transient.verifier,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new ItsmeRefusal('provider_error', undefined, describeError(error));
  }
  const idToken = tokens.claims()!;
  const acr = typeof idToken.acr === 'string' ? idToken.acr : '';
  let nrn = nationalNumberIn(idToken, ctx.config.itsme.nrnClaim);
  if (!nrn) {
    try {
      const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      nrn = nationalNumberIn(userinfo, ctx.config.itsme.nrnClaim);
    } catch (error) {
      throw new ItsmeRefusal('provider_error', undefined, describeError(error));
    }
  }
  if (!acrIsAdvanced(acr)) throw new ItsmeRefusal('acr_too_low', nrn, acr);
  if (!nrn) throw new ItsmeRefusal('no_national_number');
  return { nrn, sub: idToken.sub, acr };
}
