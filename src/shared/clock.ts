/** The only place that reads the machine's clock; everything else takes a Clock or a `now` argument. */
export interface Clock {
  now(): Date;
}

/** The real clock, optionally started at another instant (YIZHAN_CLOCK) and ticking from there. */
export function createSystemClock(startAt?: Date): Clock {
  const offsetMs = startAt === undefined ? 0 : startAt.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** A clock that only moves when told to: for tests and training environments. */
export interface ManualClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export function createManualClock(start: Date | string): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
