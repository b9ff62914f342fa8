import type { Tx } from '../../db/db.ts';
import { instantAt, type BusinessDate } from '../../shared/business-date.ts';
import type { WorkingDays } from '../../shared/warning-level.ts';
import { insertLegAccountability } from './clock-repo.ts';
import { ACCOUNTABLE_LEGS, LEG_HOLDERS, latenessAtDone, legClockOf, type LegClock } from './legs.rules.ts';
import type { AgencyRecord, RequestPatch } from './repo.ts';
import { legDatesOf } from './view.ts';

/** The running leg of a request as 电子监察 sees it today. */
export const clockOf = (calendar: WorkingDays, record: AgencyRecord, today: BusinessDate): LegClock =>
  legClockOf(calendar, legDatesOf(record), today);

/**
 * When the warning job should look at this running leg: at once when it already has a grade (the job,
 * not the act, raises it, so its event and its 责任追究 record are written in one place), else when its
 * grade will next change; never for a leg agency does not watch (the township's handling runs on the
 * case's clock) or one without a due date.
 */
export function watchFrom(clock: LegClock, now: Date): Date | null {
  if (clock.leg === null || !ACCOUNTABLE_LEGS.has(clock.leg) || clock.dueOn === null) return null;
  if (clock.warning !== 'none') return now;
  return clock.nextWarningOn === null ? null : instantAt(clock.nextWarningOn, '00:00');
}

/**
 * The clock columns after a change: the running leg's due date (what lists sort by) and, when another
 * leg now runs (or its due date moved), a fresh grade for the job to raise; otherwise the grade stays.
 */
export function clockPatch(
  calendar: WorkingDays,
  before: AgencyRecord | null,
  after: AgencyRecord,
  today: BusinessDate,
  now: Date,
): Pick<RequestPatch, 'nextDueOn' | 'warning' | 'nextWarningAt'> {
  const clock = clockOf(calendar, after, today);
  const prior = before === null ? null : clockOf(calendar, before, today);
  if (prior?.leg === clock.leg && prior.dueOn === clock.dueOn) return { nextDueOn: clock.dueOn };
  return { nextDueOn: clock.dueOn, warning: 'none', nextWarningAt: watchFrom(clock, now) };
}

/**
 * Lateness of the legs a change finished after their due date, recorded as the job records a running
 * leg's: against whoever held the leg (the agent then holding the request, or the township window).
 * A leg done late before the job saw it overdue is on the record all the same.
 */
export async function recordLatenessOfDone(
  tx: Tx,
  calendar: WorkingDays,
  before: AgencyRecord,
  after: AgencyRecord,
  now: Date,
): Promise<void> {
  const was = legDatesOf(before);
  for (const leg of legDatesOf(after)) {
    if (leg.doneOn === null || !ACCOUNTABLE_LEGS.has(leg.leg) || was.find((prior) => prior.leg === leg.leg)?.doneOn !== null) continue;
    const level = latenessAtDone(calendar, leg.dueOn, leg.doneOn);
    if (level === null || leg.dueOn === null) continue;
    const holder = LEG_HOLDERS[leg.leg];
    await insertLegAccountability(
      tx,
      {
        requestId: after.id,
        orgId: after.orgId,
        leg: leg.leg,
        holder,
        staffId: holder === 'agent' ? before.agentId : null,
        townshipId: after.townshipId,
        dueOn: leg.dueOn,
        level,
        workingDaysLate: calendar.count(leg.dueOn, leg.doneOn),
      },
      now,
    );
  }
}
