import { inflateRawSync } from 'node:zlib';
import * as validator from '@authenio/samlify-node-xmllint';
import * as samlify from 'samlify';
import { SAML, type AuthnRequestFacts, type ServiceProvider } from './model';
import type { SigningKey } from './signing-key';

/**
 * The SAML library (samlify) behind small functions: schema validation of
 * every message received (xmllint compiled to WebAssembly, no native
 * build), signature checks, signing with RSA-SHA256, the metadata and the
 * HTTP-Redirect encoding. The XML we issue is built in model.ts.
 */
samlify.setSchemaValidator(validator);

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export interface Endpoints {
  entityId: string;
  sso: string;
  slo: string;
}

/** The IdP's entity id is its metadata URL, as usual: an SP can fetch what it is told to trust. */
export function endpoints(publicUrl: string): Endpoints {
  return { entityId: `${publicUrl}/saml/metadata`, sso: `${publicUrl}/saml/sso`, slo: `${publicUrl}/saml/slo` };
}

type Idp = ReturnType<typeof samlify.IdentityProvider>;
type Sp = ReturnType<typeof samlify.ServiceProvider>;

/**
 * The IdP entity. samlify decides per IdP whether incoming requests must be
 * signed; we decide per SP, so an entity is built for each exchange (cheap:
 * no I/O, no key generation).
 */
export function identityProvider(key: SigningKey, urls: Endpoints, requireSignedRequests = false): Idp {
  return samlify.IdentityProvider({
    entityID: urls.entityId,
    signingCert: key.certificate,
    privateKey: key.privateKey,
    requestSignatureAlgorithm: RSA_SHA256,
    wantAuthnRequestsSigned: requireSignedRequests,
    wantLogoutRequestSigned: requireSignedRequests,
    nameIDFormat: [SAML.transient],
    singleSignOnService: [
      { Binding: SAML.redirectBinding, Location: urls.sso },
      { Binding: SAML.postBinding, Location: urls.sso },
    ],
    singleLogoutService: [
      { Binding: SAML.redirectBinding, Location: urls.slo },
      { Binding: SAML.postBinding, Location: urls.slo },
    ],
  });
}

/** What the library needs to know of a registered SP: we always sign the assertion and the response. */
export function serviceProviderEntity(sp: ServiceProvider): Sp {
  return samlify.ServiceProvider({
    entityID: sp.entityId,
    ...(sp.certificate ? { signingCert: sp.certificate } : {}),
    authnRequestsSigned: sp.requestsSigned,
    wantAssertionsSigned: true,
    wantMessageSigned: true,
    wantLogoutResponseSigned: true,
    wantLogoutRequestSigned: true,
    requestSignatureAlgorithm: RSA_SHA256,
    assertionConsumerService: sp.acsUrls.map((url, i) => ({ Binding: SAML.postBinding, Location: url, isDefault: i === 0 })),
    singleLogoutService: sp.sloUrl ? [{ Binding: SAML.redirectBinding, Location: sp.sloUrl }] : [],
  });
}

export type Binding = 'redirect' | 'post';

/** A SAML message as it came: the parsed query or form, and for the redirect binding the signed octets of the raw query. */
export interface Incoming {
  binding: Binding;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  octetString?: string;
}

/**
 * The redirect binding signs the query string as sent (saml-bindings
 * 3.4.4.1): SAMLRequest, RelayState, SigAlg in that order, still URL-encoded.
 */
export function octetStringOf(rawUrl: string, param: 'SAMLRequest' | 'SAMLResponse'): string {
  const raw = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  const pairs = new Map(raw.split('&').map((pair) => [pair.slice(0, pair.indexOf('=')), pair] as const));
  return [param, 'RelayState', 'SigAlg'].map((name) => pairs.get(name)).filter(Boolean).join('&');
}

/** The message's XML before any check, to learn who claims to send it; undefined when it is not readable. */
export function peekMessage(incoming: Incoming, param: 'SAMLRequest' | 'SAMLResponse'): { root: string; issuer: string; id: string } | undefined {
  const source = incoming.binding === 'redirect' ? incoming.query[param] : incoming.body[param];
  if (typeof source !== 'string' || source.length === 0 || source.length > 200_000) return undefined;
  try {
    const bytes = Buffer.from(source, 'base64');
    const xml = (incoming.binding === 'redirect' ? inflateRawSync(bytes) : bytes).toString('utf8');
    const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<(?:[\w-]+:)?(\w+)/.exec(xml)?.[1];
    if (!root) return undefined;
    const found = samlify.Extractor.extract(xml, [
      { key: 'root', localPath: [root], attributes: ['ID'] },
      { key: 'issuer', localPath: [root, 'Issuer'], attributes: [] },
    ]);
    const issuer = typeof found.issuer === 'string' ? found.issuer.trim() : undefined;
    const id = typeof found.root === 'string' ? found.root : undefined;
    return root && issuer && id ? { root, issuer, id } : undefined;
  } catch {
    return undefined;
  }
}

const requestFields = [
  {
    key: 'request',
    localPath: ['AuthnRequest'],
    attributes: ['ID', 'IssueInstant', 'Destination', 'AssertionConsumerServiceURL', 'AssertionConsumerServiceIndex', 'ProtocolBinding', 'ForceAuthn'],
  },
  { key: 'classRefs', localPath: ['AuthnRequest', 'RequestedAuthnContext', 'AuthnContextClassRef'], attributes: [] },
];

const str = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Validates an AuthnRequest (schema; signature when the SP must sign) and reads what it asks. Throws when invalid. */
export async function parseAuthnRequest(idp: Idp, sp: Sp, incoming: Incoming): Promise<AuthnRequestFacts> {
  const { samlContent } = await idp.parseLoginRequest(sp, incoming.binding, incoming);
  const found = samlify.Extractor.extract(samlContent, requestFields);
  const request = (found.request ?? {}) as Record<string, string | undefined>;
  const classRefs = found.classRefs === undefined || found.classRefs === null ? [] : ([] as string[]).concat(found.classRefs as string | string[]);
  const id = str(request.id);
  if (!id) throw new Error('ERR_NO_REQUEST_ID');
  return {
    id,
    issueInstant: str(request.issueInstant),
    destination: str(request.destination),
    acsUrl: str(request.assertionConsumerServiceUrl),
    acsIndex: str(request.assertionConsumerServiceIndex),
    protocolBinding: str(request.protocolBinding),
    forceAuthn: request.forceAuthn === 'true' || request.forceAuthn === '1',
    classRefs: classRefs.map((c) => c.trim()).filter(Boolean),
  };
}

export interface LogoutRequestFacts {
  id: string;
  issueInstant: string | undefined;
  destination: string | undefined;
  nameId: string | undefined;
  sessionIndex: string | undefined;
}

/** Validates a LogoutRequest from an SP (schema; signature when the SP must sign). Throws when invalid. */
export async function parseLogoutRequest(idp: Idp, sp: Sp, incoming: Incoming): Promise<LogoutRequestFacts> {
  const { samlContent } = await idp.parseLogoutRequest(sp, incoming.binding, incoming);
  const found = samlify.Extractor.extract(samlContent, [
    { key: 'request', localPath: ['LogoutRequest'], attributes: ['ID', 'IssueInstant', 'Destination'] },
    { key: 'nameId', localPath: ['LogoutRequest', 'NameID'], attributes: [] },
    { key: 'sessionIndex', localPath: ['LogoutRequest', 'SessionIndex'], attributes: [] },
  ]);
  const request = (found.request ?? {}) as Record<string, string | undefined>;
  const id = str(request.id);
  if (!id) throw new Error('ERR_NO_REQUEST_ID');
  const first = (v: unknown) => str(Array.isArray(v) ? v[0] : v)?.trim();
  return { id, issueInstant: str(request.issueInstant), destination: str(request.destination), nameId: first(found.nameId), sessionIndex: first(found.sessionIndex) };
}

/** Signs the assertion, then the response (RSA-SHA256, exclusive c14n), for the HTTP-POST binding: base64. */
export async function signResponse(idp: Idp, sp: Sp, xml: string, id: string): Promise<string> {
  const signed = await idp.createLoginResponse(sp, { extract: {} }, 'post', {}, { customTagReplacement: () => ({ id, context: xml }) });
  return signed.context;
}

/** The LogoutResponse as an HTTP-Redirect URL to the SP's SLO endpoint, the query string signed. */
export function logoutResponseUrl(idp: Idp, sp: Sp, xml: string, id: string, relayState: string | undefined): string {
  const built = idp.createLogoutResponse(sp, { extract: {} }, 'redirect', { ...(relayState ? { relayState } : {}), customTagReplacement: () => ({ id, context: xml }) });
  return built.context;
}

/** A LogoutRequest signed in the XML itself, as the SOAP binding needs (no query string to sign). */
export function signLogoutRequest(key: SigningKey, xml: string): string {
  return samlify.SamlLib.constructSAMLSignature({
    rawSamlMessage: xml,
    isMessageSigned: true,
    isBase64Output: false,
    privateKey: key.privateKey,
    // As the library passes certificates from metadata: the base64 body, without the PEM armour.
    signingCert: key.certificate.replace(/-----[^-]+-----|\s/g, ''),
    signatureAlgorithm: RSA_SHA256,
    signatureConfig: { prefix: 'ds', location: { reference: "/*[local-name(.)='LogoutRequest']/*[local-name(.)='Issuer']", action: 'after' } },
  });
}

/** The IdP metadata document: entity id, signing certificate, SSO and SLO endpoints (redirect and POST). */
export function metadataXml(key: SigningKey, urls: Endpoints): string {
  return identityProvider(key, urls).getMetadata();
}
