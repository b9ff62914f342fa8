import { adoptServerOffset, serverNow, serverTimeAt, syncServerClock } from '../shared/server-clock.ts';
import { readMeta, writeMeta } from './db.ts';
import { VILLAGE_LINE } from './village-line.ts';

/**
 * The village phone's view of the server's clock: learned at sign-in and at each sync, and kept on the
 * phone so that a registration made offline next week still carries the server's time.
 */
const OFFSET_KEY = 'server-clock-offset';

/** The offset kept from the last sync, before anything else runs (the app may open without signal). */
export async function restoreServerClock(): Promise<void> {
  const kept = await readMeta<number>(OFFSET_KEY);
  if (typeof kept === 'number' && Number.isFinite(kept)) adoptServerOffset(kept);
}

/** Asks the server for its time and keeps the offset; offline, the kept offset stays and nothing fails. */
export async function learnServerClock(): Promise<void> {
  try {
    await writeMeta(OFFSET_KEY, await syncServerClock(VILLAGE_LINE));
  } catch {
    // Not reached: the offset known before stays in use.
  }
}

/**
 * A moment the phone recorded with its own clock, by the server's clock as known now, never later
 * than the server's now: the time a re-sent entry carries.
 */
export function retimed(deviceIso: string): string {
  const at = serverTimeAt(new Date(deviceIso));
  const now = serverNow();
  return (Number.isNaN(at.getTime()) || at > now ? now : at).toISOString();
}
