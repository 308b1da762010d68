import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * The bridge between the TLS listener (another origin) and the main site:
 * a single-use code, stored hashed, with what the certificate said.
 */
export interface EidHandoffsTable {
  id: Generated<string>;
  /** SHA-256 (base64url) of the code carried in the redirect. */
  code_hash: string;
  /** The national register number read from the certificate's subject serialNumber. */
  nrn: string;
  /** Issuer and subject as RFC 4514 strings, e.g. `CN=Sésame Demo Citizen CA, O=…, C=BE`. */
  cert_issuer: string;
  cert_subject: string;
  /** The certificate's serial number in lower-case hexadecimal. */
  cert_serial: string;
  cert_cn: string;
  cert_given_name: string;
  cert_surname: string;
  /** SHA-256 of the certificate's DER, hexadecimal. */
  cert_fingerprint: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  consumed_at: Date | null;
}

/** The demo certification authority's certificates and keys: `root`, `citizen`, the listener's `tls` certificate and the `ocsp` responder's. */
export interface EidDemoAuthoritiesTable {
  name: 'root' | 'citizen' | 'tls' | 'ocsp';
  /** PEM. */
  certificate: string;
  /** PKCS#8, encrypted with AES-256-GCM under a key derived from the platform secret. */
  private_key: string;
  created_at: Timestamp;
}

/** Every test card the demo CA issued, so that it can be revoked and listed in the CRL. */
export interface EidDemoCardsTable {
  /** Lower-case hexadecimal. */
  serial: string;
  nrn: string;
  subject: string;
  not_before: Timestamp;
  not_after: Timestamp;
  issued_at: Timestamp;
  revoked_at: Date | null;
  revocation_reason: string | null;
}
