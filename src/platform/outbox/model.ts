import { z } from 'zod';

/** When to try a failed message again, and when to give up. */
export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the message is `failed`. */
  maxAttempts: number;
  /** Delay after the first failure; it doubles after each further one. */
  baseMs: number;
  /** Longest delay between two attempts. */
  capMs: number;
}

/** About three hours of attempts: an SMTP server restarting or briefly refusing does not lose a message. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseMs: 30_000, capMs: 3_600_000 };

/**
 * The delay before the next attempt, after `attempts` failed ones:
 * exponential, capped, with "equal jitter" (between half and all of it), so
 * messages that failed together do not all come back at the same instant.
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** Stable over retries (same row), and unique even if a database is recreated and its ids start again. */
export function deliveryIdOf(message: { id: number; created_at: Date }): string {
  return `outbox.${message.id}.${message.created_at.getTime()}`;
}

/** An RFC 5322 Message-ID in the sender's domain, so receivers can drop a retried duplicate. */
export function messageIdFor(deliveryId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'sesame.localhost';
  return `<${deliveryId}@${domain}>`;
}

export const emailAddress = z.email().max(254);
/** Phone numbers travel in E.164: a plus, the country code, the number, no spaces. */
export const phoneNumber = z.string().regex(/^\+[1-9]\d{6,14}$/);

/** A piece of plain text, or a link found in it. */
export type TextPart = string | { href: string; text: string };

// Stops at white space and at characters that cannot end a link in running text.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/**
 * Splits plain text into text and http(s) links, so a page can render the
 * links clickable while everything else stays text (and escaped). Any other
 * scheme (javascript:, data:) stays text.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const raw = match[0];
    const href = raw.replace(TRAILING_PUNCTUATION, '');
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push({ href: url.href, text: href });
    last = start + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Which slice of a list a page shows; a page past the end shows the last one. */
export function pageOf(requested: number, total: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pages);
  return { page, pages, offset: (page - 1) * size, limit: size };
}
