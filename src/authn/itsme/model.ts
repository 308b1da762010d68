import { checkNrn } from '../../registries/identifiers';

/** itsme's levels of assurance, as its ID tokens name them in `acr`. */
export const ITSME_ACR_BASIC = 'http://itsme.services/v2/claim/acr_basic';
export const ITSME_ACR_ADVANCED = 'http://itsme.services/v2/claim/acr_advanced';
/** The claim in which itsme puts the Belgian national register number (configurable: ITSME_NRN_CLAIM). */
export const ITSME_NRN_CLAIM = 'http://itsme.services/v2/claim/BENationalNumber';

/** The JWE algorithms itsme uses for ID tokens and userinfo responses. */
export const ITSME_JWE_ALG = 'RSA-OAEP-256';
export const ITSME_JWE_ENC = 'A128CBC-HS256';

/**
 * Why a brokered identification did not end in a session. Each reason has
 * a message `itsme.refused.<reason>` and is the `reason` of the audit event.
 */
export const REFUSAL_REASONS = [
  /** No transient state: the cookie expired (10 minutes) or was never set. */
  'expired',
  /** The `state` that came back is not the one this browser sent. */
  'state_mismatch',
  /** The person pressed "Refuse" in the app (error=access_denied). */
  'access_denied',
  /** Any other error answered by the provider, or a response it could not validate. */
  'provider_error',
  /** The provider could not be reached. */
  'unavailable',
  /** The ID token's acr is below acr_advanced. */
  'acr_too_low',
  /** Neither the ID token nor userinfo carried a valid national register number. */
  'no_national_number',
  /** The national register does not know (or no longer knows) the number. */
  'unknown_person',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A brokered identification that ends without a session; `nrn` when the provider did name someone. */
export class ItsmeRefusal extends Error {
  constructor(readonly reason: RefusalReason, readonly nrn?: string, readonly detail?: string) {
    super(`itsme identification refused: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'ItsmeRefusal';
  }
}

/** Only `acr_advanced` gives the high level of assurance the itsme key promises. */
export function acrIsAdvanced(acr: unknown): boolean {
  return acr === ITSME_ACR_ADVANCED;
}

/**
 * The national register number in a set of claims (ID token or userinfo):
 * 11 digits with valid check digits, tolerating the usual separators
 * (`85.02.11-137.71`); anything else counts as absent.
 */
export function nationalNumberIn(claims: Record<string, unknown> | undefined, claim: string): string | undefined {
  const value = claims?.[claim];
  if (typeof value !== 'string') return undefined;
  const checked = checkNrn(value);
  return checked.ok ? checked.value.nrn : undefined;
}
