import type { ServerTimeView } from '../../modules/calendar/schemas.ts';
import { businessDateOf, type BusinessDate } from '../../shared/business-date.ts';
import { api, type Transport } from './api.ts';

/**
 * The server's clock in the browser, for all three apps. Business dates, deadlines and the times the
 * server judges (an agent's registration, a 告知 on a village phone) follow the server, whose clock a
 * deployment may set (YIZHAN_CLOCK: training, demos, tests) and which a cheap phone's clock often
 * disagrees with by hours. The offset between the two is learned from GET /api/calendar/now; the
 * device's own clock is read here and nowhere else in the web apps (lint enforces it), and is kept only
 * as evidence of when something was done on the device.
 */

let offsetMs = 0;
let isKnown = false;
let settle: () => void = () => undefined;
const firstSettled = new Promise<void>((resolve) => {
  settle = resolve;
});

/** The device's clock as it reads now: evidence only, never what the server judges. */
export function deviceNow(): Date {
  return new Date();
}

/** The server's clock now, as far as this device knows it (the device's own until an offset was learned). */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today's business date (Asia/Shanghai) by the server's clock. */
export function serverToday(): BusinessDate {
  return businessDateOf(serverNow());
}

/** The server's clock at a moment the device recorded with its own: the device's time plus the offset known now. */
export function serverTimeAt(deviceTime: Date): Date {
  return new Date(deviceTime.getTime() + offsetMs);
}

/** Whether an offset was learned (from the server, or one the app kept from an earlier sync). */
export function isServerClockKnown(): boolean {
  return isKnown;
}

/** server − device, in ms; 0 until learned. */
export function serverOffsetMs(): number {
  return offsetMs;
}

/** Takes an offset learned earlier (the agent app keeps the last one on the phone for offline use). */
export function adoptServerOffset(ms: number): void {
  offsetMs = ms;
  isKnown = true;
}

/**
 * Asks the server for its clock and learns the offset, taking the answer to have been made halfway
 * through the round trip. Resolves with the offset; rejects when the server is not reached (the
 * offset known before stays).
 */
export async function syncServerClock(transport: Transport = {}): Promise<number> {
  try {
    const sentAt = Date.now();
    // Without the session cookie: asking the time is not the person's activity (their session may idle out).
    const answer = await api.get<ServerTimeView>('/api/calendar/now', { ...transport, cache: 'no-store', credentials: 'omit' });
    const receivedAt = Date.now();
    const serverAt = new Date(answer.now).getTime();
    if (Number.isNaN(serverAt)) throw new Error('服务器时间格式不正确');
    adoptServerOffset(Math.round(serverAt - (sentAt + receivedAt) / 2));
    return offsetMs;
  } finally {
    settle();
  }
}

/** Resolves once the first sync of this page finished (learned or failed): for a page that opens on today's date. */
export function serverClockSettled(): Promise<void> {
  return firstSettled;
}
