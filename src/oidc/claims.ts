import type { Person } from '../identity/service';

/**
 * Which claims each scope releases: the standard OpenID names and the
 * FAS-style aliases applications written for the Belgian systems read.
 * The national register number only behind its own scope.
 */
export const SCOPE_CLAIMS = {
  // acr and amr in every ID token, not only when the application asked for them.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  profile: ['given_name', 'family_name', 'locale', 'givenName', 'surname', 'prefLanguage', 'mail'],
  email: ['email'],
  egovnrn: ['egovNRN'],
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
