import { workerTasks } from '../../src/kernel/heavy-work.ts';

/** Busy-waits `ms` on its thread: stands for a PDF being laid out. */
export function spin(ms: number): number {
  const until = performance.now() + ms;
  let turns = 0;
  while (performance.now() < until) turns += 1;
  return turns;
}

/** Sums the bytes: a result that proves the bytes crossed intact. */
export function sumBytes(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum += byte;
  return sum;
}

export function fail(message: string): never {
  throw new Error(message);
}

/** A Buffer result (as a PDF is): it crosses as a Uint8Array. */
export function bytesOf(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

export const testTasks = workerTasks(import.meta.url, { spin, sumBytes, fail, bytesOf });
