import type { ColumnType } from 'kysely';
import type { Loa } from '../authn/loa';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A SAML service provider registered by an operator (catalog file or `sesame clients add-saml`). */
export interface SamlServiceProvidersTable {
  /** The SP's entityID, as its AuthnRequests name it in <Issuer>. */
  entity_id: string;
  /** Shown to people on Sésame's pages. */
  name: string | null;
  /** Assertion consumer service URLs (HTTP-POST), matched exactly; the first is the default. */
  acs_urls: ColumnType<string[], string, string>;
  /** SingleLogoutService (HTTP-Redirect): where LogoutResponses go; null: no SP-initiated logout. */
  slo_url: string | null;
  /** SingleLogoutService (SOAP): where back-channel LogoutRequests go when the session ends elsewhere. */
  slo_soap_url: string | null;
  /** The SP's signing certificate (PEM), to verify its signed requests. */
  certificate: string | null;
  /** AuthnRequests and LogoutRequests must be signed with that certificate. */
  requests_signed: boolean;
  min_loa: Loa;
  /** The SP's configuration consents to the national register number (egovNRN attribute). */
  release_nrn: boolean;
  source: 'catalog' | 'cli';
  updated_at: Timestamp;
}

/** The IdP's signing key pair: the certificate is public, the private key is encrypted at rest. */
export interface SamlSigningKeysTable {
  id: string;
  certificate: string;
  private_key: string;
  created_at: Timestamp;
}

/**
 * An AuthnRequest or LogoutRequest received and validated, waiting for the
 * browser to come back with its session cookie (a cross-site POST carries
 * none). The (SP, request ID) pair is unique: a replayed request is refused.
 */
export interface SamlRequestsTable {
  /** Our random handle, in the continue URL. */
  handle: string;
  kind: 'login' | 'logout';
  sp_entity_id: string;
  /** The SP's request ID (InResponseTo of our answer). */
  request_id: string;
  /** The parsed request as we need it (ACS URL, level, ForceAuthn, RelayState, NameID…). */
  details: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  expires_at: Date;
  /** Set when the answer was issued: a request is answered once. */
  consumed_at: Date | null;
}

/** An SP that received an assertion in a single-sign-on session: it is told when that session ends. */
export interface SamlParticipantsTable {
  /** sso_sessions.id */
  session_id: string;
  sp_entity_id: string;
  /** The transient NameID the SP got, and the SessionIndex: its LogoutRequest must name them. */
  name_id: string;
  session_index: string;
  expires_at: Date;
}
