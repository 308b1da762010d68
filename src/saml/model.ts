import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { keyKind, type KeyId } from '../authn/keys';
import { ACR, FAS_ACR, LEVELS, type AcrAliases, type Loa } from '../authn/loa';
import { acrFor, levelForRequest } from '../oidc/model';

/** SAML 2.0 names used on both sides. */
export const SAML = {
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  bearer: 'urn:oasis:names:tc:SAML:2.0:cm:bearer',
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  postBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  redirectBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  soapBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:SOAP',
  basicName: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
  uriName: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
} as const;

/** The stable identifier attribute of the FAS profile (same value as the OpenID `sub`). */
export const FEDID = 'urn:be:fedict:iam:attr:fedid';

/** How long a received request waits for the browser (identification, step-up included). */
export const REQUEST_TTL_MS = 30 * 60_000;
/** A request issued further from our clock than this is refused (stale or replayed later). */
export const MAX_REQUEST_AGE_MS = 5 * 60_000;
/** An assertion's validity window, from its issue. */
export const ASSERTION_TTL_MS = 5 * 60_000;

const httpUrl = z.url({ protocol: /^https?$/ });
const pem = z.string().regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'a PEM certificate');

/** A service provider as an operator declares it (catalog file `saml_service_providers:` or `sesame clients add-saml`). */
export const serviceProviderDeclaration = z
  .object({
    entity_id: z.string().min(3).max(1024).regex(/^\S+$/, 'an entity id has no spaces'),
    name: z.string().min(1).optional(),
    /** Assertion consumer service URLs (HTTP-POST), matched exactly; the first is the default. */
    acs: z.array(httpUrl).min(1),
    /** SingleLogoutService, HTTP-Redirect binding: where our LogoutResponse goes after an SP-initiated logout. */
    slo: httpUrl.optional(),
    /** SingleLogoutService, SOAP binding: where a LogoutRequest is posted when the session ends elsewhere. */
    slo_soap: httpUrl.optional(),
    /** The SP's signing certificate (PEM). */
    certificate: pem.optional(),
    /** Requests must be signed with the certificate; by default, whenever a certificate is given. */
    requests_signed: z.boolean().optional(),
    min_loa: z.enum(LEVELS).default('low'),
    /** The SP's configuration consents to receiving the national register number (egovNRN). */
    release_nrn: z.boolean().default(false),
    /** Loaded only when demo data is on. */
    demo: z.boolean().default(false),
  })
  .refine((sp) => !sp.requests_signed || sp.certificate, { message: 'requests_signed needs a certificate' });
export type ServiceProviderDeclaration = z.input<typeof serviceProviderDeclaration>;

/** A registered service provider, as the flows use it. */
export interface ServiceProvider {
  entityId: string;
  name: string | null;
  acsUrls: string[];
  sloUrl: string | null;
  sloSoapUrl: string | null;
  certificate: string | null;
  requestsSigned: boolean;
  minLoa: Loa;
  releaseNrn: boolean;
  source: 'catalog' | 'cli';
}

export function serviceProviderOf(declared: ServiceProviderDeclaration, source: 'catalog' | 'cli'): ServiceProvider {
  const sp = serviceProviderDeclaration.parse(declared);
  return {
    entityId: sp.entity_id,
    name: sp.name ?? null,
    acsUrls: sp.acs,
    sloUrl: sp.slo ?? null,
    sloSoapUrl: sp.slo_soap ?? null,
    certificate: sp.certificate?.trim() ?? null,
    requestsSigned: sp.requests_signed ?? Boolean(sp.certificate),
    minLoa: sp.min_loa,
    releaseNrn: sp.release_nrn,
    source,
  };
}

/** What an AuthnRequest asks, once its signature and issuer are checked. */
export interface AuthnRequestFacts {
  id: string;
  issueInstant: string | undefined;
  destination: string | undefined;
  acsUrl: string | undefined;
  acsIndex: string | undefined;
  protocolBinding: string | undefined;
  forceAuthn: boolean;
  classRefs: string[];
}

export type AcsChoice = { ok: true; url: string } | { ok: false; reason: 'unknown_acs' | 'unsupported_binding' };

/**
 * The assertion consumer service to answer: the URL the request names,
 * matched exactly against the registered ones (or the registered one at
 * the index it names), else the default. Never a URL the operator did not
 * register.
 */
export function chooseAcs(sp: Pick<ServiceProvider, 'acsUrls'>, request: Pick<AuthnRequestFacts, 'acsUrl' | 'acsIndex' | 'protocolBinding'>): AcsChoice {
  if (request.protocolBinding && request.protocolBinding !== SAML.postBinding) return { ok: false, reason: 'unsupported_binding' };
  if (request.acsUrl !== undefined) return sp.acsUrls.includes(request.acsUrl) ? { ok: true, url: request.acsUrl } : { ok: false, reason: 'unknown_acs' };
  if (request.acsIndex !== undefined) {
    const url = /^\d{1,3}$/.test(request.acsIndex) ? sp.acsUrls[Number(request.acsIndex)] : undefined;
    return url ? { ok: true, url } : { ok: false, reason: 'unknown_acs' };
  }
  return { ok: true, url: sp.acsUrls[0]! };
}

/** Whether a request's IssueInstant is close enough to our clock (both ways: a clock ahead is as suspicious). */
export function freshEnough(issueInstant: string | undefined, now: Date): boolean {
  const at = issueInstant ? Date.parse(issueInstant) : Number.NaN;
  return Number.isFinite(at) && Math.abs(now.getTime() - at) <= MAX_REQUEST_AGE_MS;
}

/** The level an AuthnRequest needs: the SP's minimum, raised by the AuthnContextClassRefs it asks (any of them, "minimum"). */
export function levelForAuthnRequest(minLoa: Loa, classRefs: string[], aliases: AcrAliases = FAS_ACR): Loa {
  return levelForRequest(minLoa, classRefs.join(' ') || undefined, aliases);
}

/**
 * The AuthnContextClassRef asserted: by default the key's FAS-style value
 * (`urn:be:fedict:iam:fas:Level500` for the eID card…), as the Belgian
 * profile does; when the SP asked in our own or configured values, in its
 * own words, as for OpenID Connect.
 */
export function classRefFor(session: { loa: Loa; key: string }, classRefs: string[], aliases: AcrAliases = FAS_ACR): string {
  const asked = classRefs.filter(Boolean);
  if (asked.length === 0 || asked.some((v) => Object.hasOwn(FAS_ACR, v))) {
    try {
      return keyKind(session.key as KeyId)?.fasAcr ?? ACR[session.loa];
    } catch {
      return ACR[session.loa];
    }
  }
  return acrFor(session, asked.join(' '), aliases);
}

export interface AttributePerson {
  id: string;
  nrn: string;
  givenName: string;
  familyName: string;
  email: string | null;
  language: string | null;
}

export interface SamlAttribute {
  name: string;
  nameFormat: string;
  values: string[];
}

/**
 * The attributes of the FAS profile: the stable id (same value as the
 * OpenID `sub`), names, e-mail, language, the national register number only
 * when the SP's registration consents to it, and the roles when given.
 */
export function attributesFor(person: AttributePerson, sp: Pick<ServiceProvider, 'releaseNrn'>, roles?: string[]): SamlAttribute[] {
  const basic = (name: string, value: string | null | undefined): SamlAttribute[] => (value ? [{ name, nameFormat: SAML.basicName, values: [value] }] : []);
  return [
    { name: FEDID, nameFormat: SAML.uriName, values: [person.id] },
    ...(sp.releaseNrn ? basic('egovNRN', person.nrn) : []),
    ...basic('givenName', person.givenName),
    ...basic('surname', person.familyName),
    ...basic('mail', person.email),
    ...basic('PrefLanguage', person.language),
    ...(roles && roles.length > 0 ? [{ name: 'roles', nameFormat: SAML.basicName, values: roles }] : []),
  ];
}

/** SAML IDs are xs:ID: they must not start with a digit. */
export function newSamlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** xs:dateTime in UTC, without milliseconds (some SPs parse no fractions). */
export function samlInstant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AssertionFacts {
  responseId: string;
  assertionId: string;
  issuer: string;
  audience: string;
  acsUrl: string;
  inResponseTo: string;
  nameId: string;
  sessionIndex: string;
  classRef: string;
  authnInstant: Date;
  sessionNotOnOrAfter: Date;
  now: Date;
  attributes: SamlAttribute[];
}

/** The unsigned Response with its assertion; the library signs both (assertion first, then the message). */
export function responseXml(f: AssertionFacts): string {
  const e = escapeXml;
  const issued = samlInstant(f.now);
  const until = samlInstant(new Date(f.now.getTime() + ASSERTION_TTL_MS));
  const attributes = f.attributes
    .map(
      (a) =>
        `<saml:Attribute Name="${e(a.name)}" NameFormat="${e(a.nameFormat)}">${a.values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${e(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
    )
    .join('');
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${e(f.responseId)}" Version="2.0" IssueInstant="${issued}" Destination="${e(f.acsUrl)}" InResponseTo="${e(f.inResponseTo)}">` +
    `<saml:Issuer>${e(f.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${SAML.success}"/></samlp:Status>` +
    `<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${e(f.assertionId)}" Version="2.0" IssueInstant="${issued}">` +
    `<saml:Issuer>${e(f.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${SAML.transient}" SPNameQualifier="${e(f.audience)}">${e(f.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${SAML.bearer}"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${e(f.acsUrl)}" InResponseTo="${e(f.inResponseTo)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${e(f.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${samlInstant(f.authnInstant)}" SessionIndex="${e(f.sessionIndex)}" SessionNotOnOrAfter="${samlInstant(f.sessionNotOnOrAfter)}"><saml:AuthnContext><saml:AuthnContextClassRef>${e(f.classRef)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
    `</saml:Assertion></samlp:Response>`
  );
}

/** A LogoutRequest from us to an SP (back-channel), unsigned; the library signs it. */
export function logoutRequestXml(f: { id: string; issuer: string; destination: string; nameId: string; sessionIndex: string; now: Date; audience: string }): string {
  const e = escapeXml;
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${e(f.id)}" Version="2.0" IssueInstant="${samlInstant(f.now)}" Destination="${e(f.destination)}" Reason="urn:oasis:names:tc:SAML:2.0:logout:user">` +
    `<saml:Issuer>${e(f.issuer)}</saml:Issuer>` +
    `<saml:NameID Format="${SAML.transient}" SPNameQualifier="${e(f.audience)}">${e(f.nameId)}</saml:NameID>` +
    `<samlp:SessionIndex>${e(f.sessionIndex)}</samlp:SessionIndex>` +
    `</samlp:LogoutRequest>`
  );
}

/** A LogoutResponse from us to the SP that asked, unsigned (the redirect binding signs the query string). */
export function logoutResponseXml(f: { id: string; issuer: string; destination: string; inResponseTo: string; now: Date; status?: string }): string {
  const e = escapeXml;
  return (
    `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${e(f.id)}" Version="2.0" IssueInstant="${samlInstant(f.now)}" Destination="${e(f.destination)}" InResponseTo="${e(f.inResponseTo)}">` +
    `<saml:Issuer>${e(f.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${f.status ?? SAML.success}"/></samlp:Status>` +
    `</samlp:LogoutResponse>`
  );
}

/** The SOAP 1.1 envelope of the SAML SOAP binding. */
export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}
