/** A job every node runs periodically; each job must be safe to run on several nodes at once. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Runs each job at start and then periodically, never overlapping itself; `stop` waits for a running one. */
export function startScheduledJobs(jobs: ScheduledJob[], log: Log) {
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const run = job
        .run()
        .then((result) => log.info({ job: job.name, result }, 'scheduled job done'))
        .catch((error: unknown) => log.error({ job: job.name, err: error }, 'scheduled job failed'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    return setInterval(tick, job.everyMs).unref();
  });
  return {
    async stop() {
      timers.forEach(clearInterval);
      await Promise.all(running);
    },
  };
}
