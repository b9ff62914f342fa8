import { describe, expect, it } from 'vitest';
import { createManualClock, createSystemClock } from './clock.ts';

describe('clocks', () => {
  it('a system clock started elsewhere (YIZHAN_CLOCK) begins there and keeps ticking', async () => {
    const clock = createSystemClock(new Date('2026-10-08T09:00:00+08:00'));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-10-08T01:00:00Z'))).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it('a manual clock moves only when told', () => {
    const clock = createManualClock('2026-10-15T09:00:00+08:00');
    const before = clock.now().getTime();
    expect(clock.now().getTime()).toBe(before);
    clock.advance(60_000);
    expect(clock.now().getTime()).toBe(before + 60_000);
  });
});
