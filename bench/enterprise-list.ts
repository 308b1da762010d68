import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../src/platform/testing/app';
import { openTestSession } from '../src/platform/testing/session';
import { latencies, type Latencies } from './page-latency';

export interface EnterpriseListResult {
  managed: number;
  pages: Latencies[];
}

// Hélène Vandenbroucke of the demo set; the registers are empty in a fresh database, so she is added.
const NRN = '68042208433';
const WORDS = ['Atelier', 'Bouw', 'Brasserie', 'Consult', 'Énergie', 'Garage', 'Immo', 'Transport'];
const FAMILY = ['Dubois', 'Peeters', 'Janssens', 'Lambert', 'Maes', 'Dupont', 'Willems', 'Claes', 'Goossens', 'Mertens'];

/**
 * A manager of `count` enterprises: half through a legal function in the
 * register, half through a co-principal mandate, each with a French and,
 * for one in three, a Dutch legal name. Written with a few set-based
 * statements, not through the services: only the page is measured.
 */
export async function seed(t: TestApp, count: number): Promise<string> {
  const db = t.ctx.db;
  await sql`insert into register_persons (nrn, last_name, first_names, birth_date, gender, language)
            values (${NRN}, 'Vandenbroucke', 'Hélène', '1968-04-22', 'F', 'fr') on conflict do nothing`.execute(db);
  const { token, person } = await openTestSession(t.ctx, NRN);
  const words = sql.lit(`{${WORDS.join(',')}}`);
  const family = sql.lit(`{${FAMILY.join(',')}}`);
  await sql`create temporary table bench_numbers as
            select i, '0' || lpad((3000000 + i)::text, 7, '0') || lpad((97 - (3000000 + i) % 97)::text, 2, '0') as number
              from generate_series(1, ${count}) as i`.execute(db);
  await sql`insert into register_enterprises (number, status, type_of_enterprise, juridical_form, start_date)
            select number, 'AC', '2', '610', date '2001-01-01' + i from bench_numbers`.execute(db);
  await sql`insert into register_denominations (entity_number, language, type, denomination)
            select number, '1', '001', (${words}::text[])[i % 8 + 1] || ' ' || (${family}::text[])[i / 8 % 10 + 1] || ' ' || i from bench_numbers
            union all
            select number, '2', '001', (${words}::text[])[i % 8 + 1] || ' ' || i || ' NV' from bench_numbers where i % 3 = 0`.execute(db);
  await sql`insert into register_legal_functions (enterprise_number, nrn, function_code, start_date)
            select number, ${NRN}, 'director', date '2015-01-01' from bench_numbers where i % 2 = 0`.execute(db);
  await sql`insert into enterprises (number, registered_at, registered_by) select number, now(), ${person.id} from bench_numbers where i % 2 = 1`.execute(db);
  await sql`insert into mandates (enterprise_number, person_id, kind, valid_from, designated_at, designated_by)
            select number, ${person.id}, 'co_principal', date '2020-01-01', now(), ${person.id} from bench_numbers where i % 2 = 1`.execute(db);
  await sql`analyze`.execute(db);
  return token;
}

/** GET /organisations for a person with `managed` enterprises, one request at a time, through the application (app.inject). */
export async function benchEnterpriseList(managed = Number(process.env.BENCH_MANAGED ?? 10_000), requests = Number(process.env.BENCH_REQUESTS ?? 300)): Promise<EnterpriseListResult> {
  // One client sends every request: the per-client limit would answer 429 after a few hundred.
  const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    const token = await seed(t, managed);
    // Each page must list ten enterprises: a fast empty page is not a result.
    const tenRows = (body: string) => (body.match(/<a href="\/organisations\/\d{10}">/g) ?? []).length === 10;
    const pages = [
      await latencies(t, token, '/organisations', requests, tenRows),
      await latencies(t, token, '/organisations?q=bouw+peeters', requests, (body) => tenRows(body) && body.includes('Bouw Peeters')),
      await latencies(t, token, '/organisations?page=500', requests, tenRows),
    ];
    return { managed, pages };
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchEnterpriseList();
  for (const p of result.pages) console.log(`${p.path.padEnd(32)} p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms  (${p.requests} requests, ${result.managed} enterprises)`);
  console.log(JSON.stringify(result));
}
