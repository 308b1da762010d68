import { sql } from 'kysely';
import type { Trx } from '../platform/db/database';

export interface NewReport {
  personId: string;
  applicationId: string;
  subject: string;
  description: string;
  contactEmail: string | null;
  sentTo: string | null;
}

/**
 * Serialises a person's reports (two at once cannot both pass the limit) and
 * counts those since `since`. Call it first in the transaction.
 */
export async function lockAndCountRecentReports(trx: Trx, personId: string, since: Date): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`portal.report:${personId}`}))`.execute(trx);
  const row = await trx
    .selectFrom('portal_problem_reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertReport(trx: Trx, report: NewReport, at: Date): Promise<string> {
  const row = await trx
    .insertInto('portal_problem_reports')
    .values({
      person_id: report.personId,
      application_id: report.applicationId,
      subject: report.subject,
      description: report.description,
      contact_email: report.contactEmail,
      sent_to: report.sentTo,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
