/**
 * 办件汇总: which case event adds to which counter (ADR 0028). Pure: the same table serves the
 * upsert in the case's transaction and the check of the rebuild from the event log.
 */
export const ROLLUP_COUNTERS = [
  'received',
  'accepted',
  'refused',
  'supplementNotices',
  'concluded',
  'concludedOnTime',
  'concludedLate',
  'granted',
  'denied',
  'workingDaysSum',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];
export type RollupCounts = Record<RollupCounter, number>;

/** What a counted case event says: its act, and for 办结 the result and timeliness it recorded. */
export interface CountedEvent {
  act: string;
  result?: 'granted' | 'denied' | null;
  isOnTime?: boolean | null;
  workingDays?: number | null;
}

export function emptyCounts(): RollupCounts {
  return Object.fromEntries(ROLLUP_COUNTERS.map((counter) => [counter, 0])) as RollupCounts;
}

/** 行政许可法 第32条 (受理/不予受理/一次性告知) and 第42条 (办结 within the time limit): the counters an event adds to; null for acts not counted. */
export function countsOfEvent(event: CountedEvent): Partial<RollupCounts> | null {
  switch (event.act) {
    case 'submit':
      return { received: 1 };
    case 'accept':
    case 'accept-pending':
    case 'deem-accepted':
      return { accepted: 1 };
    case 'refuse':
      return { refused: 1 };
    case 'request-supplement':
      return { supplementNotices: 1 };
    case 'conclude': {
      const isOnTime = event.isOnTime !== false;
      return {
        concluded: 1,
        ...(isOnTime ? { concludedOnTime: 1 } : { concludedLate: 1 }),
        ...(event.result === 'denied' ? { denied: 1 } : { granted: 1 }),
        workingDaysSum: Math.max(0, Math.trunc(event.workingDays ?? 0)),
      };
    }
    default:
      return null;
  }
}

/** 按时办结率: concluded on time ÷ concluded, null when nothing was concluded. */
export function onTimeRateOf(counts: Pick<RollupCounts, 'concluded' | 'concludedOnTime'>): number | null {
  return counts.concluded === 0 ? null : counts.concludedOnTime / counts.concluded;
}

export function addCounts(into: RollupCounts, more: Partial<RollupCounts>): RollupCounts {
  for (const counter of ROLLUP_COUNTERS) into[counter] += more[counter] ?? 0;
  return into;
}
