import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { defineErrors, DomainError } from '../shared/errors.ts';

/**
 * CPU-heavy work (PDF, QR codes, spreadsheets, hashing and parsing large files) runs on worker
 * threads, so the event loop only routes requests and waits (CONVENTIONS 16, TARGETS P11).
 *
 * A task is a named export of a module, declared beside it with `workerTasks(import.meta.url, { fn })`
 * and run with `heavyWork.run(tasks.fn, ...args)`. Arguments and results cross the thread boundary by
 * structured clone: plain data, strings, numbers, Uint8Array (a Buffer argument arrives as a
 * Uint8Array; a Buffer that is the whole result is a Buffer again on this side, without a copy).
 * A task returns its verdict rather than throwing a DomainError: only the message of an error
 * survives the crossing.
 */
export const heavyWorkErrors = defineErrors({
  SERVER_BUSY: { status: 503, title: '服务器繁忙，请稍后再试' },
});

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
  /**
   * Tasks that may wait for a thread; one more is refused at once with 503 SERVER_BUSY rather than
   * queued behind minutes of work (default 100).
   */
  maxQueue?: number;
  /**
   * Heap limit of a thread in MB (default 512): a task that needs more (a zip bomb posing as an
   * .xlsx) ends its thread, not the server; the pool starts a new one.
   */
  maxHeapMb?: number;
}

const isQueueFull = (error: unknown) => error instanceof Error && error.message === 'Task queue is at limit';

/** A Buffer result crosses as a Uint8Array: view the same memory as a Buffer again. */
function asBuffer(result: unknown): unknown {
  return result instanceof Uint8Array && !Buffer.isBuffer(result)
    ? Buffer.from(result.buffer, result.byteOffset, result.byteLength)
    : result;
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
      maxQueue: options.maxQueue ?? 100,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
      // The entry installs the TypeScript loader itself; flags of the main thread (--watch …) stay there.
      execArgv: [],
    }));
  return {
    async run(task, ...args) {
      running += 1;
      try {
        return asBuffer(await poolOf().run({ moduleUrl: task.moduleUrl, exportName: task.exportName, args }, { name: 'runTask' })) as never;
      } catch (error) {
        if (isQueueFull(error)) throw new DomainError(heavyWorkErrors.SERVER_BUSY, '正在处理的打印和导入任务过多，请稍后再试。');
        throw error;
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

/**
 * Gives the event loop a turn (timers, sockets) before going on. Between the statements of a long
 * transaction: PGlite's promises can resolve without ever letting I/O in.
 */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
