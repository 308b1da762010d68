import { atLeast, type Loa } from '../loa';

export type KeyKindName = 'password' | 'totp' | 'sms' | 'email' | 'token_card' | 'passkey';
export type KeyStatus = 'pending' | 'active' | 'deactivated';

/** The level a key reaches once activated; a key may only be activated from a session at least that strong. */
export const KEY_LEVEL: Record<KeyKindName, Loa> = {
  password: 'low',
  totp: 'substantial',
  sms: 'substantial',
  email: 'substantial',
  token_card: 'substantial',
  passkey: 'substantial',
};

/**
 * "Activate a key only from a session at a level at least as high as that
 * key's": otherwise whoever holds a weak key could mint a strong one.
 * A password is activated only after a high-level identification, since it
 * is the base of every security-code key.
 */
export function mayActivate(sessionLoa: Loa, kind: KeyKindName): boolean {
  return kind === 'password' ? atLeast(sessionLoa, 'high') : atLeast(sessionLoa, KEY_LEVEL[kind]);
}
