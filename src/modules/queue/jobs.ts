import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { recordNoShows } from './appointments/staff.ts';
import { expireStaleTickets } from './tickets.ts';

/**
 * Day end (作废): tickets of past days still waiting, called or in service are voided, so a phone may
 * take tomorrow's ticket and no screen shows yesterday. Batches claimed with SKIP LOCKED: safe with
 * several server processes. Bookings never checked in become no-shows. Returns how many tickets were voided.
 */
export async function runQueueDayEnd(db: Db, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await db.transaction(SYSTEM_SCOPE, (tx) => expireStaleTickets(tx, businessDateOf(now)));
    total += expired.length;
    if (expired.length < 500) break;
  }
  // 爽约: bookings of past days never checked in (they count towards the phone's booking ban).
  for (;;) {
    const missed = await db.transaction(SYSTEM_SCOPE, (tx) => recordNoShows(tx, now));
    if (missed < 500) return total;
  }
}
