import { describe, expect, it } from 'vitest';
import { startScheduledJobs } from './scheduler';

const silent = { info: () => {}, error: () => {} };

describe('scheduled jobs', () => {
  it('run at start, never overlap themselves, and stop after the running one ends', async () => {
    let runs = 0;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const scheduler = startScheduledJobs([{ name: 'slow', everyMs: 5, run: async () => { runs++; await blocked; } }], silent);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('keep running after a failure', async () => {
    const errors: object[] = [];
    let runs = 0;
    const scheduler = startScheduledJobs(
      [{ name: 'flaky', everyMs: 5, run: async () => { runs++; throw new Error('boom'); } }],
      { info: () => {}, error: (obj) => errors.push(obj) },
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    await scheduler.stop();
    expect(runs).toBeGreaterThan(1);
    expect(errors.length).toBe(runs);
  });
});
