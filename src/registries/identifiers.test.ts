import { describe, expect, it } from 'vitest';
import { InputError } from '../platform/errors';
import {
  checkEnterpriseNumber,
  checkEntityNumber,
  checkEstablishmentNumber,
  checkNrn,
  enterpriseNumberSchema,
  establishmentNumberSchema,
  formatEnterpriseNumber,
  formatEstablishmentNumber,
  formatNrn,
  nrnBirthDate,
  nrnSchema,
  parseEnterpriseNumber,
  parseNrn,
} from './identifiers';

// Check digits below were computed by hand: 97 − (first nine digits mod 97), with a 2 in front for births from 2000.

describe('national register numbers', () => {
  it.each(['85.07.31-001.30', '85073100130', '850731 001 30', ' 85 07 31 001 30 ', '850731-001-30', '85/07/31 001.30'])(
    'reads %j as 85073100130',
    (input) => {
      expect(parseNrn(input)).toBe('85073100130');
    },
  );

  it('tells the birth date and gender of a number from before 2000', () => {
    expect(checkNrn('85.07.31-001.30')).toEqual({
      ok: true,
      value: { nrn: '85073100130', kind: 'national', birthYear: 1985, birthDate: '1985-07-31', gender: 'M' },
    });
    expect(checkNrn('68.04.22-084.33')).toMatchObject({ ok: true, value: { birthDate: '1968-04-22', gender: 'F' } });
  });

  it('uses the rule for births from 2000, where the check is computed on 2 followed by the nine digits', () => {
    expect(checkNrn('01.06.15-172.52')).toMatchObject({ ok: true, value: { birthYear: 2001, birthDate: '2001-06-15', gender: 'F' } });
    expect(checkNrn('04.03.12-364.89')).toMatchObject({ ok: true, value: { birthDate: '2004-03-12' } });
    expect(nrnBirthDate('02010921380')).toBe('2002-01-09');
  });

  it('lets the check digits tell the century of the same nine digits', () => {
    expect(nrnBirthDate('01061517252')).toBe('2001-06-15');
    expect(nrnBirthDate('01061517223')).toBe('1901-06-15');
  });

  it('knows 29 February 2000 but not 29 February 1900', () => {
    expect(nrnBirthDate('00022900244')).toBe('2000-02-29');
    expect(checkNrn('00022900116')).toEqual({ ok: false, error: 'errors.nrn.date' });
  });

  it('accepts a BIS number whose month is raised by 40, gender known', () => {
    expect(checkNrn('83.50.05-282.12')).toEqual({
      ok: true,
      value: { nrn: '83500528212', kind: 'bis', birthYear: 1983, birthDate: '1983-10-05', gender: 'F' },
    });
    expect(checkNrn('07481045647')).toMatchObject({ ok: true, value: { kind: 'bis', birthDate: '2007-08-10' } });
  });

  it('accepts a BIS number whose month is raised by 20, gender unknown', () => {
    expect(checkNrn('92.31.15-001.49')).toMatchObject({ ok: true, value: { kind: 'bis', birthDate: '1992-11-15', gender: null } });
  });

  it('accepts 00 for an unknown month or day, without a birth date', () => {
    expect(checkNrn('78.20.00-417.03')).toMatchObject({ ok: true, value: { kind: 'bis', birthYear: 1978, birthDate: null, gender: null } });
    expect(checkNrn('45.03.00-123.67')).toMatchObject({ ok: true, value: { kind: 'national', birthYear: 1945, birthDate: null } });
    expect(checkNrn('30.00.00-245.94')).toMatchObject({ ok: true, value: { birthDate: null } });
    expect(checkNrn('62.40.00-333.85')).toMatchObject({ ok: true, value: { kind: 'bis', birthDate: null } });
  });

  it.each([
    ['85.07.31-001.31', 'errors.nrn.checksum'],
    ['85.07.31-002.30', 'errors.nrn.checksum'],
    ['01.06.15-172.53', 'errors.nrn.checksum'],
    ['85.02.30-001.25', 'errors.nrn.date'],
    ['85.13.01-001.02', 'errors.nrn.date'],
    ['85.33.01-001.45', 'errors.nrn.date'],
    ['8507310013', 'errors.nrn.format'],
    ['850731001300', 'errors.nrn.format'],
    ['85O73100130', 'errors.nrn.format'],
    ['85.07.31-001.3x', 'errors.nrn.format'],
    ['', 'errors.nrn.format'],
  ])('refuses %j with %s', (input, error) => {
    expect(checkNrn(input)).toEqual({ ok: false, error });
  });

  it('throws an InputError naming the field and the message key', () => {
    const thrown = (() => {
      try {
        parseNrn('85.07.31-001.31', 'holderNrn');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(InputError);
    expect(thrown).toMatchObject({ field: 'holderNrn', code: 'errors.nrn.checksum', status: 400 });
  });

  it('formats 11 digits the way the eID card prints them', () => {
    expect(formatNrn('85073100130')).toBe('85.07.31-001.30');
    expect(formatNrn('85 07 31 001 30')).toBe('85.07.31-001.30');
    expect(formatNrn('not a number')).toBe('not a number');
  });

  it('has a form schema whose issue message is the message key', () => {
    expect(nrnSchema.parse('85.07.31-001.30')).toBe('85073100130');
    const result = nrnSchema.safeParse('85.07.31-001.31');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('errors.nrn.checksum');
  });
});

describe('enterprise numbers', () => {
  it.each(['0845.059.050', '0845059050', 'BE0845059050', 'BE 0845.059.050', 'be0845059050', '0845 059 050', '845.059.050', '845059050'])(
    'reads %j as 0845059050',
    (input) => {
      expect(parseEnterpriseNumber(input)).toBe('0845059050');
    },
  );

  it('accepts the numbers that start with 1', () => {
    expect(checkEnterpriseNumber('1004.327.607')).toEqual({ ok: true, value: '1004327607' });
  });

  it.each([
    ['0845.059.051', 'errors.enterprise.checksum'],
    ['0845.059.150', 'errors.enterprise.checksum'],
    ['1004.327.608', 'errors.enterprise.checksum'],
    ['08450590', 'errors.enterprise.format'],
    ['08450590501', 'errors.enterprise.format'],
    ['0845.O59.050', 'errors.enterprise.format'],
    ['2241097304', 'errors.enterprise.format'],
    ['', 'errors.enterprise.format'],
  ])('refuses %j with %s', (input, error) => {
    expect(checkEnterpriseNumber(input)).toEqual({ ok: false, error });
  });

  it('formats as 0845.059.050', () => {
    expect(formatEnterpriseNumber('0845059050')).toBe('0845.059.050');
    expect(formatEnterpriseNumber('BE0845059050')).toBe('0845.059.050');
  });

  it('throws an InputError on the enterpriseNumber field by default', () => {
    expect(() => parseEnterpriseNumber('0845.059.051')).toThrow(expect.objectContaining({ field: 'enterpriseNumber', code: 'errors.enterprise.checksum' }));
  });

  it('has a form schema whose issue message is the message key', () => {
    expect(enterpriseNumberSchema.parse('BE 0845.059.050')).toBe('0845059050');
    expect(enterpriseNumberSchema.safeParse('0845').error?.issues[0]?.message).toBe('errors.enterprise.format');
  });
});

describe('establishment unit numbers', () => {
  it('reads a number starting with 2 to 8 with the same check rule', () => {
    expect(checkEstablishmentNumber('2.241.097.304')).toEqual({ ok: true, value: '2241097304' });
    expect(checkEstablishmentNumber('2241097304')).toEqual({ ok: true, value: '2241097304' });
  });

  it.each([
    ['2.241.097.305', 'errors.establishment.checksum'],
    ['9.241.097.304', 'errors.establishment.format'],
    ['0845.059.050', 'errors.establishment.format'],
    ['2.241.097', 'errors.establishment.format'],
    ['2.241.O97.304', 'errors.establishment.format'],
  ])('refuses %j with %s', (input, error) => {
    expect(checkEstablishmentNumber(input)).toEqual({ ok: false, error });
  });

  it('formats as 2.241.097.304', () => {
    expect(formatEstablishmentNumber('2241097304')).toBe('2.241.097.304');
  });

  it('has a form schema whose issue message is the message key', () => {
    expect(establishmentNumberSchema.safeParse('2.241.097.305').error?.issues[0]?.message).toBe('errors.establishment.checksum');
  });
});

describe('KBO entity numbers', () => {
  it('tells an enterprise from an establishment unit by the first digit', () => {
    expect(checkEntityNumber('0845.059.050')).toEqual({ ok: true, value: { kind: 'enterprise', number: '0845059050' } });
    expect(checkEntityNumber('2.241.097.304')).toEqual({ ok: true, value: { kind: 'establishment', number: '2241097304' } });
    expect(checkEntityNumber('2.241.097.305')).toEqual({ ok: false, error: 'errors.establishment.checksum' });
  });
});
