import { randomBytes } from 'node:crypto';
import type { Session } from '../authn/session';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { endpoints, identityProvider, logoutResponseUrl, parseLogoutRequest, peekMessage, serviceProviderEntity, signLogoutRequest, type Incoming, type LogoutRequestFacts } from './idp';
import { freshEnough, logoutRequestXml, logoutResponseXml, newSamlId, REQUEST_TTL_MS, soapEnvelope } from './model';
import type { SigningKey } from './signing-key';
import { isSignatureFailure, relayStateOf, type Received } from './sso';
import { consumeRequest, findOpenRequest, findParticipant, findServiceProvider, insertRequest, takeParticipants } from './store';

/**
 * A LogoutRequest from an SP arrives (HTTP-Redirect or HTTP-POST): checked
 * like an AuthnRequest, then it waits under a handle and the browser comes
 * to a GET page of ours, where the session cookie is read.
 */
export async function receiveLogoutRequest(ctx: AppContext, key: SigningKey, incoming: Incoming): Promise<Received> {
  const peeked = peekMessage(incoming, 'SAMLRequest');
  if (!peeked || peeked.root !== 'LogoutRequest') return { kind: 'refused', reason: 'invalid_request' };
  const sp = await findServiceProvider(ctx.db, peeked.issuer);
  if (!sp) return { kind: 'refused', reason: 'unknown_sp', entityId: peeked.issuer };
  if (!sp.sloUrl) return { kind: 'refused', reason: 'no_slo', entityId: sp.entityId };

  const urls = endpoints(ctx.config.publicUrl);
  let facts: LogoutRequestFacts;
  try {
    facts = await parseLogoutRequest(identityProvider(key, urls, sp.requestsSigned), serviceProviderEntity(sp), incoming);
  } catch (error) {
    return { kind: 'refused', reason: isSignatureFailure(error) ? 'invalid_signature' : 'invalid_request', entityId: sp.entityId };
  }
  if (facts.destination !== undefined && facts.destination !== urls.slo) return { kind: 'refused', reason: 'invalid_request', entityId: sp.entityId };
  const now = ctx.clock.now();
  if (!freshEnough(facts.issueInstant, now)) return { kind: 'refused', reason: 'stale', entityId: sp.entityId };

  const handle = randomBytes(24).toString('base64url');
  const details = { nameId: facts.nameId ?? null, sessionIndex: facts.sessionIndex ?? null, relayState: relayStateOf(incoming) ?? null };
  const fresh = await insertRequest(ctx.db, { handle, kind: 'logout', spEntityId: sp.entityId, requestId: facts.id, details, createdAt: now }, new Date(now.getTime() + REQUEST_TTL_MS));
  if (!fresh) return { kind: 'refused', reason: 'stale', entityId: sp.entityId };
  return { kind: 'continue', location: `/saml/slo/continue/${handle}` };
}

export type LogoutOutcome = { kind: 'expired' } | { kind: 'answer'; location: string; endSession: boolean; spEntityId: string };

/**
 * GET /saml/slo/continue/:handle: whether the browser's session is the one
 * the SP names (its NameID). If so, the caller ends it everywhere; either
 * way the SP gets a signed LogoutResponse (Success: its session is over).
 */
export async function answerLogout(ctx: AppContext, key: SigningKey, handle: string, session: Session | undefined): Promise<LogoutOutcome> {
  const now = ctx.clock.now();
  const pending = await findOpenRequest(ctx.db, handle, 'logout', now);
  const sp = pending && (await findServiceProvider(ctx.db, pending.spEntityId));
  if (!pending || !sp?.sloUrl || !(await consumeRequest(ctx.db, handle, now))) return { kind: 'expired' };
  const details = pending.details as { nameId: string | null; relayState: string | null };

  const participant = session && (await findParticipant(ctx.db, session.id, sp.entityId));
  const endSession = Boolean(participant && participant.nameId === details.nameId);
  // The initiator has logged out already: it is not sent a LogoutRequest of its own.
  if (endSession) await takeParticipants(ctx.db, session!.id, sp.entityId);

  const urls = endpoints(ctx.config.publicUrl);
  const id = newSamlId();
  const xml = logoutResponseXml({ id, issuer: urls.entityId, destination: sp.sloUrl, inResponseTo: pending.requestId, now });
  const location = logoutResponseUrl(identityProvider(key, urls), serviceProviderEntity(sp), xml, id, details.relayState ?? undefined);
  if (!endSession) {
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, now, {
        actor: `saml_sp:${sp.entityId}`,
        action: 'saml.logout_answered',
        target: session ? `person:${session.nrn}` : null,
        details: { session_ended: false, reason: session ? 'not_this_session' : 'no_session' },
      }),
    );
  }
  return { kind: 'answer', location, endSession, spEntityId: sp.entityId };
}

const SOAP_TIMEOUT_MS = 5_000;

/**
 * When a single-sign-on session ends (POST /logout, OpenID RP-initiated
 * logout, or an SP's LogoutRequest), every other SP that received an
 * assertion in it and registered a SOAP SingleLogoutService gets a signed
 * LogoutRequest back-channel (SAML SOAP binding), like OpenID back-channel
 * logout. SPs with only a front-channel endpoint are not told: their own
 * session ends with its lifetime.
 */
export async function notifyServiceProviders(ctx: AppContext, key: SigningKey, session: Pick<Session, 'id' | 'nrn'>, log: { warn(obj: object, msg: string): void }): Promise<void> {
  const participants = await takeParticipants(ctx.db, session.id);
  const urls = endpoints(ctx.config.publicUrl);
  const results: Record<string, string> = {};
  for (const participant of participants) {
    const sp = await findServiceProvider(ctx.db, participant.spEntityId);
    if (!sp?.sloSoapUrl) continue;
    const xml = logoutRequestXml({
      id: newSamlId(),
      issuer: urls.entityId,
      destination: sp.sloSoapUrl,
      nameId: participant.nameId,
      sessionIndex: participant.sessionIndex,
      audience: sp.entityId,
      now: ctx.clock.now(),
    });
    const body = soapEnvelope(signLogoutRequest(key, xml));
    try {
      const response = await fetch(sp.sloSoapUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'http://www.oasis-open.org/committees/security' },
        body,
        signal: AbortSignal.timeout(SOAP_TIMEOUT_MS),
      });
      const text = await response.text();
      results[sp.entityId] = response.ok && /StatusCode[^>]+Value="urn:oasis:names:tc:SAML:2\.0:status:Success"/.test(text) ? 'success' : `failed (HTTP ${response.status})`;
    } catch (error) {
      results[sp.entityId] = 'unreachable';
      log.warn({ sp: sp.entityId, err: error }, 'SAML back-channel logout failed');
    }
  }
  if (Object.keys(results).length === 0) return;
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock.now(), { actor: 'system', action: 'saml.logout_notified', target: `person:${session.nrn}`, details: { service_providers: results } }),
  );
}
