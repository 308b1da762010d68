import { runAssignmentSchedule } from './access/service';
import { deactivateUnusedTokenCards } from './authn/codes/token-card/service';
import { endExpiredMemberships } from './organisations/members/service';
import type { AppContext } from './platform/context';
import type { ScheduledJob } from './platform/scheduler';

const HOURLY = 3_600_000;

/** Every scheduled job, run hourly by each serving node and once by `sesame jobs run`; each is safe on several nodes at once. */
export function scheduledJobs(ctx: AppContext): ScheduledJob[] {
  return [
    { name: 'token-cards.deactivate-unused', everyMs: HOURLY, run: () => deactivateUnusedTokenCards(ctx) },
    { name: 'memberships.end-expired', everyMs: HOURLY, run: () => endExpiredMemberships(ctx) },
    // Starts and ends role assignments on their dates (Belgian days: hourly reaches each midnight within the hour), expires invitations.
    { name: 'role-assignments.schedule', everyMs: HOURLY, run: () => runAssignmentSchedule(ctx) },
  ];
}
