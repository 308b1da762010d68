import { SESSION_COOKIE } from '../src/authn/http-session';
import type { TestApp } from '../src/platform/testing/app';

/** Latencies of one page, in milliseconds. */
export interface Latencies {
  path: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * GET `path` for the session `token`, one request at a time, through the application (`app.inject`):
 * 20 warm-up requests, then `requests` measured. Every answer must be a 200 that passes `check`:
 * a fast error page is not a result.
 */
export async function latencies(t: TestApp, token: string, path: string, requests: number, check: (body: string) => boolean): Promise<Latencies> {
  const get = async () => {
    const start = performance.now();
    const response = await t.app.inject({ method: 'GET', url: path, cookies: { [SESSION_COOKIE]: token } });
    const ms = performance.now() - start;
    if (response.statusCode !== 200 || !check(response.body)) throw new Error(`GET ${path}: ${response.statusCode} ${response.body.slice(response.body.indexOf('<main'), response.body.indexOf('<main') + 1500)}`);
    return ms;
  };
  for (let i = 0; i < 20; i++) await get();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await get());
  times.sort((a, b) => a - b);
  return { path, requests, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1)! };
}
