import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { parse, type Info } from 'csv-parse';
import type { Executor } from '../platform/db/database';
import { FILE_SPECS, RowProblem, type FileSpec } from './import-files';

/**
 * Imports a directory of register files: a full KBO/BCE open-data extract
 * (enterprise.csv, establishment.csv, denomination.csv, address.csv,
 * code.csv), a monthly update (`*_delete.csv` then `*_insert.csv`), and our
 * own persons.csv and legal_functions.csv. Files are streamed and written
 * in batches; a line that does not fit is reported and skipped, never fatal.
 *
 * No transaction spans a file: a national extract is millions of lines, and
 * upserts make a re-run after an interruption safe.
 */

export interface FileReport {
  file: string;
  /** Data lines read (the header excluded). */
  lines: number;
  /** Rows written, or keys applied for a delete file. */
  applied: number;
  /** Rows removed from the database (delete files only). */
  deleted: number;
  skipped: number;
}

export interface ImportProblem {
  file: string;
  line: number;
  message: string;
}

export interface ImportReport {
  files: FileReport[];
  /** The first problems (at most MAX_PROBLEMS are kept); problemCount counts them all. */
  problems: ImportProblem[];
  problemCount: number;
  /** CSV files of the directory that are not register files (e.g. activity.csv, meta.csv). */
  ignored: string[];
}

export interface ImportOptions {
  batchSize?: number;
  /** Show a progress bar; only ever on a terminal. */
  progress?: boolean;
  /** Called for every problem as it is found, e.g. to print it. */
  onProblem?: (problem: ImportProblem) => void;
}

const MAX_PROBLEMS = 1000;
/** Lines per batch unless told: large statements mean few round trips (see writeRows for PostgreSQL's parameter limit). */
const DEFAULT_BATCH = 5000;
/** PostgreSQL binds at most 65 535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

export async function importRegisters(db: Executor, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const present = new Set((await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.csv')));
  const report: ImportReport = { files: [], problems: [], problemCount: 0, ignored: [] };
  const problem = (p: ImportProblem) => {
    report.problemCount++;
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
    options.onProblem?.(p);
  };
  const run: Run = {
    db,
    dir,
    batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH),
    progress: options.progress !== false && process.stderr.isTTY === true,
    problem,
  };
  const used = new Set<string>();
  // Deletes first, then full files, then inserts: the update's inserts restore what its deletes removed.
  for (const [suffix, mode] of [['_delete', 'delete'], ['', 'import'], ['_insert', 'import']] as const) {
    for (const spec of FILE_SPECS) {
      const file = `${spec.name}${suffix}.csv`;
      if (!present.has(file)) continue;
      used.add(file);
      if (mode === 'delete' && !spec.deletes) continue;
      report.files.push(await importFile(run, spec, file, mode));
    }
  }
  report.ignored = [...present].filter((name) => !used.has(name)).sort();
  return report;
}

interface Run {
  db: Executor;
  dir: string;
  batchSize: number;
  progress: boolean;
  problem: (p: ImportProblem) => void;
}

interface Pending<T> {
  item: T;
  line: number;
}

async function importFile(run: Run, spec: FileSpec<unknown>, file: string, mode: 'import' | 'delete'): Promise<FileReport> {
  const result: FileReport = { file, lines: 0, applied: 0, deleted: 0, skipped: 0 };
  const fullPath = path.join(run.dir, file);
  const bar = run.progress ? progressBar(file, (await stat(fullPath)).size) : undefined;
  const source = createReadStream(fullPath);
  const lineOf = (error: unknown) =>
    typeof (error as { lines?: unknown } | undefined)?.lines === 'number' ? (error as { lines: number }).lines : parser.info.lines;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    // A stray quote spoils one line: report it and read on.
    skip_records_with_error: true,
    on_skip: (error) => {
      result.lines++;
      result.skipped++;
      run.problem({ file, line: lineOf(error), message: `not valid CSV: ${error?.message ?? 'unreadable line'}` });
      return undefined;
    },
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let header: Map<string, number> | undefined;
  let width = 0;
  let batch: Pending<unknown>[] = [];
  // One batch is written while the next is parsed; batches still reach the database one after the other, in file order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const items = batch;
    batch = [];
    // A failed write surfaces here, once, as it did when each write was awaited in place.
    const previous = writing;
    writing = Promise.resolve();
    await previous;
    if (items.length === 0) return;
    writing = mode === 'delete' ? applyDeletes(run, spec, items as Pending<string>[], result) : writeRows(run, spec, file, items, result);
    // Handled when the next flush awaits it; until then, not an unhandled rejection.
    writing.catch(() => undefined);
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (!header) {
        header = new Map(record.map((name, index) => [name.trim(), index]));
        width = record.length;
        const required = mode === 'delete' ? [spec.deletes!.column] : spec.columns;
        const missing = required.filter((column) => !header!.has(column));
        if (missing.length > 0) {
          run.problem({ file, line: info.lines, message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: file skipped` });
          source.destroy();
          break;
        }
        continue;
      }
      result.lines++;
      try {
        if (record.length !== width) throw new RowProblem(`expected ${width} fields, found ${record.length}`);
        const columns = header;
        const field = (column: string) => record[columns.get(column) ?? -1] ?? '';
        const item = mode === 'delete' ? spec.deletes!.parse(field(spec.deletes!.column)) : spec.toRow(field);
        batch.push({ item, line: info.lines });
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        result.skipped++;
        run.problem({ file, line: info.lines, message: error.message });
      }
      if (batch.length >= run.batchSize) {
        await flush();
        bar?.update(parser.info.bytes);
      }
    }
  } catch (error) {
    // A broken quote or an unreadable file ends this file, not the import; the lines read before it are kept.
    source.destroy();
    run.problem({ file, line: lineOf(error), message: `file not read to the end: ${(error as Error).message}` });
  }
  try {
    // The last lines, then the wait for their write.
    await flush();
    await flush();
  } finally {
    bar?.update(bar.getTotal());
    bar?.stop();
  }
  return result;
}

/**
 * Writes a batch in as few statements as PostgreSQL's parameter limit
 * allows; if the database refuses one, row by row, so one bad row is
 * reported and the rest kept.
 */
async function writeRows(run: Run, spec: FileSpec<unknown>, file: string, items: Pending<unknown>[], result: FileReport) {
  const unique = new Map<string, Pending<unknown>>();
  for (const pending of items) unique.set(spec.keyOf(pending.item), pending);
  const all = [...unique.values()];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(all[0]?.item ?? {}).length)));
  for (let from = 0; from < all.length; from += perStatement) await writeStatement(run, spec, file, all.slice(from, from + perStatement), result);
}

async function writeStatement(run: Run, spec: FileSpec<unknown>, file: string, rows: Pending<unknown>[], result: FileReport) {
  try {
    await spec.write(run.db, rows.map((p) => p.item));
    result.applied += rows.length;
  } catch {
    for (const pending of rows) {
      try {
        await spec.write(run.db, [pending.item]);
        result.applied++;
      } catch (error) {
        result.skipped++;
        run.problem({ file, line: pending.line, message: `refused by the database: ${(error as Error).message}` });
      }
    }
  }
}

async function applyDeletes(run: Run, spec: FileSpec<unknown>, items: Pending<string>[], result: FileReport) {
  const keys = [...new Set(items.map((p) => p.item))];
  result.deleted += await spec.deletes!.run(run.db, keys);
  result.applied += items.length;
}

function progressBar(file: string, total: number) {
  const bar = new cliProgress.SingleBar(
    { format: `${file.padEnd(28)} [{bar}] {percentage}% | {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  return bar;
}

/** The report as lines for an operator: one per file, then what was ignored and how many lines were skipped. */
export function summariseImport(report: ImportReport): string[] {
  const width = Math.max(0, ...report.files.map((f) => f.file.length));
  const lines = report.files.map((f) => {
    const done = f.file.endsWith('_delete.csv') ? `${f.applied} keys, ${f.deleted} rows deleted` : `${f.applied} rows written`;
    return `${f.file.padEnd(width)}  ${f.lines} lines, ${done}, ${f.skipped} skipped`;
  });
  if (report.files.length === 0) lines.push('No register file found.');
  if (report.ignored.length > 0) lines.push(`Ignored: ${report.ignored.join(', ')}`);
  if (report.problemCount > 0) lines.push(`${report.problemCount} line(s) with a problem were skipped.`);
  return lines;
}
