/**
 * Lifetimes, in seconds. Short for what a thief could replay (codes, access
 * and ID tokens); the long-lived things (refresh tokens, provider sessions,
 * grants) are bounded by the single-sign-on session's absolute lifetime.
 */
export const TTL = {
  /** Exchanged by the application's back end within seconds of the redirect. */
  AuthorizationCode: 60,
  /** Opaque, checked by introspection or userinfo; refreshed when needed. */
  AccessToken: 10 * 60,
  ClientCredentials: 10 * 60,
  IdToken: 10 * 60,
  /** Same as the pending-login cookie: time to choose and use a digital key. */
  Interaction: 30 * 60,
} as const;

/**
 * The longest lifetime of anything the provider signs (ID tokens, logout
 * tokens; access tokens are opaque): a retired signing key stays published
 * this long after its retirement, then is dropped.
 */
export const LONGEST_SIGNED_TOKEN_TTL_S = Math.max(TTL.IdToken, TTL.AccessToken);

/**
 * How long a retired signing key stays published: its tokens' lifetime,
 * plus the two minutes a node may take to notice the rotation (it checks
 * every minute) and keep signing with the old key meanwhile.
 */
export const RETIRED_KEY_PUBLISHED_S = LONGEST_SIGNED_TOKEN_TTL_S + 120;
