import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { personById } from '../../identity/service';
import type { AppContext } from '../../platform/context';
import { AppError, ForbiddenError, InputError } from '../../platform/errors';
import { auditAttempt } from '../attempts';
import { addKey, keysOf, markKeyUsed } from '../digital-keys/service';
import { mayActivate } from '../digital-keys/model';
import type { Session } from '../session';
import { checkThrottle, recordThrottledFailure } from '../throttle';
import { authenticationCredential, CHALLENGE_TTL_MS, parseCredential, registrationCredential, relyingParty } from './model';
import { advanceCounter, consumeChallenge, credentialsOfKeys, findCredential, insertChallenge, insertCredential } from './store';

const toBytes = (b64url: string) => new Uint8Array(Buffer.from(b64url, 'base64url'));
const toText = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** A challenge ready for the browser: its id travels back in the form, the options go to navigator.credentials. */
export interface Ceremony<O> {
  challengeId: string;
  options: O;
}

async function livePasskeyIds(ctx: AppContext, personId: string) {
  return (await keysOf(ctx, personId)).filter((key) => key.kind === 'passkey' && key.status === 'active').map((key) => key.id);
}

/**
 * Starts adding a passkey to the session's person: a discoverable credential
 * with user verification, never one the person already has on that device.
 */
export async function startRegistration(ctx: AppContext, session: Session): Promise<Ceremony<PublicKeyCredentialCreationOptionsJSON>> {
  if (!mayActivate(session.loa, 'passkey')) throw new ForbiddenError('keys.level_too_low');
  const person = await personById(ctx, session.personId);
  if (!person) throw new ForbiddenError();
  const { rpID, rpName } = relyingParty(ctx.config.publicUrl);
  const existing = await credentialsOfKeys(ctx.db, await livePasskeyIds(ctx, person.id));
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    // The user handle is the platform's opaque person id: no national number on the device.
    userID: new TextEncoder().encode(person.id),
    userName: `${person.givenName} ${person.familyName}`,
    userDisplayName: `${person.givenName} ${person.familyName}`,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports as never })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const now = ctx.clock.now();
  const challengeId = await insertChallenge(ctx.db, { purpose: 'register', personId: person.id, challenge: options.challenge, at: now, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) });
  return { challengeId, options };
}

/**
 * Checks the browser's answer to a registration challenge and, if sound,
 * activates the passkey key (audited, with its e-mail notice) with its
 * credential, in one transaction. Returns the new key's id.
 */
export async function finishRegistration(
  ctx: AppContext,
  session: Session,
  answer: { challengeId: string; credential: string; label: string | null },
  requestId?: string,
): Promise<string> {
  if (!mayActivate(session.loa, 'passkey')) throw new ForbiddenError('keys.level_too_low');
  if (!answer.credential) throw new InputError('credential', 'passkey.needs_javascript');
  const response = parseCredential(registrationCredential, answer.credential);
  if (!response) throw new InputError('credential', 'passkey.failed');
  const challenge = await consumeChallenge(ctx.db, answer.challengeId, 'register', session.personId, ctx.clock.now());
  if (!challenge) throw new InputError('credential', 'passkey.expired');
  const { rpID, origin } = relyingParty(ctx.config.publicUrl);
  const verified = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verified?.verified) throw new InputError('credential', 'passkey.failed');
  const { credential } = verified.registrationInfo;
  return ctx.db.transaction().execute(async (trx) => {
    const keyId = await addKey(trx, ctx, session, 'passkey', answer.label, requestId);
    const stored = await insertCredential(trx, {
      keyId,
      credentialId: credential.id,
      publicKey: toText(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
    });
    if (!stored) throw new InputError('credential', 'passkey.already_registered');
    return keyId;
  });
}

/** Starts an identification with any passkey the browser holds for this site (discoverable credentials: no name typed first). */
export async function startLogin(ctx: AppContext): Promise<Ceremony<PublicKeyCredentialRequestOptionsJSON>> {
  const { rpID } = relyingParty(ctx.config.publicUrl);
  const options = await generateAuthenticationOptions({ rpID, userVerification: 'required', allowCredentials: [] });
  const now = ctx.clock.now();
  const challengeId = await insertChallenge(ctx.db, { purpose: 'login', personId: null, challenge: options.challenge, at: now, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) });
  return { challengeId, options };
}

/**
 * Checks the browser's answer to a login challenge: a live passkey of a
 * known person, signed with user verification, its counter moving forward.
 * Returns who it identifies; the caller completes the identification.
 */
export async function finishLogin(ctx: AppContext, answer: { challengeId: string; credential: string }): Promise<{ nrn: string; keyId: string }> {
  if (!answer.credential) throw new InputError('credential', 'passkey.needs_javascript');
  const response = parseCredential(authenticationCredential, answer.credential);
  if (!response) throw new InputError('credential', 'passkey.failed');
  const challenge = await consumeChallenge(ctx.db, answer.challengeId, 'login', null, ctx.clock.now());
  if (!challenge) throw new InputError('credential', 'passkey.expired');
  const stored = await findCredential(ctx.db, response.id);
  const personId = response.response.userHandle ? Buffer.from(response.response.userHandle, 'base64url').toString('utf8') : undefined;
  const person = stored && personId && /^[0-9a-f-]{36}$/.test(personId) ? await personById(ctx, personId) : undefined;
  if (!stored || !person || !(await livePasskeyIds(ctx, person.id)).includes(stored.keyId)) throw new AppError('passkey.unknown', 401, {}, 'credential');
  const { rpID, origin } = relyingParty(ctx.config.publicUrl);
  const verified = await verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: { id: stored.credentialId, publicKey: toBytes(stored.publicKey), counter: stored.counter, transports: stored.transports as never },
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verified?.verified) throw new AppError('passkey.failed', 401, {}, 'credential');
  if (!(await advanceCounter(ctx.db, stored.credentialId, stored.counter, verified.authenticationInfo.newCounter))) {
    throw new AppError('passkey.failed', 401, {}, 'credential');
  }
  await markKeyUsed(ctx.db, stored.keyId, ctx.clock.now());
  return { nrn: person.nrn, keyId: stored.keyId };
}

// Refusals that could be a guess at someone's passkey; a missing or expired challenge guesses nothing.
const GUESSES = new Set<string>(['passkey.unknown', 'passkey.failed']);

/**
 * An identification with a passkey, throttled per client address (the
 * answer names no account before it is verified) and audited whatever its
 * outcome. Refusals throw an AppError tied to the `credential` field.
 */
export async function identifyWithPasskey(
  ctx: AppContext,
  answer: { challengeId: string; credential: string },
  from: { address: string; requestId?: string },
): Promise<{ nrn: string; keyId: string }> {
  const subject = { address: from.address };
  const audit = { factor: 'passkey' as const, address: from.address, requestId: from.requestId };
  const throttle = await checkThrottle(ctx, subject);
  if (!throttle.allowed) {
    await auditAttempt(ctx, { ...audit, outcome: 'blocked' });
    throw new AppError('throttle.blocked', 429, { seconds: throttle.retryAfterSeconds }, 'credential');
  }
  let identified;
  try {
    identified = await finishLogin(ctx, answer);
  } catch (error) {
    if (error instanceof AppError && error.field === 'credential') {
      if (GUESSES.has(error.code)) await recordThrottledFailure(ctx, subject);
      await auditAttempt(ctx, { ...audit, outcome: 'failed', reason: error.code });
    }
    throw error;
  }
  // The address keeps its count on success, as for passwords: one valid passkey must not reset guesses at others'.
  await auditAttempt(ctx, { ...audit, nrn: identified.nrn, outcome: 'succeeded' });
  return identified;
}
