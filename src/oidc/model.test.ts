import { describe, expect, it } from 'vitest';
import { FAS_ACR } from '../authn/loa';
import { acrFor, acrValuesSupported, clientMinLoa, decideInteraction, levelForRequest, type InteractionFacts } from './model';

const FAS = (level: number) => `urn:be:fedict:iam:fas:Level${level}`;
const ALIASES = { ...FAS_ACR, 'urn:example:loa:2': 'substantial', 'urn:example:loa:3': 'high' } as const;

describe('the level an authorization request needs', () => {
  it('is the application minimum when no acr_values are asked', () => {
    expect(levelForRequest('substantial', undefined)).toBe('substantial');
    expect(levelForRequest('low', '')).toBe('low');
  });

  it('is raised by acr_values above the application minimum, in our names or the FAS ones', () => {
    expect(levelForRequest('low', 'urn:sesame:loa:high')).toBe('high');
    expect(levelForRequest('low', FAS(400))).toBe('substantial');
    expect(levelForRequest('substantial', FAS(500))).toBe('high');
  });

  it('is never lowered by acr_values below the application minimum', () => {
    expect(levelForRequest('high', FAS(200))).toBe('high');
    expect(levelForRequest('substantial', 'urn:sesame:loa:low')).toBe('substantial');
  });

  it('takes the lowest of several acr_values, any of them being acceptable', () => {
    expect(levelForRequest('low', `${FAS(500)} ${FAS(400)}`)).toBe('substantial');
  });

  it('ignores unknown acr values', () => {
    expect(levelForRequest('low', 'urn:example:unknown')).toBe('low');
  });

  it('reads configured aliases when given them, and ignores them otherwise', () => {
    expect(levelForRequest('low', 'urn:example:loa:3', ALIASES)).toBe('high');
    expect(levelForRequest('low', 'urn:example:loa:3')).toBe('low');
  });

  it('reads an unexpected application minimum as the strictest', () => {
    expect(clientMinLoa(undefined)).toBe('low');
    expect(clientMinLoa('substantial')).toBe('substantial');
    expect(clientMinLoa('very-high')).toBe('high');
  });
});

describe('the acr asserted', () => {
  it('is ours for the session level when the application asked in our terms or not at all', () => {
    expect(acrFor({ loa: 'high', key: 'eid' }, undefined)).toBe('urn:sesame:loa:high');
    expect(acrFor({ loa: 'substantial', key: 'password_totp' }, 'urn:sesame:loa:low')).toBe('urn:sesame:loa:substantial');
  });

  it("is the key's FAS value when the application asked in FAS terms", () => {
    expect(acrFor({ loa: 'high', key: 'eid' }, FAS(100))).toBe(FAS(500));
    expect(acrFor({ loa: 'high', key: 'itsme' }, FAS(400))).toBe(FAS(450));
    expect(acrFor({ loa: 'substantial', key: 'password_sms' }, `urn:sesame:loa:low ${FAS(200)}`)).toBe(FAS(400));
    expect(acrFor({ loa: 'low', key: 'password' }, FAS(200))).toBe(FAS(200));
  });

  it('answers in the configured alias asked for: the highest one the session reaches', () => {
    expect(acrFor({ loa: 'high', key: 'eid' }, 'urn:example:loa:2 urn:example:loa:3', ALIASES)).toBe('urn:example:loa:3');
    expect(acrFor({ loa: 'substantial', key: 'passkey' }, 'urn:example:loa:2 urn:example:loa:3', ALIASES)).toBe('urn:example:loa:2');
    // FAS terms win: the key's own FAS value says more than an alias.
    expect(acrFor({ loa: 'high', key: 'itsme' }, `urn:example:loa:3 ${FAS(400)}`, ALIASES)).toBe(FAS(450));
    expect(acrFor({ loa: 'high', key: 'eid' }, 'urn:example:loa:3')).toBe('urn:sesame:loa:high');
  });

  it('publishes ours, then every alias', () => {
    expect(acrValuesSupported()).toEqual(['urn:sesame:loa:low', 'urn:sesame:loa:substantial', 'urn:sesame:loa:high', ...Object.keys(FAS_ACR)]);
    expect(acrValuesSupported(ALIASES)).toEqual(expect.arrayContaining(['urn:sesame:loa:high', FAS(500), 'urn:example:loa:2', 'urn:example:loa:3']));
  });

  it('falls back on ours for a key it does not know', () => {
    expect(acrFor({ loa: 'substantial', key: 'retired-key' }, FAS(200))).toBe('urn:sesame:loa:substantial');
  });
});

describe('whether the single-sign-on session answers the request', () => {
  const now = new Date('2026-03-02T10:00:00.000Z');
  const facts = (over: Partial<InteractionFacts>): InteractionFacts => ({
    session: { loa: 'substantial', authTime: new Date(now.getTime() - 60_000) },
    level: 'low',
    promptLogin: false,
    requestedAt: now,
    maxAge: undefined,
    now,
    ...over,
  });

  it('finishes with a session at or above the level', () => {
    expect(decideInteraction(facts({}))).toEqual({ kind: 'finish' });
    expect(decideInteraction(facts({ level: 'substantial' }))).toEqual({ kind: 'finish' });
  });

  it('sends a person without a session to identify at the level needed', () => {
    expect(decideInteraction(facts({ session: undefined, level: 'high' }))).toEqual({ kind: 'identify', level: 'high', reason: 'no_session' });
  });

  it('steps up a session below the level', () => {
    expect(decideInteraction(facts({ level: 'high' }))).toEqual({ kind: 'identify', level: 'high', reason: 'step_up' });
  });

  it('asks a session from before a prompt=login request to identify again, not one from after', () => {
    expect(decideInteraction(facts({ promptLogin: true }))).toEqual({ kind: 'identify', level: 'low', reason: 'prompt_login' });
    const after = { loa: 'substantial' as const, authTime: new Date(now.getTime() + 2_000) };
    expect(decideInteraction(facts({ promptLogin: true, session: after, now: new Date(now.getTime() + 3_000) }))).toEqual({ kind: 'finish' });
  });

  it('counts prompt=login in whole seconds: a session of the same second as the request answers it', () => {
    const sameSecond = { loa: 'substantial' as const, authTime: new Date(now.getTime() + 400) };
    expect(decideInteraction(facts({ promptLogin: true, requestedAt: new Date(now.getTime() + 900), session: sameSecond }))).toEqual({ kind: 'finish' });
  });

  it('asks a session older than max_age to identify again, and accepts one exactly max_age old', () => {
    expect(decideInteraction(facts({ maxAge: 59 }))).toEqual({ kind: 'identify', level: 'low', reason: 'max_age' });
    expect(decideInteraction(facts({ maxAge: 60 }))).toEqual({ kind: 'finish' });
    expect(decideInteraction(facts({ maxAge: 0, session: { loa: 'low', authTime: now } }))).toEqual({ kind: 'finish' });
  });

  it('checks the level before the age: a low and old session steps up', () => {
    expect(decideInteraction(facts({ level: 'high', maxAge: 1 }))).toEqual({ kind: 'identify', level: 'high', reason: 'step_up' });
  });
});
