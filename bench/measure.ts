import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database';

/** What one side of a benchmark did: operations per second of wall time, and the CPU it took. */
export interface Measurement {
  ops: number;
  seconds: number;
  perSecond: number;
  /** CPU seconds of this Node process (all its threads: the event loop and libuv's pool). */
  nodeCpuSeconds: number;
  /** CPU seconds of the local PostgreSQL server's processes, when it runs on this machine. */
  postgresCpuSeconds: number;
  /** CPU seconds of the load generator, when it runs in a process of its own (not in the rate per core). */
  clientCpuSeconds?: number;
}

export interface MeasureOptions {
  /** Operations in flight at once. */
  concurrency: number;
  /** The PostgreSQL database the operations use, to count its backends' CPU time. */
  database?: string;
  warmupMs: number;
  durationMs: number;
}

const CLOCK_TICKS = 100;

/**
 * CPU ticks (user + system) of each PostgreSQL backend serving `database`
 * (its command line names the database), by process id: other databases on
 * the same server (other people's test runs) are not counted.
 */
function postgresTicks(database: string | undefined): Map<string, number> {
  const ticks = new Map<string, number>();
  if (!database) return ticks;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.startsWith('postgres:') || !cmdline.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // utime and stime are fields 14 and 15; the split starts at field 3, after the name in parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(entry, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we read.
    }
  }
  return ticks;
}

function postgresCpuSince(before: Map<string, number>, database: string | undefined): number {
  let ticks = 0;
  for (const [pid, now] of postgresTicks(database)) ticks += now - (before.get(pid) ?? 0);
  return ticks / CLOCK_TICKS;
}

/** Starts counting the CPU of this process and of `database`'s backends; `stop` reads what was spent since. */
export function cpuWindow(database: string | undefined): { stop(): Pick<Measurement, 'nodeCpuSeconds' | 'postgresCpuSeconds'> } {
  const cpuBefore = process.cpuUsage();
  const pgBefore = postgresTicks(database);
  return {
    stop() {
      const cpu = process.cpuUsage(cpuBefore);
      return { nodeCpuSeconds: (cpu.user + cpu.system) / 1e6, postgresCpuSeconds: postgresCpuSince(pgBefore, database) };
    },
  };
}

export async function runFor(operation: () => Promise<void>, concurrency: number, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let ops = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await operation();
      ops++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ops;
}

/**
 * Runs `operation` with `concurrency` of them in flight: first for the
 * warm-up (JIT, connection pools, caches), then for the measured duration.
 * Any operation that throws fails the benchmark: a fast error is not a result.
 */
export async function measure(operation: () => Promise<void>, options: MeasureOptions): Promise<Measurement> {
  await runFor(operation, options.concurrency, options.warmupMs);
  const window = cpuWindow(options.database);
  const start = performance.now();
  const ops = await runFor(operation, options.concurrency, options.durationMs);
  const seconds = (performance.now() - start) / 1000;
  return { ops, seconds, perSecond: ops / seconds, ...window.stop() };
}

function add(a: Measurement, b: Measurement): Measurement {
  const ops = a.ops + b.ops;
  const seconds = a.seconds + b.seconds;
  return {
    ops,
    seconds,
    perSecond: ops / seconds,
    nodeCpuSeconds: a.nodeCpuSeconds + b.nodeCpuSeconds,
    postgresCpuSeconds: a.postgresCpuSeconds + b.postgresCpuSeconds,
  };
}

/**
 * Measures a reference and a candidate in alternating rounds (A B A B …)
 * after warming both up, so that a change in the machine's load during the
 * run (other processes on a shared host) weighs on both sides alike.
 */
export async function compare(
  reference: () => Promise<void>,
  candidate: () => Promise<void>,
  options: MeasureOptions & { rounds: number },
): Promise<{ reference: Measurement; candidate: Measurement; ratio: number }> {
  const round = { concurrency: options.concurrency, database: options.database, warmupMs: 0, durationMs: options.durationMs / options.rounds };
  await measure(reference, { ...options, durationMs: 0 });
  await measure(candidate, { ...options, durationMs: 0 });
  let a: Measurement | undefined;
  let b: Measurement | undefined;
  for (let i = 0; i < options.rounds; i++) {
    const ra = await measure(reference, round);
    const rb = await measure(candidate, round);
    a = a ? add(a, ra) : ra;
    b = b ? add(b, rb) : rb;
  }
  return { reference: a!, candidate: b!, ratio: b!.perSecond / a!.perSecond };
}

/** Operations per CPU-second (this process and the local PostgreSQL), a rate the load of other processes barely moves. */
export function perCpuSecond(m: Measurement): number {
  return m.ops / (m.nodeCpuSeconds + m.postgresCpuSeconds);
}

/** How long each side runs, from BENCH_SECONDS (default 5), so a quick check can run shorter. */
export function durations(): Pick<MeasureOptions, 'warmupMs' | 'durationMs'> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  return { warmupMs: Math.max(500, seconds * 200), durationMs: seconds * 1000 };
}

/** The name of the database a Kysely instance is connected to (undefined on PGlite, whose CPU is this process's). */
export async function databaseName(db: Db): Promise<string | undefined> {
  if (!process.env.DATABASE_URL) return undefined;
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  return rows[0]?.name;
}
