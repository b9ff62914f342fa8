import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { clockDueOf, warningFields } from './clock.ts';
import { decideDeemedAcceptance } from './limits.ts';
import type { CaseDeps } from './ports.ts';
import * as repo from './repo.ts';
import { runStepWarningJob, type StepWarningRun } from './steps/warnings.ts';
import { recordSystemChange } from './system-change.ts';
import { openVerificationAtAcceptance } from './verification/service.ts';

const BATCH = 200;

export interface WarningRun extends StepWarningRun {
  examined: number;
  raised: number;
  deemedAccepted: number;
}

/**
 * 电子监察 job: reads only cases whose next warning moment has passed (index cases_next_warning),
 * claims them with SKIP LOCKED so several server processes can run it at once, and for each one
 * raises its grade (with an accountability record when overdue) or, for a case received outside a
 * window with no decision in 5 working days, deems it accepted as of the day received (行政许可法 第32条).
 */
export async function runWarningJob(db: Db, now: Date, deps: CaseDeps, auditKey: string): Promise<WarningRun> {
  const today = businessDateOf(now);
  const run: Omit<WarningRun, keyof StepWarningRun> = { examined: 0, raised: 0, deemedAccepted: 0 };
  for (;;) {
    const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
      const cases = await repo.claimCasesDueForWarning(tx, now, BATCH);
      for (const record of cases) {
        const calendar = await deps.calendarFor(tx, record.orgId);
        // A window decides at the counter: a received window case is warned (below), never deemed accepted.
        const deemed = record.status === 'submitted' && record.channel !== 'window' ? decideDeemedAcceptance(calendar, record) : null;
        if (deemed) {
          const { dueOn } = deemed;
          const next = { ...record, ...deemed };
          await repo.updateCase(tx, record.id, record.version, { ...deemed, ...warningFields(calendar, next, today) }, now);
          // 告知承诺 materials are checked afterwards however the case came to be accepted (ADR 0024).
          const materials = await repo.listMaterials(tx, record.id);
          const verification = await openVerificationAtAcceptance(tx, record, materials, calendar, deemed.acceptedOn, now);
          await recordSystemChange(tx, auditKey, {
            caseId: record.id,
            orgId: record.orgId,
            caseNo: record.caseNo,
            act: 'deem-accepted',
            action: 'supervision.deem_accepted',
            payload: {
              reason: '收到申请之日起 5 个工作日内未作出受理决定，依行政许可法第三十二条自收到之日起即为受理',
              acceptedOn: deemed.acceptedOn,
              dueOn,
              ...verification,
            },
            now,
            today,
          });
          if (record.channel === 'agent' && deps.onAgentCaseChanged) {
            await deps.onAgentCaseChanged(tx, { caseId: record.id, status: deemed.status, dueOn, at: now, supplement: null });
          }
          run.deemedAccepted += 1;
          continue;
        }
        const fields = warningFields(calendar, record, today);
        const stageDue = clockDueOf(record);
        await repo.updateCase(tx, record.id, record.version, fields, now);
        if (fields.warning !== record.warning) {
          run.raised += 1;
          await recordSystemChange(tx, auditKey, {
            caseId: record.id,
            orgId: record.orgId,
            caseNo: record.caseNo,
            act: 'warning',
            action: 'supervision.warning',
            payload: { level: fields.warning, dueOn: stageDue, ...(record.status === 'escalated' ? { stage: '县级办理' } : {}) },
            now,
            today,
          });
          // The county's lateness on a forwarded case is shown on the case, not held against township staff.
          if ((fields.warning === 'yellow' || fields.warning === 'red') && stageDue && record.status !== 'escalated') {
            await repo.insertAccountability(
              tx,
              {
                caseId: record.id,
                orgId: record.orgId,
                staffId: record.assigneeId,
                stage: record.status,
                dueOn: stageDue,
                level: fields.warning,
                workingDaysLate: calendar.count(stageDue, today),
              },
              now,
            );
          }
        }
      }
      return cases.length;
    });
    run.examined += claimed;
    // 联办步骤 have their own due moments and their own index (steps/warnings.ts).
    if (claimed < BATCH) return { ...run, ...(await runStepWarningJob(db, now, deps, auditKey)) };
  }
}
