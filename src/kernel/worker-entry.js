// The worker-thread side of the heavy-work pool (src/kernel/heavy-work.ts). Plain JavaScript so that a
// worker starts the same way under `node --import tsx`, under vitest and in the CLI: it installs the
// TypeScript loader itself, then runs the named export of the task's module.
import { register } from 'tsx/esm/api';

register();

/** @param {{ moduleUrl: string, exportName: string, args: unknown[] }} task */
export async function runTask(task) {
  const module = await import(task.moduleUrl);
  const work = module[task.exportName];
  if (typeof work !== 'function') throw new TypeError(`${task.moduleUrl} has no function ${task.exportName}`);
  return work(...task.args);
}
