import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => t.close());

// Prepared statements are PostgreSQL's (PGlite runs each statement in process, with nothing to save).
describe.skipIf(!process.env.DATABASE_URL)('statements a connection runs again and again', () => {
  it('are prepared on that connection from their second run, and give the same answers', async () => {
    await t.ctx.db.connection().execute(async (c) => {
      const prepared = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'sesame_%'`.execute(c)).rows.map((r) => r.statement);
      const read = (n: number) => sql<{ n: number }>`select ${n}::int + 1 as n`.execute(c);
      expect((await read(1)).rows).toEqual([{ n: 2 }]);
      expect(await prepared()).not.toContainEqual(expect.stringContaining('::int + 1'));
      expect((await read(2)).rows).toEqual([{ n: 3 }]);
      expect((await read(41)).rows).toEqual([{ n: 42 }]);
      expect(await prepared()).toContainEqual(expect.stringContaining('::int + 1'));
    });
  });

  it('stop being prepared past the cap, so texts that vary cannot grow the server without bound', async () => {
    await t.ctx.db.connection().execute(async (c) => {
      for (let i = 0; i < 300; i++) {
        for (let run = 0; run < 2; run++) await sql`select ${i}::int as n, ${sql.lit(i)} as variant`.execute(c);
      }
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_prepared_statements where name like 'sesame_%'`.execute(c);
      expect(Number(rows[0]!.n)).toBeLessThanOrEqual(256);
      expect(Number(rows[0]!.n)).toBeGreaterThan(200);
    });
  });

  it('leave long texts (bulk inserts) unprepared and unremembered', async () => {
    await t.ctx.db.connection().execute(async (c) => {
      const long = sql`select ${1}::int as n, ${sql.lit('x'.repeat(5000))} as padding`;
      for (let run = 0; run < 3; run++) await long.execute(c);
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_prepared_statements where statement like '%xxxxxxxxxx%'`.execute(c);
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });
});
