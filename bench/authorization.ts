import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import { sql } from 'kysely';
import { checkAuthorization, type AuthorizationCheck } from '../src/access/api/service';
import { rightsStatement } from '../src/access/api/store';
import { invalidateCatalog } from '../src/access/catalog/service';
import { saveClient } from '../src/oidc/clients';
import { freePort } from '../src/oidc/testing/relying-party';
import { createTestApp, type TestApp } from '../src/platform/testing/app';
import { databaseName, measure, type Measurement } from './measure';
import { CLIENT_SECRET, discover, tokenRequest } from './oidc-flow';

/*
 * The authorization check (POST /api/authorization/check) on 10 million
 * role assignments, against node-casbin's enforce() on the same data in the
 * same run. Assignments are generated in SQL: persons × 10 rights each, in
 * one or two enterprises each (one enterprise per ten persons), spread over
 * every enterprise-wide role of the catalog; 90 % active, the rest expired
 * or stopped. Casbin holds its policies in memory: it is loaded with the
 * active rights of the first CASBIN_ASSIGNMENTS assignments (10 million do
 * not fit in reasonable memory and time), and Sésame is measured on the
 * same questions, which it answers from the full table.
 */

const CLIENT = 'bench-authorization';
const RIGHTS_PER_PERSON = 10;
// Questions in flight in the in-process measurement, as an application's many request handlers would have.
const CONCURRENCY = 64;

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface AuthorizationResult {
  assignments: number;
  persons: number;
  enterprises: number;
  seedSeconds: number;
  casbin: { assignments: number; policies: number; groupings: number; loadSeconds: number; heapGb: number; documented: Measurement; documentedLatency: Latency; reordered: Measurement };
  sesame: { inProcess: Measurement; inProcessLatency: Latency; sequentialLatency: Latency; sequentialPerSecond: number };
  /** Open-loop HTTP load at the target rate, then at a fifth of it. */
  http: HttpRun[];
  /** The same load on a bare node:http server answering a constant decision: what this machine allows any Node server. */
  floor: HttpRun[];
}

const seconds = () => Number(process.env.BENCH_SECONDS ?? 5);

function percentiles(samples: number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Persons, enterprises and assignments in a few set-based statements; the table's indexes are built after the rows, as a restore would. */
async function seed(t: TestApp, assignments: number): Promise<{ persons: number; enterprises: number }> {
  const db = t.ctx.db;
  const persons = Math.ceil(assignments / RIGHTS_PER_PERSON);
  const enterprises = Math.max(10, Math.ceil(persons / 10));
  await sql`set session_replication_role = replica`.execute(db).catch(() => undefined);
  await sql`insert into persons (id, nrn, given_name, family_name, language)
            select md5('p' || i)::uuid, '9' || lpad(i::text, 10, '0'), 'Prénom' || i, 'Nom' || i, 'fr' from generate_series(0, ${persons - 1}::int) i`.execute(db);
  const [anyone] = (await sql<{ id: string }>`select id from persons limit 1`.execute(db)).rows;
  await sql`insert into enterprises (number, registered_at, registered_by)
            select '0' || lpad((3000000 + e)::text, 7, '0') || lpad((97 - (3000000 + e) % 97)::text, 2, '0'), now(), ${anyone!.id}::uuid from generate_series(0, ${enterprises - 1}::int) e`.execute(db);
  await sql`create table bench_pairs as select row_number() over (order by application_id, code) - 1 as n, application_id, code from catalog_roles where unit_kind is null and retired_at is null`.execute(db);
  const pairs = Number((await sql<{ c: string }>`select count(*) as c from bench_pairs`.execute(db)).rows[0]!.c);
  if (pairs < RIGHTS_PER_PERSON) throw new Error(`the catalog has ${pairs} enterprise-wide roles; ${RIGHTS_PER_PERSON} are needed`);
  const indexes = (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'role_assignments' and indexname <> 'role_assignments_pkey'`.execute(db)).rows;
  for (const index of indexes) await sql`drop index ${sql.ref(index.indexname)}`.execute(db);
  // Person i: seven rights in enterprise (i * 7919) mod E, three in (i * 104729 + 13) mod E; ten distinct roles, so no two live rows collide.
  const step = 1_000_000;
  for (let from = 0; from < persons; from += step / RIGHTS_PER_PERSON) {
    const to = Math.min(persons, from + step / RIGHTS_PER_PERSON) - 1;
    await sql`insert into role_assignments (person_id, enterprise_number, application_id, role_code, status, valid_from, valid_until, created_at, updated_at)
              select md5('p' || i)::uuid,
                     '0' || lpad((3000000 + e)::text, 7, '0') || lpad((97 - (3000000 + e) % 97)::text, 2, '0'),
                     p.application_id, p.code,
                     case (i * 10 + k) % 20 when 0 then 'expired' when 1 then 'stopped' else 'active' end,
                     date '2025-01-01' + ((i + k) % 300),
                     case when (i + k) % 3 = 0 then date '2030-12-31' else null end,
                     now(), now()
                from generate_series(${from}::int, ${to}::int) i
                cross join generate_series(0, ${RIGHTS_PER_PERSON - 1}::int) k
                cross join lateral (select case when k < 7 then (i::bigint * 7919) % ${enterprises} else (i::bigint * 104729 + 13) % ${enterprises} end as e) x
                join bench_pairs p on p.n = (i + k) % ${pairs}`.execute(db);
  }
  for (const index of indexes) await sql.raw(index.indexdef).execute(db);
  await sql`set session_replication_role = origin`.execute(db).catch(() => undefined);
  await sql`vacuum analyze role_assignments`.execute(db);
  await sql`analyze persons`.execute(db);
  return { persons, enterprises };
}

/** Questions about persons among the first `persons`: three in four about a right they hold (a permission of the application, granted or not), one in four about another enterprise. */
async function questions(t: TestApp, persons: number, count: number): Promise<AuthorizationCheck[]> {
  const rows = (
    await sql<{ person_id: string; enterprise_number: string; application_id: string; permissions: { code: string }[] }>`
      select a.person_id, a.enterprise_number, a.application_id, c.permissions
        from generate_series(0, ${count - 1}::int) q
        cross join lateral (select * from role_assignments where person_id = md5('p' || ((q::bigint * 2654435761) % ${persons}))::uuid limit 1 offset (q % 10)) a
        join catalog_applications c on c.id = a.application_id`.execute(t.ctx.db)
  ).rows;
  const enterprises = rows.map((r) => r.enterprise_number);
  return rows.map((r, i) => ({
    person: r.person_id,
    application: r.application_id,
    permission: r.permissions[i % r.permissions.length]!.code,
    enterprise: i % 4 === 3 ? enterprises[(i * 31) % enterprises.length]! : r.enterprise_number,
  }));
}

const MODEL = (matcher: string) => `
[request_definition]
r = sub, dom, obj, act
[policy_definition]
p = sub, dom, obj, act
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = ${matcher}
`;
/** RBAC with domains as casbin documents it (role links per domain, policies for every domain with keyMatch), and the same with the cheap comparisons first. */
const DOCUMENTED = 'g(r.sub, p.sub, r.dom) && keyMatch(r.dom, p.dom) && r.obj == p.obj && r.act == p.act';
const REORDERED = 'r.obj == p.obj && r.act == p.act && g(r.sub, p.sub, r.dom) && keyMatch(r.dom, p.dom)';

/** Casbin loaded with the catalog's role permissions and the active, current rights of the first `persons` persons, read from the same table. */
async function loadCasbin(t: TestApp, persons: number): Promise<{ enforcers: { documented: Enforcer; reordered: Enforcer } | null; policies: number; groupings: number; loadSeconds: number; heapGb: number }> {
  const roles = await t.ctx.db.selectFrom('catalog_roles').select(['application_id', 'code', 'permissions']).where('retired_at', 'is', null).execute();
  const policies = roles.flatMap((r) => r.permissions.map((permission) => [`${r.application_id}:${r.code}`, '*', r.application_id, permission]));
  const documented = await newEnforcer(newModelFromString(MODEL(DOCUMENTED)));
  const reordered = await newEnforcer(newModelFromString(MODEL(REORDERED)));
  await documented.addPolicies(policies);
  await reordered.addPolicies(policies);
  const start = performance.now();
  const links: string[][] = [];
  const chunk = 20_000;
  for (let from = 0; from < persons; from += chunk) {
    const rows = (
      await sql<{ person_id: string; role: string; enterprise_number: string }>`
        select a.person_id, a.application_id || ':' || a.role_code as role, a.enterprise_number
          from generate_series(${from}::int, ${Math.min(persons, from + chunk) - 1}::int) i
          join role_assignments a on a.person_id = md5('p' || i)::uuid and a.status = 'active'
         where a.valid_from <= current_date and (a.valid_until is null or a.valid_until >= current_date)`.execute(t.ctx.db)
    ).rows;
    for (const r of rows) links.push([r.person_id, r.role, r.enterprise_number]);
  }
  const read = performance.now() - start;
  // In one call: each call rebuilds every role link (100 calls of 20 000 take 100 times one call of 2 million).
  await documented.addGroupingPolicies(links);
  await reordered.addGroupingPolicies(links);
  const groupings = links.length;
  const loadSeconds = (read + (performance.now() - start - read) / 2) / 1000;
  return { enforcers: { documented, reordered }, policies: policies.length, groupings, loadSeconds, heapGb: process.memoryUsage().heapUsed / 1e9 };
}

/**
 * A load generator in a worker thread: `rate` requests a second, sent on schedule whatever the answers (open loop). Latency is
 * counted from the scheduled time (the generator's own lateness included, so a slow server cannot hide behind it) and, for
 * reference, from the moment the request was actually written.
 */
const LOAD_GENERATOR = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { url, token, bodies, rate, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(url);
const latencies = [], fromSend = [];
let sent = 0, completed = 0, errors = 0;
const start = performance.now();
const total = Math.round(rate * seconds);
function send(scheduled) {
  const sentAt = performance.now();
  const body = bodies[sent % bodies.length];
  sent++;
  const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode === 200) { completed++; const now = performance.now(); latencies.push(now - scheduled); fromSend.push(now - sentAt); } else errors++; check(); });
  });
  req.on('error', () => { errors++; check(); });
  req.end(body);
}
function check() { if (completed + errors === total) parentPort.postMessage({ sent, completed, errors, latencies, fromSend, seconds: (performance.now() - start) / 1000 }); }
function tick() {
  const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
  while (sent < due) send(start + (sent / rate) * 1000);
  if (sent < total) setTimeout(tick, 1);
}
tick();
`;

interface HttpRun {
  targetPerSecond: number;
  sent: number;
  completed: number;
  errors: number;
  seconds: number;
  latency: Latency;
  fromSend: Latency;
}

/** A Node server with no framework, no database and no work: it reads the JSON question and answers a constant decision. */
async function floorServer(): Promise<{ port: number; close(): Promise<void> }> {
  const answer = JSON.stringify({ allow: true, reason: 'granted', roles: ['editeur'] });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function httpLoad(url: string, token: string, bodies: string[], rate: number, duration: number) {
  const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { url, token, bodies, rate, seconds: duration } });
  const result = await new Promise<{ sent: number; completed: number; errors: number; latencies: number[]; fromSend: number[]; seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return result;
}

async function timed(questions: AuthorizationCheck[], check: (q: AuthorizationCheck) => Promise<unknown>, count: number): Promise<{ latency: Latency; perSecond: number }> {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const begin = performance.now();
    await check(questions[i % questions.length]!);
    samples.push(performance.now() - begin);
  }
  return { latency: percentiles(samples), perSecond: count / ((performance.now() - start) / 1000) };
}

export async function benchAuthorization(assignments = Number(process.env.BENCH_AUTHZ_ASSIGNMENTS ?? 10_000_000), casbinAssignments = Number(process.env.BENCH_CASBIN_ASSIGNMENTS ?? 1_000_000)): Promise<AuthorizationResult> {
  if (!process.env.DATABASE_URL) throw new Error('the authorization benchmark runs on PostgreSQL: set DATABASE_URL');
  const port = await freePort();
  const t = await createTestApp({ PUBLIC_URL: `http://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    t.ctx.clock.set(new Date());
    const seedStart = performance.now();
    const { persons, enterprises } = await seed(t, assignments);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    // The benchmark's client stands for every application of the catalog.
    await sql`update catalog_applications set clients = array_append(clients, ${CLIENT})`.execute(t.ctx.db);
    invalidateCatalog(t.ctx);
    await saveClient(t.ctx, { client_id: CLIENT, grant_types: ['client_credentials'], scope: 'authorization', secret: CLIENT_SECRET }, 'cli');

    const casbinPersons = Math.ceil(Math.min(casbinAssignments, assignments) / RIGHTS_PER_PERSON);
    const asked = await questions(t, casbinPersons, 20_000);
    const casbin = await loadCasbin(t, casbinPersons);
    // Both sides must give the same answers: a fast wrong answer is not a result.
    for (const q of asked.slice(0, 2_000)) {
      const ours = await checkAuthorization(t.ctx, CLIENT, q);
      const theirs = await casbin.enforcers!.documented.enforce(q.person, q.enterprise, q.application, q.permission);
      if (!('decision' in ours) || ours.decision.allow !== theirs) throw new Error(`casbin and Sésame disagree on ${JSON.stringify(q)}`);
    }
    const probe = asked.slice(0, 64).map((q) => ({ person: { id: q.person }, applicationId: q.application, enterpriseNumber: q.enterprise }));
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain ${rightsStatement(probe)}`.execute(t.ctx.db)).rows.map((r) => r['QUERY PLAN'].trim());
    console.log(`authorization: plan of a batch of 64 questions: ${plan.join(' / ')}`);
    // The store prepares the statement once per connection; after five executions PostgreSQL may keep a generic plan: print it too.
    const generic = await t.ctx.db.connection().execute(async (c) => {
      const literal = (values: (string | null)[]) => sql.lit(`{${values.map((v) => (v === null ? 'NULL' : `"${v}"`)).join(',')}}`);
      const args = sql`${literal(probe.map((q) => q.person.id))}, ${literal(probe.map(() => null))}, ${literal(probe.map((q) => q.applicationId))}, ${literal(probe.map((q) => q.enterpriseNumber))}`;
      await sql.raw(`prepare bench_rights(uuid[], text[], text[], text[]) as ${rightsStatement([]).compile(c).sql}`).execute(c);
      for (let i = 0; i < 6; i++) await sql`execute bench_rights(${args})`.execute(c);
      const rows = (await sql<{ 'QUERY PLAN': string }>`explain execute bench_rights(${args})`.execute(c)).rows.map((r) => r['QUERY PLAN'].trim());
      await sql`deallocate bench_rights`.execute(c);
      return rows;
    });
    console.log(`authorization: plan of the prepared statement after six executions: ${generic.join(' / ')}`);
    const allowed = asked.slice(0, 2_000).filter((_, i) => i % 4 !== 3).length;
    console.log(`authorization: ${assignments} assignments seeded in ${seedSeconds.toFixed(0)} s; casbin loaded ${casbin.groupings} rights in ${casbin.loadSeconds.toFixed(1)} s; answers agree (${allowed} questions on held rights checked)`);

    const database = await databaseName(t.ctx.db);
    const durationMs = seconds() * 1000;
    let n = 0;
    const casbinCheck = (e: Enforcer) => async () => {
      const q = asked[n++ % asked.length]!;
      await e.enforce(q.person, q.enterprise, q.application, q.permission);
    };
    const documented = await measure(casbinCheck(casbin.enforcers!.documented), { concurrency: 1, warmupMs: 1000, durationMs });
    const reordered = await measure(casbinCheck(casbin.enforcers!.reordered), { concurrency: 1, warmupMs: 1000, durationMs });
    const documentedTimed = await timed(asked, (q) => casbin.enforcers!.documented.enforce(q.person, q.enterprise, q.application, q.permission), Math.min(5_000, Math.ceil(documented.perSecond * 2)));
    // casbin is done: its enforcers (about a gigabyte of heap) are released before Sésame is measured, so that
    // collecting garbage in Sésame's checks does not mean marking casbin's heap (with them alive, the garbage
    // collector took about 40 % of Sésame's CPU time in this process).
    casbin.enforcers = null;
    const inProcess = await measure(
      async () => {
        const answer = await checkAuthorization(t.ctx, CLIENT, asked[n++ % asked.length]!);
        if (!('decision' in answer)) throw new Error('refused');
      },
      { concurrency: CONCURRENCY, database, warmupMs: 1000, durationMs },
    );
    const sequential = await timed(asked, (q) => checkAuthorization(t.ctx, CLIENT, q), 20_000);
    const concurrentSamples: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = w; i < 20_000; i += CONCURRENCY) {
          const begin = performance.now();
          await checkAuthorization(t.ctx, CLIENT, asked[i % asked.length]!);
          concurrentSamples.push(performance.now() - begin);
        }
      }),
    );

    await t.app.listen({ host: '127.0.0.1', port });
    const server = await discover(`http://127.0.0.1:${port}`);
    const token = (await tokenRequest(server, CLIENT, { grant_type: 'client_credentials', scope: 'authorization' })).access_token!;
    const bodies = asked.map((q) => JSON.stringify(q));
    // The target rate, then a fifth of it: latency under the target load, and when the machine is not saturated.
    const rate = Number(process.env.BENCH_AUTHZ_RATE ?? 5_000);
    const http: HttpRun[] = [];
    const floor: HttpRun[] = [];
    // BENCH_AUTHZ_HTTP=0 leaves the HTTP part out (while working on the check itself).
    const run = async (url: string, r: number): Promise<HttpRun> => {
      await httpLoad(url, token, bodies, r, 1);
      const load = await httpLoad(url, token, bodies, r, Math.max(10, seconds() * 2));
      return { targetPerSecond: r, sent: load.sent, completed: load.completed, errors: load.errors, seconds: load.seconds, latency: percentiles(load.latencies), fromSend: percentiles(load.fromSend) };
    };
    for (const r of process.env.BENCH_AUTHZ_HTTP === '0' ? [] : [rate, rate / 5]) {
      // The floor first, then Sésame, at each rate: the same generator, the same machine, the same minutes.
      const bare = await floorServer();
      try {
        floor.push(await run(`http://127.0.0.1:${bare.port}/api/authorization/check`, r));
      } finally {
        await bare.close();
      }
      http.push(await run(`http://127.0.0.1:${port}/api/authorization/check`, r));
    }

    return {
      assignments,
      persons,
      enterprises,
      seedSeconds,
      casbin: { assignments: casbinPersons * RIGHTS_PER_PERSON, policies: casbin.policies, groupings: casbin.groupings, loadSeconds: casbin.loadSeconds, heapGb: casbin.heapGb, documented, documentedLatency: documentedTimed.latency, reordered },
      sesame: { inProcess, inProcessLatency: percentiles(concurrentSamples), sequentialLatency: sequential.latency, sequentialPerSecond: sequential.perSecond },
      http,
      floor,
    };
  } finally {
    await t.close();
  }
}

if (process.argv[1]?.endsWith('authorization.ts')) {
  const result = await benchAuthorization();
  console.log(JSON.stringify(result, null, 2));
  for (const row of authorizationRows(result)) console.log(row.filter(Boolean).join(' | '));
}

/** The rows of `npm run bench`'s table (bench/run.ts): benchmark, reference, Sésame, result, target, verdict. */
export function authorizationRows(r: AuthorizationResult): string[][] {
  const perCpu = (m: Measurement) => m.ops / (m.nodeCpuSeconds + m.postgresCpuSeconds);
  const ratio = perCpu(r.sesame.inProcess) / perCpu(r.casbin.documented);
  const ms = (x: number) => x.toFixed(2);
  return [
    [
      `authorization check, ${r.assignments} assignments (casbin: ${r.casbin.assignments}), per CPU-second`,
      `casbin enforce(): ${perCpu(r.casbin.documented).toFixed(0)}/s`,
      `${perCpu(r.sesame.inProcess).toFixed(0)}/s (${r.sesame.inProcess.perSecond.toFixed(0)}/s wall)`,
      `${ratio.toFixed(1)} ×`,
      '≥ 20 ×',
      ratio >= 20 ? 'met' : 'MISSED',
    ],
    ...r.http.map((h, i) => [
      `POST /api/authorization/check at ${h.targetPerSecond}/s (open loop)`,
      r.floor[i] ? `bare node:http: p50 ${ms(r.floor[i]!.latency.p50)} ms, p99 ${ms(r.floor[i]!.latency.p99)} ms, ${r.floor[i]!.completed}/${r.floor[i]!.sent} in ${r.floor[i]!.seconds.toFixed(1)} s` : '',
      `p50 ${ms(h.latency.p50)} ms, p99 ${ms(h.latency.p99)} ms (from send: p99 ${ms(h.fromSend.p99)} ms), ${h.completed}/${h.sent} in ${h.seconds.toFixed(1)} s`,
      '',
      h.targetPerSecond === r.http[0]!.targetPerSecond ? 'p99 < 2 ms' : '',
      h.targetPerSecond === r.http[0]!.targetPerSecond ? (h.latency.p99 < 2 && h.errors === 0 ? 'met' : 'MISSED') : '',
    ]),
  ];
}
