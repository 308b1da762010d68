import { describe, expect, it } from 'vitest';
import { ITSME_ACR_ADVANCED, ITSME_ACR_BASIC, ITSME_NRN_CLAIM, acrIsAdvanced, nationalNumberIn } from './model';

describe('itsme claims', () => {
  it('only acr_advanced reaches the level of the itsme key', () => {
    expect(acrIsAdvanced(ITSME_ACR_ADVANCED)).toBe(true);
    expect(acrIsAdvanced(ITSME_ACR_BASIC)).toBe(false);
    expect(acrIsAdvanced(undefined)).toBe(false);
  });

  it('reads the national number from the configured claim, with or without separators', () => {
    expect(nationalNumberIn({ [ITSME_NRN_CLAIM]: '85021113771' }, ITSME_NRN_CLAIM)).toBe('85021113771');
    expect(nationalNumberIn({ [ITSME_NRN_CLAIM]: '85.02.11-137.71' }, ITSME_NRN_CLAIM)).toBe('85021113771');
    expect(nationalNumberIn({ nrn: '85021113771' }, 'nrn')).toBe('85021113771');
  });

  it('treats a missing, malformed or wrongly checked number as absent', () => {
    expect(nationalNumberIn({}, ITSME_NRN_CLAIM)).toBeUndefined();
    expect(nationalNumberIn(undefined, ITSME_NRN_CLAIM)).toBeUndefined();
    expect(nationalNumberIn({ [ITSME_NRN_CLAIM]: 85021113771 }, ITSME_NRN_CLAIM)).toBeUndefined();
    expect(nationalNumberIn({ [ITSME_NRN_CLAIM]: '85021113772' }, ITSME_NRN_CLAIM)).toBeUndefined();
  });
});
