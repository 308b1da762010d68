import { demoCa, type DemoCaContext } from './demo-ca';
import { decodeOcspRequest, isIssuedBy, OCSPResponseStatus, ocspErrorResponse, OcspError, serialHex, signOcspResponse, type OcspAnswer } from './ocsp';
import { findCard } from './store';

/**
 * The demo CA's OCSP responder: answers from the table of issued test
 * cards, so a card revoked with `sesame eid revoke` is "revoked" at once;
 * a serial the demo CA never issued is "unknown". Signed by the demo
 * responder's own key, whose certificate the citizen CA issued.
 */

/** How long an answer is good for: the listener keeps it that long, so a revocation shows within it. */
export const DEMO_OCSP_LIFETIME_MS = 60_000;

/** The DER answer to a DER request; malformed or foreign requests get the unsigned status RFC 6960 prescribes. */
export async function answerDemoOcsp(ctx: DemoCaContext, requestDer: Buffer): Promise<Buffer> {
  let request: ReturnType<typeof decodeOcspRequest>;
  try {
    request = decodeOcspRequest(requestDer);
  } catch (error) {
    if (error instanceof OcspError) return ocspErrorResponse(OCSPResponseStatus.malformedRequest);
    throw error;
  }
  if (request.certIds.length === 0) return ocspErrorResponse(OCSPResponseStatus.malformedRequest);
  const ca = await demoCa(ctx);
  // This responder answers for the citizen CA only.
  if (!request.certIds.every((id) => isIssuedBy(id, ca.citizen.certificate))) return ocspErrorResponse(OCSPResponseStatus.unauthorized);
  const now = ctx.clock.now();
  const nextUpdate = new Date(now.getTime() + DEMO_OCSP_LIFETIME_MS);
  const answers: OcspAnswer[] = [];
  for (const certId of request.certIds) {
    const card = await findCard(ctx.db, serialHex(certId));
    const status = !card ? { unknown: true as const } : card.revoked_at && card.revoked_at <= now ? { revokedAt: card.revoked_at } : { good: true as const };
    answers.push({ certId, status, thisUpdate: now, nextUpdate });
  }
  return signOcspResponse({ signer: ca.ocsp, answers, producedAt: now, nonce: request.nonce });
}
