import { afterAll, describe, expect, it } from 'vitest';
import { testTasks } from '../../test/support/heavy-tasks.ts';
import { DomainError } from '../shared/errors.ts';
import { createHeavyWork } from './heavy-work.ts';

const heavy = createHeavyWork({ threads: 1 });
afterAll(() => heavy.close());

describe('heavy work off the event loop (CONVENTIONS 16)', () => {
  it('runs a task on a worker thread and returns its result; bytes cross intact', async () => {
    const bytes = new Uint8Array(1_000_000).map((_, index) => index % 251);
    let expected = 0;
    for (const byte of bytes) expected += byte;
    expect(await heavy.run(testTasks.sumBytes, bytes)).toBe(expected);
  });

  it('keeps the event loop free while a task computes', async () => {
    await heavy.run(testTasks.spin, 1); // the thread is warm: its start is not what is measured
    const gaps: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    const turns = await heavy.run(testTasks.spin, 400);
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    // Were the 400 ms on this thread, the ticker would not have run at all until they were over.
    expect(gaps.length).toBeGreaterThan(10);
  });

  it('rejects with the task’s message when the task throws', async () => {
    await expect(heavy.run(testTasks.fail, '排版失败')).rejects.toThrow('排版失败');
  });

  it('gives a Buffer result back as a Buffer (a PDF is sent as one)', async () => {
    const result = await heavy.run(testTasks.bytesOf, '一站');
    expect(Buffer.isBuffer(result)).toBe(true);
    expect(result.toString('utf8')).toBe('一站');
  });

  it('refuses a task at once with 503 SERVER_BUSY when the queue is full, and takes tasks again after', async () => {
    const small = createHeavyWork({ threads: 1, maxQueue: 1 });
    try {
      await small.run(testTasks.spin, 1); // the thread is up
      const running = small.run(testTasks.spin, 300);
      const queued = small.run(testTasks.spin, 1);
      const refused = await small.run(testTasks.spin, 1).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'SERVER_BUSY', status: 503 });
      expect(await running).toBeGreaterThan(0);
      expect(await queued).toBeGreaterThan(0);
      expect(await small.run(testTasks.spin, 1)).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
