import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import { createTestDatabase } from '../src/platform/testing/database';
import { importRegisters } from '../src/registries/import';
import { generateKbo } from './generate-kbo';
import { databaseName } from './measure';

export interface RegisterImportResult {
  enterprises: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Seconds the generator took to write the files (not in the rate). */
  generateSeconds: number;
  problems: number;
  /** The import counted per file, to check nothing was skipped. */
  applied: number;
}

/**
 * `sesame import-registers` on a generated KBO extract of BENCH_ENTERPRISES
 * enterprises (default 2 000 000), into a fresh database: rows of all files
 * per second of wall time. The files are written first and not timed.
 */
export async function benchRegisterImport(enterprises = Number(process.env.BENCH_ENTERPRISES ?? 2_000_000)): Promise<RegisterImportResult> {
  const generateStart = performance.now();
  const generated = await generateKbo(enterprises);
  const generateSeconds = (performance.now() - generateStart) / 1000;
  const { db, drop } = await createTestDatabase();
  try {
    const name = await databaseName(db);
    const start = performance.now();
    const report = await importRegisters(db, generated.dir, { progress: process.stderr.isTTY });
    const seconds = (performance.now() - start) / 1000;
    const applied = report.files.reduce((sum, f) => sum + f.applied, 0);
    if (report.problemCount > 0 || applied !== generated.rows) {
      throw new Error(`import incomplete: ${applied}/${generated.rows} rows, ${report.problemCount} problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from register_enterprises`.execute(db);
    if (rows[0]?.n !== enterprises) throw new Error(`expected ${enterprises} enterprises in ${name}, found ${rows[0]?.n}`);
    return { enterprises, rows: generated.rows, seconds, rowsPerSecond: generated.rows / seconds, generateSeconds, problems: report.problemCount, applied };
  } finally {
    await drop();
    await rm(generated.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchRegisterImport();
  console.log(`${result.enterprises} enterprises, ${result.rows} rows in ${result.seconds.toFixed(1)} s: ${Math.round(result.rowsPerSecond)} rows/s (target ≥ 50 000)`);
  console.log(JSON.stringify(result));
}
