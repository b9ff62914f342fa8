import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

/**
 * CPU-heavy work (PDF, QR codes, spreadsheets, hashing and parsing large files) runs on worker
 * threads, so the event loop only routes requests and waits (CONVENTIONS 16, TARGETS P11).
 *
 * A task is a named export of a module, declared beside it with `workerTasks(import.meta.url, { fn })`
 * and run with `heavyWork.run(tasks.fn, ...args)`. Arguments and results cross the thread boundary by
 * structured clone: plain data, strings, numbers, Uint8Array (a Buffer arrives as a Uint8Array).
 * A task returns its verdict rather than throwing a DomainError: only the message of an error
 * survives the crossing.
 */
export interface WorkerTask<F extends (...args: never[]) => unknown> {
  readonly moduleUrl: string;
  readonly exportName: string;
  /** Phantom: carries the function's type for `run`. */
  readonly signature?: F;
}

type TaskFunctions = Record<string, (...args: never[]) => unknown>;

/** Declares the exports of the module at `moduleUrl` that may run on the pool. */
export function workerTasks<T extends TaskFunctions>(moduleUrl: string, functions: T): { readonly [K in keyof T]: WorkerTask<T[K]> } {
  const tasks: Record<string, WorkerTask<(...args: never[]) => unknown>> = {};
  for (const exportName of Object.keys(functions)) tasks[exportName] = { moduleUrl, exportName };
  return tasks as { readonly [K in keyof T]: WorkerTask<T[K]> };
}

export interface HeavyWork {
  run<F extends (...args: never[]) => unknown>(task: WorkerTask<F>, ...args: Parameters<F>): Promise<Awaited<ReturnType<F>>>;
  /** Tasks waiting for a thread and running now (for health and benchmarks). */
  readonly load: { queued: number; running: number };
  close(): Promise<void>;
}

export interface HeavyWorkOptions {
  /** Worker threads; default: one fewer than the machine's cores, at least one. */
  threads?: number;
  /** A thread idle this long ends (it is started again on demand). */
  idleMs?: number;
}

/** A pool of worker threads, started lazily on the first task. */
export function createHeavyWork(options: HeavyWorkOptions = {}): HeavyWork {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  let pool: Piscina | undefined;
  let running = 0;
  const poolOf = () =>
    (pool ??= new Piscina({
      filename: new URL('./worker-entry.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: options.idleMs ?? 60_000,
      // The entry installs the TypeScript loader itself; flags of the main thread (--watch …) stay there.
      execArgv: [],
    }));
  return {
    async run(task, ...args) {
      running += 1;
      try {
        return (await poolOf().run({ moduleUrl: task.moduleUrl, exportName: task.exportName, args }, { name: 'runTask' })) as never;
      } finally {
        running -= 1;
      }
    },
    get load() {
      const queued = pool?.queueSize ?? 0;
      return { queued, running: running - queued };
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
