import type { FastifyBaseLogger } from 'fastify';

export interface Job {
  name: string;
  everyMs: number;
  run(now: Date): Promise<unknown>;
}

/**
 * Runs background jobs on a timer in this process. Each job must be safe when several processes run
 * it at once (the warning job claims rows with SKIP LOCKED); a run that is still going is not overlapped.
 */
export function startJobs(jobs: readonly Job[], clock: { now(): Date }, log: FastifyBaseLogger): () => void {
  const timers = jobs.map((job) => {
    let isRunning = false;
    const tick = async () => {
      if (isRunning) return;
      isRunning = true;
      try {
        const result = await job.run(clock.now());
        log.debug({ job: job.name, result }, 'job finished');
      } catch (error) {
        log.error({ err: error, job: job.name }, 'job failed');
      } finally {
        isRunning = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    void tick();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
