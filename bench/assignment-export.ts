import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESSION_COOKIE } from '../src/authn/http-session';
import { createTestApp } from '../src/platform/testing/app';
import { ENTERPRISE, seedAssignments } from './assignment-overview';

export interface AssignmentExportResult {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** Resident memory of this process (server and client) before the download, and its highest growth during it, in MiB. */
  rssBeforeMiB: number;
  peakRssGrowthMiB: number;
  /** The growth at 10 %, 50 % and 90 % of the rows: flat memory keeps these close. */
  rssGrowthAtMiB: number[];
  firstByteMs: number;
  /** The highest V8 heap in use during the download, in MiB: what the rows themselves hold, without the garbage the RSS keeps until a collection. */
  peakHeapUsedMiB: number;
  /** With --expose-gc: the heap still in use right after a full collection, at its highest during the download (what is really retained), in MiB. */
  peakRetainedMiB: number | null;
  /** With BENCH_EXPORT_RUNS > 1: the rate of every download, in order (the figures above are those of the median one). */
  runs: number[];
}

const MiB = 1024 * 1024;

/**
 * GET /access/enterprises/…/assignments.csv of `count` assignments over real
 * HTTP (app.inject would keep the whole answer in memory), read by a client
 * that counts lines and throws the bytes away, while the process's resident
 * memory is sampled every 20 ms.
 */
export async function benchAssignmentExport(count = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000), runs = Number(process.env.BENCH_EXPORT_RUNS ?? 1)): Promise<AssignmentExportResult> {
  const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    const { principal } = await seedAssignments(t, count, Math.ceil(count / 10));
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    // Several downloads of the same data (BENCH_EXPORT_RUNS) show how much the shared host moves the rate.
    const results: Omit<AssignmentExportResult, 'runs'>[] = [];
    for (let i = 0; i < runs; i++) results.push(await download(port, principal, count));
    const rates = results.map((r) => Math.round(r.rowsPerSecond));
    const median = [...results].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor(results.length / 2)]!;
    return { ...median, runs: rates };
  } finally {
    await t.close();
  }
}

async function download(port: number, principal: string, count: number): Promise<Omit<AssignmentExportResult, 'runs'>> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = before;
  let peakHeap = process.memoryUsage().heapUsed;
  let rows = -1; // the header line
  let bytes = 0;
  const samples: Array<{ rows: number; rss: number }> = [];
  const timer = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    peak = Math.max(peak, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
    samples.push({ rows, rss });
  }, 20);
  // With --expose-gc, a full collection every second shows what the download really holds.
  let retained: number | null = global.gc ? 0 : null;
  const collector = setInterval(() => {
    if (!global.gc) return;
    global.gc();
    retained = Math.max(retained ?? 0, process.memoryUsage().heapUsed - heapBefore);
  }, 1000);
  const start = performance.now();
  let firstByte = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/access/enterprises/${ENTERPRISE}/assignments.csv`, headers: { cookie: `${SESSION_COOKIE}=${principal}`, 'accept-language': 'fr' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export: ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          if (!firstByte) firstByte = performance.now() - start;
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
        });
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    clearInterval(timer);
    clearInterval(collector);
  }
  const seconds = (performance.now() - start) / 1000;
  if (rows !== count) throw new Error(`export: ${rows} rows instead of ${count}`);
  const at = (share: number) => {
    const sample = samples.find((s) => s.rows >= count * share) ?? samples.at(-1);
    return sample ? Math.round(((sample.rss - before) / MiB) * 10) / 10 : 0;
  };
  return {
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    rssBeforeMiB: Math.round(before / MiB),
    peakRssGrowthMiB: Math.round(((peak - before) / MiB) * 10) / 10,
    rssGrowthAtMiB: [at(0.1), at(0.5), at(0.9)],
    firstByteMs: firstByte,
    peakHeapUsedMiB: Math.round((peakHeap / MiB) * 10) / 10,
    peakRetainedMiB: retained === null ? null : Math.round((retained / MiB) * 10) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchAssignmentExport();
  console.log(`${r.rows} rows, ${(r.bytes / MiB).toFixed(1)} MiB in ${r.seconds.toFixed(2)} s: ${Math.round(r.rowsPerSecond)} rows/s; first byte after ${r.firstByteMs.toFixed(0)} ms; RSS ${r.rssBeforeMiB} MiB before, peak growth ${r.peakRssGrowthMiB} MiB (at 10/50/90 %: ${r.rssGrowthAtMiB.join(' / ')} MiB); V8 heap in use at most ${r.peakHeapUsedMiB} MiB; retained after full collections at most ${r.peakRetainedMiB ?? '(run with --expose-gc)'} MiB${r.runs.length > 1 ? `; every download: ${r.runs.join(', ')} rows/s (median shown)` : ''}`);
  console.log(JSON.stringify(r));
}

/** The lines of `npm run bench`'s table for role management (bench/run.ts). */
export function assignmentRows(overview: import('./assignment-overview').AssignmentOverviewResult, exported: AssignmentExportResult): string[][] {
  return [
    ...overview.pages.map((page) => [`GET ${page.path.replace(/^\/access\/enterprises\/\d+/, '…')}, ${overview.assignments} assignments`, '', `p50 ${page.p50.toFixed(1)} ms, p95 ${page.p95.toFixed(1)} ms`, '', 'p95 < 50 ms', page.p95 < 50 ? 'met' : 'MISSED']),
    [`CSV export, ${exported.rows} assignments`, '', `${Math.round(exported.rowsPerSecond)} rows/s, RSS +${exported.peakRssGrowthMiB} MiB`, '', '≥ 200 000/s, flat', exported.rowsPerSecond >= 200_000 ? 'met' : 'MISSED'],
  ];
}
