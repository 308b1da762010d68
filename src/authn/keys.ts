import type { Loa } from './loa';

/**
 * The digital keys a person can identify with, as the guides group them,
 * with the level each reaches and what it tells applications (acr, amr).
 */
export type KeyId = 'eid' | 'itsme' | 'passkey' | 'password_totp' | 'password_sms' | 'password_email' | 'password_token' | 'password';

export interface KeyKind {
  id: KeyId;
  loa: Loa;
  /** The FAS-style acr value of this key, for applications written for the Belgian systems. */
  fasAcr: string;
  /** Authentication methods references (RFC 8176). */
  amr: string[];
  /** Where its identification starts. */
  path: string;
}

export const KEYS: readonly KeyKind[] = [
  { id: 'eid', loa: 'high', fasAcr: 'urn:be:fedict:iam:fas:Level500', amr: ['hwk', 'sc', 'pin'], path: '/login/eid' },
  { id: 'itsme', loa: 'high', fasAcr: 'urn:be:fedict:iam:fas:Level450', amr: ['mfa', 'swk'], path: '/login/itsme' },
  { id: 'passkey', loa: 'substantial', fasAcr: 'urn:be:fedict:iam:fas:Level400', amr: ['hwk', 'user'], path: '/login/passkey' },
  { id: 'password_totp', loa: 'substantial', fasAcr: 'urn:be:fedict:iam:fas:Level400', amr: ['pwd', 'otp', 'mfa'], path: '/login/password?code=totp' },
  { id: 'password_sms', loa: 'substantial', fasAcr: 'urn:be:fedict:iam:fas:Level400', amr: ['pwd', 'sms', 'mfa'], path: '/login/password?code=sms' },
  { id: 'password_email', loa: 'substantial', fasAcr: 'urn:be:fedict:iam:fas:Level400', amr: ['pwd', 'otp', 'mfa'], path: '/login/password?code=email' },
  { id: 'password_token', loa: 'substantial', fasAcr: 'urn:be:fedict:iam:fas:Level400', amr: ['pwd', 'otp', 'mfa'], path: '/login/password?code=token' },
  { id: 'password', loa: 'low', fasAcr: 'urn:be:fedict:iam:fas:Level200', amr: ['pwd'], path: '/login/password' },
];

export function keyKind(id: KeyId): KeyKind {
  return KEYS.find((k) => k.id === id)!;
}
