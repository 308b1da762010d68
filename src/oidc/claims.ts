import type { CertificateInfo } from '../authn/eid/model';
import type { Person } from '../identity/service';

/**
 * Which claims each scope releases: the standard OpenID names and the
 * FAS-style aliases applications written for the Belgian systems read.
 * The national register number only behind its own scope.
 */
export const SCOPE_CLAIMS = {
  // acr and amr in every ID token, not only when the application asked for them. roles and enterprise
  // are listed here too so that they reach the ID token (which carries the openid scope's claims only),
  // but findAccount (provider.ts) computes them only for a grant of the roles scope.
  openid: ['sub', 'acr', 'amr', 'auth_time', 'roles', 'enterprise'],
  profile: ['given_name', 'family_name', 'locale', 'givenName', 'surname', 'prefLanguage', 'mail'],
  email: ['email'],
  egovnrn: ['egovNRN'],
  // Only for a session opened with the eID card: the authentication certificate it presented.
  certificateInfo: ['cert_issuer', 'cert_subject', 'cert_serialnumber', 'cert_cn', 'cert_givenname', 'cert_sn'],
  // The person's active rights for the application, in the enterprise they act for (acting-for.ts).
  roles: ['roles', 'enterprise'],
} as const;

/** Every claim of a person; oidc-provider keeps those the granted scopes and claims allow. */
export function personClaims(person: Person) {
  return {
    sub: person.id,
    given_name: person.givenName,
    family_name: person.familyName,
    givenName: person.givenName,
    surname: person.familyName,
    ...(person.email ? { email: person.email, mail: person.email } : {}),
    ...(person.language ? { locale: person.language, prefLanguage: person.language } : {}),
    egovNRN: person.nrn,
  };
}

/** The FAS `certificateInfo` claims of an eID certificate. */
export function certificateClaims(cert: CertificateInfo) {
  return {
    cert_issuer: cert.issuer,
    cert_subject: cert.subject,
    cert_serialnumber: cert.serialNumber,
    cert_cn: cert.cn,
    cert_givenname: cert.givenName,
    cert_sn: cert.surname,
  };
}
