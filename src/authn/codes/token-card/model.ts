import { randomInt } from 'node:crypto';

/**
 * The legacy token card: a printed grid of numbered codes; the login asks
 * for the code at one random position. No new cards unless an operator
 * turns them back on; a card unused for 12 months is deactivated.
 */
export const TOKEN_CARD_POSITIONS = 24;
export const TOKEN_CODE_LENGTH = 6;
export const TOKEN_CARD_UNUSED_MONTHS = 12;

export interface PrintedCard {
  serial: string;
  /** Position (1…24) → code, shown once and never stored in clear. */
  codes: Record<string, string>;
}

export function newCard(): PrintedCard {
  const codes: Record<string, string> = {};
  for (let position = 1; position <= TOKEN_CARD_POSITIONS; position++) {
    codes[String(position)] = randomInt(0, 10 ** TOKEN_CODE_LENGTH).toString().padStart(TOKEN_CODE_LENGTH, '0');
  }
  const serial = `TK-${randomInt(0, 10 ** 10).toString().padStart(10, '0')}`;
  return { serial, codes };
}

export function randomPosition(): number {
  return randomInt(1, TOKEN_CARD_POSITIONS + 1);
}

export function isPosition(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= TOKEN_CARD_POSITIONS;
}

/** The moment before which a card's last use (or issue) makes it unused for too long. */
export function unusedSince(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - TOKEN_CARD_UNUSED_MONTHS);
  return cutoff;
}
