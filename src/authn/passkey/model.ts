import { z } from 'zod';

/** How long a browser has to answer a challenge. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** The relying party: the host people see in the address bar, and the exact origin the browser reports. */
export function relyingParty(publicUrl: string) {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Sésame' };
}

const b64url = z.string().regex(/^[A-Za-z0-9_-]*$/).max(16_384);

/** What public/passkey.js posts after navigator.credentials.create(), in the WebAuthn JSON form. */
export const registrationCredential = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  response: z.object({ clientDataJSON: b64url, attestationObject: b64url, transports: z.array(z.string().max(32)).max(10).optional() }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** What public/passkey.js posts after navigator.credentials.get(). */
export const authenticationCredential = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  response: z.object({ clientDataJSON: b64url, authenticatorData: b64url, signature: b64url, userHandle: b64url.optional() }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** Parses the JSON text of a hidden form field with a schema; undefined when it is not valid. */
export function parseCredential<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
