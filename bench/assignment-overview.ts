import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../src/platform/testing/app';
import { openTestSession } from '../src/platform/testing/session';
import { latencies, type Latencies } from './page-latency';

export interface AssignmentOverviewResult {
  assignments: number;
  persons: number;
  pages: Latencies[];
}

// Pieter Claes (principal) and Jan Peeters (access manager of walloon_region) of the demo set; the registers are empty in a fresh database, so they are added.
const PRINCIPAL = '85021113771';
const DOMAIN_MANAGER = '79123005908';
export const ENTERPRISE = '0723641873';
const FAMILY = ['Dubois', 'Peeters', 'Janssens', 'Lambert', 'Maes', 'Dupont', 'Willems', 'Claes', 'Goossens', 'Mertens', 'Renard', 'Lejeune'];
const GIVEN = ['Naïma', 'Lucas', 'Lisa', 'Thomas', 'Émilie', 'Jan', 'Sophie', 'Marc', 'Chloé', 'Pieter', 'Ana', 'Bart', 'Hélène'];
// Roles of the demo catalog for the enterprise as a whole (no unit): walloon_region first.
const ROLES = [
  ['espace-personnel-wallon', 'relecteur'],
  ['espace-personnel-wallon', 'redacteur'],
  ['espace-personnel-wallon', 'editeur'],
  ['espace-personnel-wallon', 'gestionnaire'],
  ['espace-personnel-wallon', 'proprietaire'],
  ['intervat', 'comptable'],
  ['intervat', 'declarant'],
  ['mon-aviq', 'consultation'],
  ['webdiv', 'immatriculation'],
  ['webdiv', 'consultation-flotte'],
];

/**
 * Ateliers Zéphyr registered with `count` role assignments of `persons`
 * persons (ten roles; 80 % active, the rest stopped, expired or
 * deactivated), its principal and a walloon_region access manager with a
 * session each. A few set-based statements (insert … select
 * generate_series), not the services: only the reads are measured.
 */
export async function seedAssignments(t: TestApp, count: number, persons: number): Promise<{ principal: string; domainManager: string }> {
  if (count > persons * ROLES.length || ROLES.length !== 10) throw new Error('one live right per person and role: raise the persons');
  const db = t.ctx.db;
  await sql`insert into register_persons (nrn, last_name, first_names, birth_date, gender, language)
            values (${PRINCIPAL}, 'Claes', 'Pieter', '1985-02-11', 'M', 'nl'), (${DOMAIN_MANAGER}, 'Peeters', 'Jan', '1979-12-30', 'M', 'nl') on conflict do nothing`.execute(db);
  await sql`insert into register_enterprises (number, status, type_of_enterprise, juridical_form, start_date) values (${ENTERPRISE}, 'AC', '2', '610', '2001-01-01') on conflict do nothing`.execute(db);
  await sql`insert into register_denominations (entity_number, language, type, denomination) values (${ENTERPRISE}, '1', '001', 'Ateliers Zéphyr') on conflict do nothing`.execute(db);
  const principal = await openTestSession(t.ctx, PRINCIPAL);
  const domainManager = await openTestSession(t.ctx, DOMAIN_MANAGER);
  await sql`insert into enterprises (number, registered_at, registered_by) values (${ENTERPRISE}, now(), ${principal.person.id})`.execute(db);
  await sql`insert into mandates (enterprise_number, person_id, kind, valid_from, contact_email, contact_phone, designated_at, designated_by)
            values (${ENTERPRISE}, ${principal.person.id}, 'principal', date '2020-01-01', 'direction@zephyr.be', '+3227407992', now(), ${principal.person.id})`.execute(db);
  await sql`insert into mandates (enterprise_number, person_id, kind, domain, valid_from, designated_at, designated_by)
            values (${ENTERPRISE}, ${domainManager.person.id}, 'domain_access_manager', 'walloon_region', date '2020-01-01', now(), ${principal.person.id})`.execute(db);
  const family = sql.lit(`{${FAMILY.join(',')}}`);
  const given = sql.lit(`{${GIVEN.join(',')}}`);
  await sql`insert into persons (nrn, given_name, family_name, email, language)
            select lpad((900000000 + i)::text, 11, '0'), (${given}::text[])[i % 13 + 1], (${family}::text[])[i / 13 % 12 + 1] || ' ' || i, 'person' || i || '@example.be', 'fr'
              from generate_series(1, ${persons}) as i`.execute(db);
  await sql`create temporary table bench_people as select row_number() over (order by nrn) - 1 as n, id from persons where nrn like '00900%'`.execute(db);
  await sql`create index on bench_people (n)`.execute(db);
  const apps = sql.lit(`{${ROLES.map((r) => r[0]).join(',')}}`);
  const codes = sql.lit(`{${ROLES.map((r) => r[1]).join(',')}}`);
  // Assignment i: role i % 10 of person i / 10, so each person holds up to ten roles, each role as many people.
  await sql`insert into role_assignments (person_id, enterprise_number, application_id, role_code, status, valid_from, valid_until, created_at, updated_at)
            select p.id, ${ENTERPRISE}, (${apps}::text[])[i % 10 + 1], (${codes}::text[])[i % 10 + 1],
                   case when i / 10 % 10 < 8 then 'active' when i / 10 % 10 = 8 then 'stopped' when i / 10 % 20 = 9 then 'expired' else 'deactivated' end,
                   date '2020-01-01' + (i % 1500), case when i % 3 = 0 then date '2030-01-01' + (i % 700) end,
                   timestamptz '2020-01-01' + i * interval '1 minute', now()
              from generate_series(0, ${count - 1}) as i
              join bench_people p on p.n = i / 10`.execute(db);
  await sql`drop table bench_people`.execute(db);
  // The steady state autovacuum keeps: statistics and the visibility map (index-only scans).
  await sql`vacuum analyze`.execute(db);
  return { principal: principal.token, domainManager: domainManager.token };
}

const rows = (body: string) => (body.match(/href="\/access\/assignments\/[0-9a-f-]{36}"/g) ?? []).length;

/** The overview of an enterprise with `count` assignments, one request at a time, through the application (app.inject). */
export async function benchAssignmentOverview(count = Number(process.env.BENCH_ASSIGNMENTS ?? 100_000), requests = Number(process.env.BENCH_REQUESTS ?? 300)): Promise<AssignmentOverviewResult> {
  const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    const persons = Math.max(1000, Math.ceil(count / 5));
    const { principal, domainManager } = await seedAssignments(t, count, persons);
    const base = `/access/enterprises/${ENTERPRISE}/assignments`;
    // Every page must show ten assignments: a fast empty page is not a result.
    const ten = (body: string) => rows(body) === 10;
    const pages = [
      await latencies(t, principal, base, requests, ten),
      await latencies(t, principal, `${base}?page=${Math.floor(count / 20)}`, requests, ten),
      await latencies(t, principal, `${base}?status=stopped&application=intervat`, requests, ten),
      await latencies(t, principal, `${base}?q=dubois+12`, requests, (b) => rows(b) > 0),
      await latencies(t, principal, `${base}?sort=person&dir=asc`, Math.min(requests, 100), ten),
      await latencies(t, domainManager, base, requests, ten),
      await latencies(t, principal, `${base}?view=simple`, requests, (b) => b.includes('Rédacteur de dossiers')),
    ];
    return { assignments: count, persons, pages };
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchAssignmentOverview();
  for (const p of result.pages) console.log(`${p.path.padEnd(72)} p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms  (${p.requests} requests)`);
  console.log(JSON.stringify(result));
}
