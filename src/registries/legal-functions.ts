/**
 * Legal functions are not KBO open data: our legal_functions.csv names them
 * with these codes. Which of them may act for the enterprise decides who
 * may register it and designate its principal access manager.
 */
export const LEGAL_FUNCTIONS = {
  director: { represents: true },
  manager: { represents: true },
  managing_director: { represents: true },
  chair: { represents: true },
  permanent_representative: { represents: true },
  liquidator: { represents: true },
  // An auditor checks the accounts; it never binds the enterprise.
  auditor: { represents: false },
} as const;

export type LegalFunctionCode = keyof typeof LEGAL_FUNCTIONS;

export const LEGAL_FUNCTION_CODES = Object.keys(LEGAL_FUNCTIONS) as LegalFunctionCode[];

export function isLegalFunctionCode(code: string): code is LegalFunctionCode {
  return Object.hasOwn(LEGAL_FUNCTIONS, code);
}

/** Codes of the functions that represent the enterprise, for queries. */
export const REPRESENTATIVE_FUNCTIONS = LEGAL_FUNCTION_CODES.filter((code) => LEGAL_FUNCTIONS[code].represents);

/** The message key of a function's name. */
export function legalFunctionLabelKey(code: LegalFunctionCode) {
  return `registries.function.${code}` as const;
}
