import { cpus } from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database';
import { assignmentRows, benchAssignmentExport } from './assignment-export';
import { benchAssignmentOverview } from './assignment-overview';
import { authorizationRows, benchAuthorization } from './authorization';
import { benchEnterpriseList } from './enterprise-list';
import { benchGrants } from './grants';
import { perCpuSecond, type Measurement } from './measure';
import { benchPasswordLogin } from './password-login';
import { benchQueryBuilder } from './query-builder';
import { benchRegisterImport } from './register-import';
import { benchSsoFlow } from './sso-flow';

/**
 * `npm run bench`: every benchmark in one process, one after the other,
 * then one table. See BENCHMARKS.md for what each measures and the targets.
 */
const TARGETS = { password: 0.85, sso: 0.7, grantsPerCore: 1200, importRowsPerSecond: 50_000, listP95Ms: 50 };
// The national extract (2 million enterprises) takes minutes: `npm run bench` imports a tenth unless told (BENCHMARKS.md).
const IMPORT_ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 200_000);

const rate = (m: Measurement) => `${m.perSecond.toFixed(1)}/s`;
const cores = (m: Measurement) => ((m.nodeCpuSeconds + m.postgresCpuSeconds) / m.seconds).toFixed(2);
const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function postgresVersion(): Promise<string> {
  if (!process.env.DATABASE_URL) return 'none (PGlite)';
  const db = openDatabase({ url: process.env.DATABASE_URL });
  try {
    const { rows } = await sql<{ server_version: string }>`show server_version`.execute(db);
    return `PostgreSQL ${rows[0]!.server_version}`;
  } finally {
    await db.destroy();
  }
}

if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the grants are measured on PostgreSQL).');
  process.exit(2);
}
console.log(`${cpus()[0]?.model} × ${cpus().length}, Node ${process.version}, ${await postgresVersion()}, ${process.env.BENCH_SECONDS ?? 5} s per side`);

const password = await benchPasswordLogin();
console.log('password login: done');
const sso = await benchSsoFlow();
console.log('SSO flow: done');
const grants = await benchGrants();
console.log('grants: done');
const queryBuilder = await benchQueryBuilder();
console.log('query builder: done');
const registerImport = await benchRegisterImport(IMPORT_ENTERPRISES);
console.log('register import: done');
const enterpriseList = await benchEnterpriseList();
console.log('enterprise list: done');
const authorization = await benchAuthorization();
console.log('authorization check: done');
const assignmentOverview = await benchAssignmentOverview();
const assignmentExport = await benchAssignmentExport();
console.log('assignment overview and export: done\n');

const rows = [
  ['benchmark', 'reference', 'Sésame', 'result', 'target', ''],
  ['password login (full flow vs argon2id verify)', rate(password.rawVerify), rate(password.loginFlow), percent(password.ratio), '≥ 85 %', verdict(password.ratio >= TARGETS.password)],
  ['  same, per CPU-second', `${perCpuSecond(password.rawVerify).toFixed(1)}`, `${perCpuSecond(password.loginFlow).toFixed(1)}`, percent(perCpuSecond(password.loginFlow) / perCpuSecond(password.rawVerify)), '', ''],
  ['SSO code flow (vs bare oidc-provider)', rate(sso.bare), rate(sso.sesame), percent(sso.ratio), '≥ 70 %', verdict(sso.ratio >= TARGETS.sso)],
  ['  same, per CPU-second', `${perCpuSecond(sso.bare).toFixed(1)}`, `${perCpuSecond(sso.sesame).toFixed(1)}`, percent(perCpuSecond(sso.sesame) / perCpuSecond(sso.bare)), '', ''],
  ['refresh grant, per core', `bare: ${perCpuSecond(grants.bareRefresh).toFixed(0)}/s`, `${perCpuSecond(grants.refresh).toFixed(0)}/s (${rate(grants.refresh)} on ${cores(grants.refresh)} cores)`, percent(perCpuSecond(grants.refresh) / perCpuSecond(grants.bareRefresh)), '≥ 1 200', verdict(perCpuSecond(grants.refresh) >= TARGETS.grantsPerCore)],
  ['client credentials, per core', `bare: ${perCpuSecond(grants.bareClientCredentials).toFixed(0)}/s`, `${perCpuSecond(grants.clientCredentials).toFixed(0)}/s (${rate(grants.clientCredentials)} on ${cores(grants.clientCredentials)} cores)`, percent(perCpuSecond(grants.clientCredentials) / perCpuSecond(grants.bareClientCredentials)), '≥ 1 200', verdict(perCpuSecond(grants.clientCredentials) >= TARGETS.grantsPerCore)],
  ['one statement, Node CPU (builder vs sql template)', `${queryBuilder.builderNodeUs.toFixed(0)} µs`, `${queryBuilder.templateNodeUs.toFixed(0)} µs`, percent(queryBuilder.templateNodeUs / queryBuilder.builderNodeUs), '', ''],
  [
    `register import, ${registerImport.enterprises} enterprises`,
    '',
    `${Math.round(registerImport.rowsPerSecond)} rows/s (${registerImport.rows} rows in ${registerImport.seconds.toFixed(1)} s)`,
    '',
    '≥ 50 000/s',
    verdict(registerImport.rowsPerSecond >= TARGETS.importRowsPerSecond),
  ],
  ...enterpriseList.pages.map((page) => [
    `GET ${page.path}, ${enterpriseList.managed} enterprises`,
    '',
    `p50 ${page.p50.toFixed(1)} ms, p95 ${page.p95.toFixed(1)} ms, p99 ${page.p99.toFixed(1)} ms`,
    '',
    'p95 < 50 ms',
    verdict(page.p95 < TARGETS.listP95Ms),
  ]),
  ...authorizationRows(authorization),
  ...assignmentRows(assignmentOverview, assignmentExport),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ').trimEnd());
console.log(`\nconcurrency: password ${password.concurrency}, SSO ${sso.concurrency}, grants ${grants.concurrency}.`);
console.log('Cores = CPU time of this process plus the local PostgreSQL processes, over wall time. For the grants that is the server alone:');
console.log(`their HTTP clients run in a process of their own, which took ${(grants.refresh.clientCpuSeconds! / grants.refresh.ops * 1000).toFixed(2)} ms of CPU per refresh and ${(grants.clientCredentials.clientCpuSeconds! / grants.clientCredentials.ops * 1000).toFixed(2)} ms per client-credentials grant.`);
console.log(JSON.stringify({ password, sso, grants, queryBuilder, registerImport, enterpriseList, authorization, assignmentOverview, assignmentExport }));
