import { describe, expect, it } from 'vitest';
import {
  acceptedValidity,
  addDays,
  expiryInstant,
  hashToken,
  invitationState,
  invitationSteps,
  lastDayOf,
  latestExpiry,
  newToken,
  parseRoleKey,
  postedPersons,
  postedRoles,
  stepOfField,
  TOKEN_PATTERN,
} from './model';

const TODAY = '2026-11-24';
const steps = invitationSteps(TODAY);

describe('the link', () => {
  it('is 32 random bytes in base64url, different every time, and only its SHA-256 is kept', () => {
    const a = newToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
  });
});

describe('expiry', () => {
  it('is at most 365 days ahead', () => {
    expect(latestExpiry(TODAY)).toBe('2027-11-24');
    expect(latestExpiry('2028-02-29')).toBe('2029-02-28');
  });

  it('closes when the day after the last day starts in Brussels, in winter and in summer', () => {
    expect(expiryInstant('2026-12-24').toISOString()).toBe('2026-12-24T23:00:00.000Z');
    expect(expiryInstant('2027-07-01').toISOString()).toBe('2027-07-01T22:00:00.000Z');
    expect(lastDayOf(expiryInstant('2027-07-01'))).toBe('2027-07-01');
    expect(lastDayOf(expiryInstant('2027-03-27'))).toBe('2027-03-27');
  });

  it('shows an open invitation past its expiry as expired before the job marks it', () => {
    const expiresAt = new Date('2026-12-01T23:00:00Z');
    expect(invitationState({ status: 'open', expiresAt }, new Date('2026-12-01T22:59:59Z'))).toBe('open');
    expect(invitationState({ status: 'open', expiresAt }, expiresAt)).toBe('expired');
    expect(invitationState({ status: 'withdrawn', expiresAt }, new Date('2026-11-30T00:00:00Z'))).toBe('withdrawn');
  });

  it('starts a right accepted late on the day of acceptance, and refuses one whose period is over', () => {
    expect(acceptedValidity({ validFrom: '2026-11-01', validUntil: null }, TODAY)).toEqual({ validFrom: TODAY, validUntil: null });
    expect(acceptedValidity({ validFrom: '2026-12-01', validUntil: '2027-01-01' }, TODAY)).toEqual({ validFrom: '2026-12-01', validUntil: '2027-01-01' });
    expect(acceptedValidity({ validFrom: '2026-11-01', validUntil: '2026-11-23' }, TODAY)).toBeNull();
  });
});

describe('the wizard steps', () => {
  it('refuses an expiry over one year or in the past, and a template without name', () => {
    const details = (v: Record<string, string>) => steps.details.safeParse({ message: '', expiresOn: addDays(TODAY, 30), ...v });
    expect(details({}).success).toBe(true);
    expect(details({ expiresOn: addDays(TODAY, 365) }).success).toBe(true);
    expect(details({ expiresOn: addDays(TODAY, 366) }).error?.issues[0]?.message).toBe('access.invitations.errors.expiry_too_far');
    expect(details({ expiresOn: addDays(TODAY, -1) }).error?.issues[0]?.message).toBe('access.invitations.errors.expiry_past');
    expect(details({ saveTemplate: 'yes', templateDescription: 'x' }).error?.issues[0]?.path).toEqual(['templateName']);
  });

  it('refuses an end before the start, a start in the past, and neither an end nor Unlimited', () => {
    const properties = (v: Record<string, string>) => steps.properties.safeParse({ validFrom: TODAY, ...v });
    expect(properties({ unlimited: 'yes', validUntil: '2026-01-01' }).data).toMatchObject({ validUntil: '' });
    expect(properties({ validUntil: '2026-11-20' }).error?.issues[0]?.message).toBe('access.errors.end_before_start');
    expect(properties({ validFrom: '2026-11-23', unlimited: 'yes' }).error?.issues[0]?.message).toBe('access.errors.start_in_past');
    expect(properties({}).error?.issues[0]?.message).toBe('access.invitations.errors.until_or_unlimited');
  });

  it('reads persons and roles as posted and from their own output', () => {
    const posted = { familyName: ['Ducoeur', 'Maes'], givenName: ['Chloé', 'Lucas'], email: ['cdc@ewbs.be', ''], new_familyName: '', new_givenName: '', new_email: '' };
    expect(postedPersons(posted)).toHaveLength(2);
    expect(steps.persons.safeParse(posted).error?.issues[0]?.message).toBe('access.invitations.errors.person_incomplete');
    const ok = steps.persons.parse({ familyName: 'Ducoeur', givenName: 'Chloé', email: 'CDC@ewbs.be', new_familyName: 'Maes', new_givenName: 'Lucas', new_email: 'lucas@ewbs.be' });
    expect(ok.persons.map((p) => p.email)).toEqual(['cdc@ewbs.be', 'lucas@ewbs.be']);
    expect(steps.persons.parse(ok)).toEqual(ok);
    expect(postedRoles({ 'roles-0723641873': ['0723641873/a/b'], 'roles-0723641873__available': 'x', other: 'y' })).toEqual(['0723641873/a/b']);
    expect(steps.roles.safeParse({ 'roles-0723641873': 'not a key' }).success).toBe(false);
    expect(steps.roles.safeParse({}).error?.issues[0]?.message).toBe('access.invitations.errors.roles_required');
    expect(parseRoleKey('0723641873/espace-personnel-wallon/redacteur')).toEqual({ enterpriseNumber: '0723641873', applicationId: 'espace-personnel-wallon', roleCode: 'redacteur' });
  });

  it('leads an error found at the end back to the step of its field', () => {
    expect(stepOfField('units')).toBe('properties');
    expect(stepOfField('roles-0723641873')).toBe('roles');
    expect(stepOfField('expiresOn')).toBe('details');
    expect(stepOfField('persons')).toBe('persons');
  });
});
