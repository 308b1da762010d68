import { sql } from 'kysely';
import { createTestApp } from '../src/platform/testing/app';
import { compare, databaseName, durations, type Measurement } from './measure';

export interface QueryBuilderResult {
  builder: Measurement;
  template: Measurement;
  /** Node CPU per statement, in microseconds, each way. */
  builderNodeUs: number;
  templateNodeUs: number;
}

/**
 * Why the hot statements (the provider's storage, the session lookup, the
 * password login) are `sql` templates: the same read of
 * oidc_model_instances, through Kysely's query builder and as a template,
 * eight in flight, in alternating rounds. Both send the same SQL with the
 * same parameters to PostgreSQL; the difference is Node's work before
 * sending (building the immutable query tree, then compiling it).
 */
export async function benchQueryBuilder(): Promise<QueryBuilderResult> {
  const t = await createTestApp();
  try {
    const db = t.ctx.db;
    await sql`insert into oidc_model_instances (model, id, payload, expires_at)
      select 'Grant', 'g' || i, '{"accountId":"x","openid":{"scope":"openid"}}'::jsonb, now() + interval '1 day' from generate_series(1, 1000) i`.execute(db);
    let n = 0;
    const id = () => `g${(n++ % 1000) + 1}`;
    const builder = async () => {
      await db
        .selectFrom('oidc_model_instances')
        .select(['payload', 'consumed_at'])
        .where('model', '=', 'Grant')
        .where('id', '=', id())
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
        .executeTakeFirst();
    };
    const template = async () => {
      await sql`select payload, consumed_at from oidc_model_instances where model = ${'Grant'} and id = ${id()} and (expires_at is null or expires_at > ${new Date()})`.execute(db);
    };
    const result = await compare(builder, template, { concurrency: 8, database: await databaseName(db), rounds: 5, ...durations() });
    const nodeUs = (m: Measurement) => (m.nodeCpuSeconds / m.ops) * 1e6;
    return { builder: result.reference, template: result.candidate, builderNodeUs: nodeUs(result.reference), templateNodeUs: nodeUs(result.candidate) };
  } finally {
    await t.close();
  }
}

if (process.argv[1]?.endsWith('query-builder.ts')) {
  const r = await benchQueryBuilder();
  console.log(`query builder: ${r.builderNodeUs.toFixed(0)} µs of Node CPU per statement, ${r.builder.perSecond.toFixed(0)}/s; sql template: ${r.templateNodeUs.toFixed(0)} µs, ${r.template.perSecond.toFixed(0)}/s`);
}
