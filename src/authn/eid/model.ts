import * as x509 from './x509';
import { checkNrn } from '../../registries/identifiers';

/**
 * Pure rules of the eID card key: what an authentication certificate must
 * look like and what it tells. The Belgian card's authentication
 * certificate reads `SERIALNUMBER=<national number>, GIVENNAME=…,
 * SURNAME=…, CN=<name> (Authentication), C=BE`.
 */

/** Why a certificate is refused; each maps to a translated explanation (`eid.refused.<reason>`). */
export type RefusalReason =
  | 'no_certificate'
  | 'untrusted'
  | 'not_yet_valid'
  | 'expired'
  | 'wrong_usage'
  | 'revoked'
  | 'revocation_unknown'
  | 'no_national_number'
  | 'unknown_person';

export const REFUSAL_REASONS: readonly RefusalReason[] = [
  'no_certificate', 'untrusted', 'not_yet_valid', 'expired', 'wrong_usage', 'revoked', 'revocation_unknown', 'no_national_number', 'unknown_person',
];

export class CertificateRefused extends Error {
  constructor(readonly reason: RefusalReason, readonly detail?: string) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'CertificateRefused';
  }
}

/** What the OpenID provider emits as FAS `certificateInfo` claims (cert_issuer, cert_subject, …). */
export interface CertificateInfo {
  issuer: string;
  subject: string;
  /** Lower-case hexadecimal. */
  serialNumber: string;
  cn: string;
  givenName: string;
  surname: string;
}

export const OID = {
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

// The labels FAS prints, by OID and by the short name @peculiar/x509 gives some attribute types.
const LABELS: Record<string, string> = {
  [OID.serialNumber]: 'SERIALNUMBER',
  [OID.givenName]: 'GIVENNAME',
  G: 'GIVENNAME',
  [OID.surname]: 'SURNAME',
  SN: 'SURNAME',
  [OID.commonName]: 'CN',
  [OID.country]: 'C',
  [OID.organization]: 'O',
  '2.5.4.11': 'OU',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
};

function escapeRdnValue(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

/** `SERIALNUMBER=…, GIVENNAME=…, SURNAME=…, CN=…, C=BE`: RFC 4514 order, the names Java and FAS print. */
export function formatName(name: x509.Name): string {
  const parts: string[] = [];
  for (const rdn of name.toJSON()) {
    for (const [type, values] of Object.entries(rdn)) {
      const label = LABELS[type] ?? type;
      for (const value of values) parts.push(`${label}=${escapeRdnValue(value)}`);
    }
  }
  return parts.reverse().join(', ');
}

function first(name: x509.Name, oid: string): string {
  return name.getField(oid)[0] ?? '';
}

/** The identity an authentication certificate carries; refuses one without a valid national register number. */
export function readIdentity(cert: x509.X509Certificate): { nrn: string; info: CertificateInfo } {
  const subject = cert.subjectName;
  const serial = first(subject, OID.serialNumber);
  const checked = checkNrn(serial);
  if (!serial || !checked.ok || checked.value.nrn !== serial.replace(/[\s.\-/]/g, '')) {
    throw new CertificateRefused('no_national_number', serial || 'subject has no serialNumber');
  }
  return {
    nrn: checked.value.nrn,
    info: {
      issuer: formatName(cert.issuerName),
      subject: formatName(subject),
      serialNumber: cert.serialNumber.toLowerCase(),
      cn: first(subject, OID.commonName),
      givenName: first(subject, OID.givenName),
      surname: first(subject, OID.surname),
    },
  };
}

/** The subject of a card's authentication certificate, in DER order (C first), as the card has it. */
export function cardSubject(person: { nrn: string; givenNames: string; surname: string }): x509.JsonName {
  return [
    { [OID.country]: ['BE'] },
    { [OID.commonName]: [`${person.givenNames} ${person.surname} (Authentication)`] },
    { [OID.surname]: [person.surname] },
    { [OID.givenName]: [person.givenNames] },
    { [OID.serialNumber]: [person.nrn] },
  ];
}

/** Not before its start, not after its end, at the clock's time. */
export function checkValidity(cert: x509.X509Certificate, now: Date): void {
  if (now < cert.notBefore) throw new CertificateRefused('not_yet_valid', cert.notBefore.toISOString());
  if (now > cert.notAfter) throw new CertificateRefused('expired', cert.notAfter.toISOString());
}

/**
 * An authentication certificate: an end-entity one (not a CA) whose key
 * usage allows digital signatures and whose extended key usage, when
 * present, allows client authentication. The card's signature (non-
 * repudiation) certificate fails here.
 */
export function checkAuthenticationUsage(cert: x509.X509Certificate): void {
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  if (basic?.ca) throw new CertificateRefused('wrong_usage', 'a CA certificate');
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  if (!usage || (usage.usages & x509.KeyUsageFlags.digitalSignature) === 0) throw new CertificateRefused('wrong_usage', 'no digitalSignature');
  if ((usage.usages & x509.KeyUsageFlags.nonRepudiation) !== 0) throw new CertificateRefused('wrong_usage', 'a signature certificate');
  const extended = cert.getExtension(x509.ExtendedKeyUsageExtension);
  if (extended && !extended.usages.some((u) => u === OID.clientAuth || u === OID.anyExtendedKeyUsage)) {
    throw new CertificateRefused('wrong_usage', 'no clientAuth');
  }
}

/** The first http(s) CRL distribution point of a certificate. */
export function crlDistributionPoint(cert: x509.X509Certificate): string | undefined {
  const ext = cert.getExtension(x509.CRLDistributionPointsExtension);
  for (const point of ext?.distributionPoints ?? []) {
    for (const name of point.distributionPoint?.fullName ?? []) {
      const uri = name.uniformResourceIdentifier;
      if (uri && /^https?:\/\//.test(uri)) return uri;
    }
  }
  return undefined;
}

/** The first http(s) OCSP responder named in a certificate's authority information access. */
export function ocspResponder(cert: x509.X509Certificate): string | undefined {
  const ext = cert.getExtension(x509.AuthorityInfoAccessExtension);
  return ext?.ocsp.find((name) => name.type === 'url' && /^https?:\/\//.test(name.value))?.value;
}
