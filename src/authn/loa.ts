/**
 * Levels of assurance and the acr values that name them. A request for a
 * level is satisfied by any higher one ("minimum" comparison).
 */
export const LEVELS = ['low', 'substantial', 'high'] as const;
export type Loa = (typeof LEVELS)[number];

export function atLeast(actual: Loa, required: Loa): boolean {
  return LEVELS.indexOf(actual) >= LEVELS.indexOf(required);
}

export function isLoa(value: unknown): value is Loa {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Our own acr values, one per level. */
export const ACR: Record<Loa, string> = {
  low: 'urn:sesame:loa:low',
  substantial: 'urn:sesame:loa:substantial',
  high: 'urn:sesame:loa:high',
};

/** FAS-style acr values for applications written for the Belgian systems, with the level each requires. */
export const FAS_ACR: Record<string, Loa> = {
  'urn:be:fedict:iam:fas:Level500': 'high',
  'urn:be:fedict:iam:fas:Level450': 'high',
  'urn:be:fedict:iam:fas:Level400': 'substantial',
  'urn:be:fedict:iam:fas:Level200': 'low',
  'urn:be:fedict:iam:fas:Level100': 'low',
};

/** The level an acr value asks for; unknown values ask for nothing beyond the client's own minimum. */
export function levelOfAcr(acr: string): Loa | undefined {
  const own = (Object.entries(ACR) as [Loa, string][]).find(([, value]) => value === acr)?.[0];
  return own ?? FAS_ACR[acr];
}

/**
 * The level requested by acr values (space-separated, any of them acceptable
 * as OpenID Connect says): the lowest known one; undefined when none is known.
 */
export function requiredLevel(acrValues: string | undefined): Loa | undefined {
  const levels = (acrValues ?? '').split(' ').map(levelOfAcr).filter(isLoa);
  return levels.sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b))[0];
}
