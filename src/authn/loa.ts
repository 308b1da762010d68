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

/**
 * acr values other systems use for our levels, beside our own: the FAS
 * ones, plus those an operator configures (ACR_ALIASES) for applications
 * written for yet another system.
 */
export type AcrAliases = Readonly<Record<string, Loa>>;

/** The level an acr value asks for; unknown values ask for nothing beyond the client's own minimum. */
export function levelOfAcr(acr: string, aliases: AcrAliases = FAS_ACR): Loa | undefined {
  const own = (Object.entries(ACR) as [Loa, string][]).find(([, value]) => value === acr)?.[0];
  // Own properties only: "constructor" is no acr value.
  return own ?? (Object.hasOwn(aliases, acr) ? aliases[acr] : undefined);
}

/**
 * The level requested by acr values (space-separated, any of them acceptable
 * as OpenID Connect says): the lowest known one; undefined when none is known.
 */
export function requiredLevel(acrValues: string | undefined, aliases: AcrAliases = FAS_ACR): Loa | undefined {
  const levels = (acrValues ?? '').split(' ').map((acr) => levelOfAcr(acr, aliases)).filter(isLoa);
  return levels.sort((a, b) => LEVELS.indexOf(a) - LEVELS.indexOf(b))[0];
}

/**
 * Reads ACR_ALIASES: `alias=level` pairs separated by commas, e.g.
 * `urn:example:loa:2=substantial,urn:example:loa:3=high`. An alias is one
 * acr value (no space) that is not already one of ours or a FAS one; the
 * last `=` separates the level, so an alias may contain `=`. Returns the
 * aliases, or the first problem in one line.
 */
export function parseAcrAliases(text: string): { ok: true; aliases: Record<string, Loa> } | { ok: false; problem: string } {
  const aliases: Record<string, Loa> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const alias = entry.slice(0, Math.max(at, 0)).trim();
    const level = entry.slice(at + 1).trim();
    if (at <= 0 || !alias) return { ok: false, problem: `expected alias=level pairs separated by commas, got "${entry}"` };
    if (/\s/.test(alias)) return { ok: false, problem: `an acr alias cannot contain spaces: "${alias}"` };
    if (!isLoa(level)) return { ok: false, problem: `expected the level low, substantial or high for "${alias}", got "${level}"` };
    if (Object.values(ACR).includes(alias) || Object.hasOwn(FAS_ACR, alias)) return { ok: false, problem: `"${alias}" is already a built-in acr value` };
    if (Object.hasOwn(aliases, alias)) return { ok: false, problem: `"${alias}" is given twice` };
    aliases[alias] = level;
  }
  return { ok: true, aliases };
}
