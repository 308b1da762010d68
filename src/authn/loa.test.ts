import { describe, expect, it } from 'vitest';
import { FAS_ACR, levelOfAcr, parseAcrAliases, requiredLevel } from './loa';

const ALIASES = { ...FAS_ACR, 'urn:example:loa:2': 'substantial', 'urn:example:loa:3': 'high' } as const;

describe('acr values and their levels', () => {
  it('reads ours and the FAS ones without configuration', () => {
    expect(levelOfAcr('urn:sesame:loa:substantial')).toBe('substantial');
    expect(levelOfAcr('urn:be:fedict:iam:fas:Level450')).toBe('high');
    expect(levelOfAcr('urn:example:loa:3')).toBeUndefined();
  });

  it('reads the aliases it is given', () => {
    expect(levelOfAcr('urn:example:loa:3', ALIASES)).toBe('high');
    expect(requiredLevel('urn:example:loa:3 urn:example:loa:2', ALIASES)).toBe('substantial');
    expect(requiredLevel('urn:example:unknown urn:example:loa:3', ALIASES)).toBe('high');
  });

  it('takes no inherited property for an acr value', () => {
    expect(levelOfAcr('constructor')).toBeUndefined();
    expect(requiredLevel('toString constructor')).toBeUndefined();
  });
});

describe('ACR_ALIASES', () => {
  it('reads alias=level pairs, with spaces around them and an = inside an alias', () => {
    expect(parseAcrAliases(' urn:example:loa:2=substantial, https://idp.example/acr?level=3 = high ,')).toEqual({
      ok: true,
      aliases: { 'urn:example:loa:2': 'substantial', 'https://idp.example/acr?level=3': 'high' },
    });
    expect(parseAcrAliases('')).toEqual({ ok: true, aliases: {} });
  });

  it('refuses what it cannot read, in one line', () => {
    expect(parseAcrAliases('urn:example:loa:2')).toEqual({ ok: false, problem: 'expected alias=level pairs separated by commas, got "urn:example:loa:2"' });
    expect(parseAcrAliases('=high')).toMatchObject({ ok: false });
    expect(parseAcrAliases('urn:a b=high')).toEqual({ ok: false, problem: 'an acr alias cannot contain spaces: "urn:a b"' });
    expect(parseAcrAliases('urn:x=medium')).toEqual({ ok: false, problem: 'expected the level low, substantial or high for "urn:x", got "medium"' });
  });

  it('refuses to redefine a built-in value or to give an alias twice', () => {
    expect(parseAcrAliases('urn:sesame:loa:high=low')).toEqual({ ok: false, problem: '"urn:sesame:loa:high" is already a built-in acr value' });
    expect(parseAcrAliases('urn:be:fedict:iam:fas:Level100=high')).toMatchObject({ ok: false });
    expect(parseAcrAliases('urn:x=low,urn:x=high')).toEqual({ ok: false, problem: '"urn:x" is given twice' });
  });
});
