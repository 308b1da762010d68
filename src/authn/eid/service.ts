import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { CertificateRefused, type CertificateInfo, type RefusalReason } from './model';
import { consumeHandoff, findConsumedHandoff, insertHandoff, type ConsumedHandoff } from './store';
import type { VerifiedCertificate } from './verify';

/** How long the main site has to take over a verified certificate. */
export const HANDOFF_TTL_MS = 60_000;
// A session opened from a handoff starts right after it was consumed.
const SESSION_LINK_WINDOW_MS = 5 * 60_000;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'registers'>;

const hashCode = (code: string) => createHash('sha256').update(code).digest('base64url');

/**
 * The person a verified certificate names must be in the national register
 * (and alive): refused on the TLS listener, with the clear page, rather
 * than after the handoff.
 */
export async function checkRegisteredPerson(ctx: Ctx, verified: VerifiedCertificate): Promise<void> {
  const person = await ctx.registers.persons.findPerson(verified.nrn);
  if (!person || person.deathDate) throw new CertificateRefused('unknown_person', verified.nrn);
}

/**
 * A verified certificate becomes a single-use code for the main site,
 * valid HANDOFF_TTL_MS; only its hash is stored. Audited with the
 * certificate's serial and issuer.
 */
export async function createHandoff(ctx: Ctx, verified: VerifiedCertificate, requestId: string): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertHandoff(trx, { codeHash: hashCode(code), nrn: verified.nrn, info: verified.info, fingerprint: verified.fingerprint, createdAt: now, expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS) });
    await recordAudit(trx, now, {
      actor: `person:${verified.nrn}`,
      action: 'authn.eid.certificate_accepted',
      target: `person:${verified.nrn}`,
      details: { serial: verified.info.serialNumber, issuer: verified.info.issuer, fingerprint: verified.fingerprint },
      requestId,
    });
  });
  return code;
}

/** Records why a certificate was refused, with what it said about itself. */
export async function recordRefusal(ctx: Ctx, refusal: { reason: RefusalReason; detail?: string; subject?: string; serial?: string; issuer?: string; nrn?: string }, requestId: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, now, {
      actor: refusal.nrn ? `person:${refusal.nrn}` : 'anonymous',
      action: 'authn.eid.refused',
      target: refusal.nrn ? `person:${refusal.nrn}` : null,
      details: { reason: refusal.reason, detail: refusal.detail, subject: refusal.subject, serial: refusal.serial, issuer: refusal.issuer },
      requestId,
    });
  });
}

/** Takes over a handoff code: at most once, and only within its lifetime; undefined otherwise. */
export async function takeHandoff(ctx: Pick<AppContext, 'db' | 'clock'>, code: string): Promise<ConsumedHandoff | undefined> {
  if (!/^[\w-]{43}$/.test(code)) return undefined;
  return consumeHandoff(ctx.db, hashCode(code), ctx.clock.now());
}

/**
 * The certificate behind a session opened with the eID card, for the
 * OpenID provider's FAS `certificateInfo` claims (cert_issuer,
 * cert_subject, cert_serialnumber, cert_cn, cert_givenname, cert_sn).
 * Undefined for a session opened with another key.
 */
export async function eidCertificateForSession(
  ctx: Pick<AppContext, 'db'>,
  session: { nrn: string; key: string; authTime: Date },
): Promise<CertificateInfo | undefined> {
  if (session.key !== 'eid') return undefined;
  const from = new Date(session.authTime.getTime() - SESSION_LINK_WINDOW_MS);
  return (await findConsumedHandoff(ctx.db, session.nrn, from, session.authTime))?.info;
}
