import { SYSTEM_SCOPE, type Db, type Tx } from '../../db/db.ts';
import { businessDateOf, instantAt, type BusinessDate } from '../../shared/business-date.ts';
import type { WorkingDays } from '../../shared/warning-level.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { clockOf } from './clock.ts';
import { claimRequestsDueForWarning, insertLegAccountability, markClock } from './clock-repo.ts';
import { ACCOUNTABLE_LEGS, AGENCY_LEG_LABELS, LEG_HOLDERS, legDue, type Warning } from './legs.rules.ts';
import type { AgencyDeps } from './ports.ts';
import { appendEvent, type AgencyRecord } from './repo.ts';
import { legLimitsFor } from './service.ts';

const BATCH = 200;
const RANK: Record<Warning, number> = { none: 0, pre: 1, yellow: 2, red: 3 };
/** Who the 电子监察 job is, in the request's record and the audit trail (as for cases). */
const SYSTEM_ACTOR = { name: '电子监察（系统）', role: 'system' } as const;

export interface AgencyWarningRun {
  examined: number;
  raised: number;
  /** 责任追究 records written (a leg graded yellow or red). */
  recorded: number;
}

/** A folder forwarded before the receive leg had a limit gets its due date from the township's calendar once. */
async function withReceiveDue(tx: Tx, calendar: WorkingDays, record: AgencyRecord): Promise<AgencyRecord> {
  if (record.status !== 'forwarded' || record.receiveDueOn !== null || record.forwardedOn === null) return record;
  const limits = await legLimitsFor(tx, record.orgId);
  return { ...record, receiveDueOn: legDue(calendar, record.forwardedOn, limits.receiveDays) };
}

/** One claimed request: raise the running leg's grade (with its event, audit record and 责任追究), then set the next look. */
async function examine(tx: Tx, calendar: WorkingDays, claimed: AgencyRecord, now: Date, today: BusinessDate, auditKey: string) {
  const record = await withReceiveDue(tx, calendar, claimed);
  const clock = clockOf(calendar, record, today);
  const isWatched = clock.leg !== null && ACCOUNTABLE_LEGS.has(clock.leg) && clock.dueOn !== null;
  let raised = false;
  let recorded = false;
  if (isWatched && clock.leg !== null && clock.dueOn !== null && RANK[clock.warning] > RANK[record.warning]) {
    raised = true;
    const holder = LEG_HOLDERS[clock.leg];
    const payload = { leg: clock.leg, label: AGENCY_LEG_LABELS[clock.leg], level: clock.warning, dueOn: clock.dueOn };
    await appendEvent(tx, record.id, record.orgId, {
      kind: 'warning',
      at: now,
      actorId: null,
      actorName: SYSTEM_ACTOR.name,
      data: payload,
    });
    await appendAuditRecord(tx, auditKey, now, {
      actorId: null,
      actorName: SYSTEM_ACTOR.name,
      actorRole: SYSTEM_ACTOR.role,
      orgId: record.orgId,
      action: 'supervision.agency_warning',
      targetType: 'agency_request',
      targetId: record.id,
      summary: { requestNo: record.requestNo, ...payload, holder },
      clientIp: '',
    });
    if (clock.warning === 'yellow' || clock.warning === 'red') {
      recorded = await insertLegAccountability(
        tx,
        {
          requestId: record.id,
          orgId: record.orgId,
          leg: clock.leg,
          holder,
          staffId: holder === 'agent' ? record.agentId : null,
          townshipId: record.townshipId,
          dueOn: clock.dueOn,
          level: clock.warning,
          workingDaysLate: calendar.count(clock.dueOn, today),
        },
        now,
      );
    }
  }
  await markClock(tx, record.id, {
    warning: isWatched ? (raised ? clock.warning : record.warning) : 'none',
    nextWarningAt: isWatched && clock.nextWarningOn !== null ? instantAt(clock.nextWarningOn, '00:00') : null,
    nextDueOn: clock.dueOn,
    receiveDueOn: record.receiveDueOn,
  });
  return { raised, recorded };
}

/**
 * 电子监察 of 代办 legs: reads only requests whose running leg's grade is due to change (index
 * agency_requests_next_warning), claims them with SKIP LOCKED so several server processes can run it at
 * once, raises the grade in the request's record and the audit trail, and records a yellow or red leg
 * against whoever holds it (责任追究) — a record that stays whatever happens to the request later.
 */
export async function runAgencyWarningJob(db: Db, now: Date, deps: AgencyDeps, auditKey: string): Promise<AgencyWarningRun> {
  const today = businessDateOf(now);
  const run: AgencyWarningRun = { examined: 0, raised: 0, recorded: 0 };
  for (;;) {
    const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
      const requests = await claimRequestsDueForWarning(tx, now, BATCH);
      for (const record of requests) {
        const calendar = await deps.cases.calendarFor(tx, record.townshipId);
        const outcome = await examine(tx, calendar, record, now, today, auditKey);
        if (outcome.raised) run.raised += 1;
        if (outcome.recorded) run.recorded += 1;
      }
      return requests.length;
    });
    run.examined += claimed;
    if (claimed < BATCH) return run;
  }
}
