import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_STATUSES, checkValidity, EVENTS, possibleRequests, REQUEST_KINDS, transition, eventOfRequest, type AssignmentEvent, type AssignmentStatus } from './model';

const today = '2026-11-24';
const current = { validFrom: '2026-11-01', validUntil: null, today };
const ahead = { validFrom: '2026-12-01', validUntil: '2027-01-31', today };
const over = { validFrom: '2026-01-01', validUntil: '2026-11-23', today };

/** Every allowed move, by period; anything not listed must be refused. */
const allowed: Record<'current' | 'ahead' | 'over', Partial<Record<AssignmentStatus, Partial<Record<AssignmentEvent, AssignmentStatus>>>>> = {
  current: {
    requested: { approve_assign: 'active', reject_assign: 'rejected' },
    scheduled: { start: 'active', change_validity: 'active', stop: 'stopped' },
    active: { change_validity: 'active', deactivate: 'deactivated', stop: 'stopped' },
    deactivated: { change_validity: 'deactivated', reactivate: 'active', stop: 'stopped' },
    stopped: { restart: 'active', archive: 'archived' },
    rejected: { archive: 'archived' },
    expired: { archive: 'archived' },
  },
  ahead: {
    requested: { approve_assign: 'scheduled', reject_assign: 'rejected' },
    scheduled: { change_validity: 'scheduled', stop: 'stopped' },
    active: { change_validity: 'scheduled', deactivate: 'deactivated', stop: 'stopped' },
    deactivated: { change_validity: 'deactivated', reactivate: 'active', stop: 'stopped' },
    stopped: { restart: 'scheduled', archive: 'archived' },
    rejected: { archive: 'archived' },
    expired: { archive: 'archived' },
  },
  over: {
    requested: { reject_assign: 'rejected', expire: 'expired' },
    scheduled: { stop: 'stopped', expire: 'expired' },
    active: { deactivate: 'deactivated', stop: 'stopped', expire: 'expired' },
    deactivated: { stop: 'stopped', expire: 'expired' },
    stopped: { archive: 'archived' },
    rejected: { archive: 'archived' },
    expired: { archive: 'archived' },
  },
};

describe('the assignment state machine', () => {
  const periods = { current, ahead, over } as const;
  for (const [name, period] of Object.entries(periods) as [keyof typeof periods, (typeof periods)[keyof typeof periods]][]) {
    for (const status of ASSIGNMENT_STATUSES) {
      for (const event of EVENTS) {
        const expected = allowed[name][status]?.[event] ?? null;
        it(`${expected ? 'allows' : 'refuses'} ${event} from ${status} (period ${name})${expected ? ` → ${expected}` : ''}`, () => {
          expect(transition(status, event, period)).toBe(expected);
        });
      }
    }
  }

  it('offers on a details page only requests that some period allows', () => {
    for (const status of ASSIGNMENT_STATUSES) {
      for (const kind of REQUEST_KINDS.filter((k) => k !== 'assign')) {
        const somewhere = Object.values(periods).some((p) => transition(status, eventOfRequest(kind), p) !== null);
        if (possibleRequests(status).includes(kind)) expect(somewhere, `${kind} from ${status}`).toBe(true);
      }
    }
  });
});

describe('the validity of a right', () => {
  const check = (validFrom: string, validUntil: string | null, endRequired = false, isNew = true) => checkValidity({ validFrom, validUntil, today }, { endRequired, isNew });

  it('accepts a start today or later, unlimited or with an end after the start', () => {
    expect(check(today, null)).toBeNull();
    expect(check('2026-12-01', '2026-12-01')).toBeNull();
  });

  it('refuses a new right starting in the past, but not a change to an existing one', () => {
    expect(check('2026-11-23', null)).toBe('access.errors.start_in_past');
    expect(check('2026-11-01', '2026-12-31', false, false)).toBeNull();
  });

  it('refuses an end before the start, an end in the past, and no end where the role needs one', () => {
    expect(check('2026-12-10', '2026-12-09')).toBe('access.errors.end_before_start');
    expect(check('2026-11-01', '2026-11-23', false, false)).toBe('access.errors.end_in_past');
    expect(check(today, null, true)).toBe('access.errors.end_required');
  });
});
