import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { HeldRight } from './model';

/** The person asked about: the `sub` our tokens carry (a persons.id) or a national register number (11 digits). */
export type PersonRef = { id: string } | { nrn: string };

interface Pending {
  person: PersonRef;
  applicationId: string;
  enterpriseNumber: string;
  resolve(rights: HeldRight[]): void;
  reject(error: unknown): void;
}

/** At most this many questions in one statement. */
const MAX_BATCH = 256;

const queues = new WeakMap<Db, Pending[]>();

/**
 * A person's active rights for one application in one enterprise. The
 * questions that arrive while the event loop is busy (an application asks
 * thousands a second) are answered together, by one statement at the next
 * turn of the loop: a round trip, a parse and a plan for the batch instead
 * of one per question, and no staleness (each answer is read after its
 * question). Each question is one probe of the partial index
 * role_assignments_active_by_person (person, application, enterprise;
 * role, unit and validity included), plus the unit's number for the few
 * rights scoped to a unit; a national number is resolved in the same
 * statement.
 */
export function activeRightsFor(db: Db, person: PersonRef, applicationId: string, enterpriseNumber: string): Promise<HeldRight[]> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queues.set(db, (queue = []));
      setImmediate(() => {
        queues.delete(db);
        for (let i = 0; i < queue!.length; i += MAX_BATCH) void answer(db, queue!.slice(i, i + MAX_BATCH));
      });
    }
    queue.push({ person, applicationId, enterpriseNumber, resolve, reject });
  });
}

interface RightRow {
  n: string;
  role_code: string;
  unit_id: string | null;
  unit_number: string | null;
  valid_from: string;
  valid_until: string | null;
}

/** The statement that answers a batch of questions: rows numbered by question (1-based). Exported for the benchmark's plan check. */
export function rightsStatement(questions: readonly Pick<Pending, 'person' | 'applicationId' | 'enterpriseNumber'>[]) {
  const ids = questions.map((q) => ('id' in q.person ? q.person.id : null));
  const nrns = questions.map((q) => ('nrn' in q.person ? q.person.nrn : null));
  const applications = questions.map((q) => q.applicationId);
  const enterprises = questions.map((q) => q.enterpriseNumber);
  return sql<RightRow>`
    select q.n, a.role_code, a.unit_id, u.number as unit_number, a.valid_from, a.valid_until
      from unnest(${ids}::uuid[], ${nrns}::text[], ${applications}::text[], ${enterprises}::text[]) with ordinality as q(person_id, nrn, application_id, enterprise_number, n)
      -- lateral: one probe of the index per question, whatever the planner thinks of the batch's size
      cross join lateral (
        select r.role_code, r.unit_id, r.valid_from, r.valid_until
          from role_assignments r
         where r.person_id = coalesce(q.person_id, (select p.id from persons p where p.nrn = q.nrn::char(11)))
           and r.application_id = q.application_id
           and r.enterprise_number = q.enterprise_number
           and r.status = 'active'
      ) a
      left join units u on u.id = a.unit_id
     order by q.n, a.role_code`;
}

async function answer(db: Db, batch: Pending[]): Promise<void> {
  try {
    // The statement's text is the same for every batch (four array parameters), so each connection prepares it
    // after its first run (platform/db/database.ts): no parse and, after a few executions, no plan per batch.
    const { rows } = await rightsStatement(batch).execute(db);
    const answers: HeldRight[][] = batch.map(() => []);
    for (const r of rows) answers[Number(r.n) - 1]!.push({ roleCode: r.role_code, unitId: r.unit_id, unitNumber: r.unit_number, validFrom: r.valid_from, validUntil: r.valid_until });
    batch.forEach((q, i) => q.resolve(answers[i]!));
  } catch (error) {
    for (const q of batch) q.reject(error);
  }
}
