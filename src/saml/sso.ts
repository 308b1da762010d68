import { randomBytes } from 'node:crypto';
import { activeRolesForClient, flemishRights } from '../access/claims';
import type { Session } from '../authn/session';
import { personById } from '../identity/service';
import { decideInteraction } from '../oidc/model';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { endpoints, identityProvider, parseAuthnRequest, peekMessage, serviceProviderEntity, signResponse, type Incoming } from './idp';
import { attributesFor, chooseAcs, classRefFor, freshEnough, levelForAuthnRequest, newSamlId, REQUEST_TTL_MS, responseXml, type AuthnRequestFacts } from './model';
import type { SigningKey } from './signing-key';
import { consumeRequest, findOpenRequest, findServiceProvider, insertRequest, recordParticipant } from './store';

/** Why a request gets a refusal page rather than an answer to the SP (whose ACS URL is not trusted yet, or not at all). */
export type Refusal = 'unknown_sp' | 'unknown_acs' | 'unsupported_binding' | 'invalid_request' | 'invalid_signature' | 'stale' | 'no_slo';

export type Received = { kind: 'refused'; reason: Refusal; entityId?: string } | { kind: 'continue'; location: string };

/** RelayState is opaque to us; the bindings allow 80 bytes, some SPs send more: keep it bounded. */
export function relayStateOf(incoming: Incoming): string | undefined {
  const value = incoming.binding === 'redirect' ? incoming.query.RelayState : incoming.body.RelayState;
  return typeof value === 'string' && value.length > 0 && value.length <= 1024 ? value : undefined;
}

/** samlify's error codes for a missing or wrong signature, as opposed to a malformed message. */
export function isSignatureFailure(error: unknown): boolean {
  const message = String((error as Error)?.message ?? error);
  return /SIG|SIGNATURE/.test(message);
}

/**
 * An AuthnRequest arrives (HTTP-Redirect or HTTP-POST): who sends it, is
 * it signed as its registration requires, fresh, not seen before, and for
 * a registered ACS URL? Then it waits under a random handle and the
 * browser is sent to a GET page of ours, where the session cookie is read
 * (a cross-site POST carries no SameSite=Lax cookie).
 */
export async function receiveAuthnRequest(ctx: AppContext, key: SigningKey, incoming: Incoming): Promise<Received> {
  const peeked = peekMessage(incoming, 'SAMLRequest');
  if (!peeked || peeked.root !== 'AuthnRequest') return { kind: 'refused', reason: 'invalid_request' };
  const sp = await findServiceProvider(ctx.db, peeked.issuer);
  if (!sp) return { kind: 'refused', reason: 'unknown_sp', entityId: peeked.issuer };

  const urls = endpoints(ctx.config.publicUrl);
  let facts: AuthnRequestFacts;
  try {
    facts = await parseAuthnRequest(identityProvider(key, urls, sp.requestsSigned), serviceProviderEntity(sp), incoming);
  } catch (error) {
    return { kind: 'refused', reason: isSignatureFailure(error) ? 'invalid_signature' : 'invalid_request', entityId: sp.entityId };
  }
  if (facts.destination !== undefined && facts.destination !== urls.sso) return { kind: 'refused', reason: 'invalid_request', entityId: sp.entityId };
  const now = ctx.clock.now();
  if (!freshEnough(facts.issueInstant, now)) return { kind: 'refused', reason: 'stale', entityId: sp.entityId };
  const acs = chooseAcs(sp, facts);
  if (!acs.ok) return { kind: 'refused', reason: acs.reason, entityId: sp.entityId };

  const handle = randomBytes(24).toString('base64url');
  const details = { acsUrl: acs.url, forceAuthn: facts.forceAuthn, classRefs: facts.classRefs, relayState: relayStateOf(incoming) ?? null };
  const fresh = await insertRequest(ctx.db, { handle, kind: 'login', spEntityId: sp.entityId, requestId: facts.id, details, createdAt: now }, new Date(now.getTime() + REQUEST_TTL_MS));
  if (!fresh) return { kind: 'refused', reason: 'stale', entityId: sp.entityId };
  return { kind: 'continue', location: `/saml/sso/continue/${handle}` };
}

export type LoginOutcome =
  | { kind: 'expired' }
  | { kind: 'identify'; location: string }
  | { kind: 'post'; acsUrl: string; samlResponse: string; relayState: string | undefined; spName: string };

interface LoginDetails {
  acsUrl: string;
  forceAuthn: boolean;
  classRefs: string[];
  relayState: string | null;
}

/**
 * GET /saml/sso/continue/:handle. As for OpenID Connect: a session that
 * reaches the SP's level (raised by its RequestedAuthnContext; recent
 * enough for ForceAuthn) is answered with a signed assertion posted to the
 * ACS URL; otherwise the person identifies, or steps up, and comes back.
 */
export async function continueLogin(ctx: AppContext, key: SigningKey, handle: string, session: Session | undefined, requestId: string): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const pending = await findOpenRequest(ctx.db, handle, 'login', now);
  const sp = pending && (await findServiceProvider(ctx.db, pending.spEntityId));
  if (!pending || !sp) return { kind: 'expired' };
  const details = pending.details as unknown as LoginDetails;

  const level = levelForAuthnRequest(sp.minLoa, details.classRefs, ctx.config.acrAliases);
  const decision = decideInteraction({ session, level, promptLogin: details.forceAuthn, requestedAt: pending.createdAt, maxAge: undefined, now });
  if (decision.kind === 'identify' || !session) {
    return { kind: 'identify', location: `/login?${new URLSearchParams({ return: `/saml/sso/continue/${handle}`, loa: level })}` };
  }
  const person = await personById(ctx, session.personId);
  if (!person || !(await consumeRequest(ctx.db, handle, now))) return { kind: 'expired' };

  const urls = endpoints(ctx.config.publicUrl);
  // The SP's rights as the Flemish profile writes them (Role:OrgKey), those whose role the session's level reaches.
  const roles = flemishRights(await activeRolesForClient(ctx, person.id, sp.entityId, { loa: session.loa }));
  const attributes = attributesFor(person, sp, roles);
  const classRef = classRefFor(session, details.classRefs, ctx.config.acrAliases);
  const responseId = newSamlId();
  const participant = { spEntityId: sp.entityId, nameId: newSamlId(), sessionIndex: newSamlId() };
  const xml = responseXml({
    responseId,
    assertionId: newSamlId(),
    issuer: urls.entityId,
    audience: sp.entityId,
    acsUrl: details.acsUrl,
    inResponseTo: pending.requestId,
    nameId: participant.nameId,
    sessionIndex: participant.sessionIndex,
    classRef,
    authnInstant: session.authTime,
    sessionNotOnOrAfter: session.expiresAt,
    now,
    attributes,
  });
  const samlResponse = await signResponse(identityProvider(key, urls), serviceProviderEntity(sp), xml, responseId);
  await ctx.db.transaction().execute(async (trx) => {
    await recordParticipant(trx, session.id, participant, session.expiresAt);
    await recordAudit(trx, now, {
      actor: `person:${session.nrn}`,
      action: 'saml.assertion_issued',
      target: `saml_sp:${sp.entityId}`,
      details: { loa: session.loa, class_ref: classRef, acs: details.acsUrl, attributes: attributes.map((a) => a.name), response_id: responseId },
      requestId,
    });
  });
  return { kind: 'post', acsUrl: details.acsUrl, samlResponse, relayState: details.relayState ?? undefined, spName: sp.name ?? sp.entityId };
}
