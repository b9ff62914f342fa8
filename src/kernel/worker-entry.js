// The worker-thread side of the heavy-work pool (src/kernel/heavy-work.ts). Plain JavaScript so that a
// worker starts the same way under `node --import tsx`, under vitest and in the CLI: it installs the
// TypeScript loader itself, then runs the named export of the task's module.
import { setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

register();

// Heavy work gives way to the event loop (and to the database) when they compete for a core: on
// Linux a thread has a nice value of its own, and pid 0 names the calling thread. (Elsewhere the
// call would lower the whole process, so it is made only here.)
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted here: the thread keeps the process's priority.
  }
}

/** @param {{ moduleUrl: string, exportName: string, args: unknown[] }} task */
export async function runTask(task) {
  const module = await import(task.moduleUrl);
  const work = module[task.exportName];
  if (typeof work !== 'function') throw new TypeError(`${task.moduleUrl} has no function ${task.exportName}`);
  return work(...task.args);
}
