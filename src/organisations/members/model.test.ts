import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, mandatesLapsing, membershipStatus } from './model';

describe('CSV cells', () => {
  it('prefix a value that a spreadsheet would read as a formula with a quote', () => {
    for (const value of ['=SUM(A1)', '+32470', '-1', '@cmd', '\tx']) expect(csvCell(value)).toBe(`"'${value}"`);
    expect(csvCell('Naïma "N" Benali')).toBe('"Naïma ""N"" Benali"');
    expect(csvLine(['a', null, 'b'])).toBe('"a";"";"b"\r\n');
  });
});

describe('memberships', () => {
  it('a membership is ended once ended or once its last day has passed', () => {
    const at = new Date('2026-11-24T09:00:00Z');
    expect(membershipStatus({ startDate: '2026-11-01', endDate: null, endedAt: null }, at)).toBe('active');
    expect(membershipStatus({ startDate: '2026-12-01', endDate: null, endedAt: null }, at)).toBe('scheduled');
    expect(membershipStatus({ startDate: '2026-11-01', endDate: '2026-11-23', endedAt: null }, at)).toBe('ended');
    expect(membershipStatus({ startDate: '2026-11-01', endDate: '2026-11-24', endedAt: null }, at)).toBe('active');
  });

  it('a local-manager mandate lapses with the last open membership that covers its unit', () => {
    const mandates = [
      { kind: 'local_manager', unitId: 'u1' },
      { kind: 'domain_access_manager', unitId: null },
    ];
    expect(mandatesLapsing(mandates, [])).toEqual([mandates[0]]);
    expect(mandatesLapsing(mandates, ['u1'])).toEqual([]);
    expect(mandatesLapsing(mandates, [null])).toEqual([]);
    expect(mandatesLapsing(mandates, ['u2'])).toEqual([mandates[0]]);
  });
});
