import { SYSTEM_SCOPE, type Db, type Tx } from '../../../db/db.ts';
import { businessDateOf, type BusinessDate } from '../../../shared/business-date.ts';
import type { WorkingDays } from '../../../shared/warning-level.ts';
import type { CaseDeps } from '../ports.ts';
import { decideStepWarning, stepWarningFields } from './rules.ts';
import * as stepsRepo from './repo.ts';
import { recordSystemChange } from '../system-change.ts';

const BATCH = 200;
/** Cases whose steps no longer run: open steps end with them. */
const ENDED_CASE_STATUSES = new Set(['refused', 'withdrawn', 'closed', 'delivered', 'concluded', 'terminated', 'revoked']);
/** The case clock is stopped (special procedure, forwarded to the county): look again tomorrow. */
const PAUSED_CASE_STATUSES = new Set(['suspended', 'escalated', 'submitted', 'supplement_requested']);

export interface StepWarningRun {
  stepsExamined: number;
  stepsRaised: number;
  stepsDeemedPassed: number;
}

interface Context {
  tx: Tx;
  calendar: WorkingDays;
  now: Date;
  today: BusinessDate;
  auditKey: string;
}

/** A step's change by the job: its case event (when `act` is given) and one audit record. */
async function recordStepChange(
  context: Context,
  step: stepsRepo.ClaimedStep,
  act: string | null,
  action: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await recordSystemChange(context.tx, context.auditKey, {
    caseId: step.caseId,
    orgId: step.orgId,
    caseNo: step.caseNo,
    act,
    action,
    payload: { stepId: step.id, name: step.name, ...payload },
    now: context.now,
    today: context.today,
  });
}

/** One claimed step: pass it by default, grade it, flag a missing opinion, or look again later. Returns what changed. */
async function examineStep(context: Context, step: stepsRepo.ClaimedStep): Promise<'deemed' | 'raised' | 'none'> {
  const { tx, calendar, now, today } = context;
  if (ENDED_CASE_STATUSES.has(step.caseStatus) && step.status === 'open') {
    await stepsRepo.updateStep(tx, step.id, step.version, { status: 'cancelled', nextWarningAt: null }, now);
    await recordStepChange(context, step, null, 'supervision.step_cancelled', { caseStatus: step.caseStatus });
    return 'none';
  }
  if (PAUSED_CASE_STATUSES.has(step.caseStatus) && step.status === 'open') {
    await stepsRepo.updateStep(tx, step.id, step.version, { nextWarningAt: new Date(now.getTime() + 86_400_000) }, now);
    return 'none';
  }
  const decision = decideStepWarning(calendar, step, today);
  const blame = {
    caseId: step.caseId,
    orgId: step.orgId,
    stepId: step.id,
    departmentId: step.departmentId,
    staffId: step.assigneeId ?? step.caseAssigneeId,
  };
  switch (decision.kind) {
    case 'deem-pass': {
      const next = stepWarningFields(calendar, { ...step, status: 'deemed_passed', opinionDueOn: decision.opinionDueOn }, today);
      await stepsRepo.updateStep(
        tx,
        step.id,
        step.version,
        { status: 'deemed_passed', opinionDueOn: decision.opinionDueOn, warning: 'yellow', nextWarningAt: next.nextWarningAt },
        now,
      );
      await recordStepChange(context, step, 'step-deemed-passed', 'supervision.step_deemed_passed', {
        label: '逾期默认同意',
        department: step.departmentName,
        dueOn: step.dueOn,
        opinionDueOn: decision.opinionDueOn,
        reason: `${step.name}未在 ${step.dueOn} 前办理，按超时默认视为同意；该部门须于 ${decision.opinionDueOn} 前补交书面意见。`,
      });
      await stepsRepo.insertStepAccountability(
        tx,
        { ...blame, stage: `step:${step.id}`, dueOn: step.dueOn, level: 'yellow', workingDaysLate: decision.workingDaysLate },
        now,
      );
      return 'deemed';
    }
    case 'grade': {
      await stepsRepo.updateStep(tx, step.id, step.version, { warning: decision.warning, nextWarningAt: decision.nextWarningAt }, now);
      if (decision.warning === step.warning) return 'none';
      await recordStepChange(context, step, 'step-warning', 'supervision.step_warning', { level: decision.warning, dueOn: step.dueOn });
      if (decision.accountable) {
        await stepsRepo.insertStepAccountability(
          tx,
          { ...blame, stage: `step:${step.id}`, dueOn: step.dueOn, level: decision.accountable, workingDaysLate: decision.workingDaysLate },
          now,
        );
      }
      return 'raised';
    }
    case 'opinion-late': {
      await stepsRepo.updateStep(tx, step.id, step.version, { nextWarningAt: null }, now);
      const opinionDueOn = step.opinionDueOn ?? step.dueOn;
      await recordStepChange(context, step, 'step-opinion-late', 'supervision.step_opinion_late', {
        opinionDueOn,
        label: '书面意见逾期未交',
      });
      await stepsRepo.insertStepAccountability(
        tx,
        { ...blame, stage: `step-opinion:${step.id}`, dueOn: opinionDueOn, level: 'yellow', workingDaysLate: decision.workingDaysLate },
        now,
      );
      return 'raised';
    }
    case 'reschedule':
      await stepsRepo.updateStep(tx, step.id, step.version, { nextWarningAt: decision.nextWarningAt }, now);
      return 'none';
  }
}

/**
 * 电子监察 of steps: reads only steps whose next warning moment has passed (index
 * case_steps_next_warning), claimed with their case by SKIP LOCKED. A late step is graded and held
 * against its department even while the case as a whole is still in time.
 */
export async function runStepWarningJob(db: Db, now: Date, deps: CaseDeps, auditKey: string): Promise<StepWarningRun> {
  const today = businessDateOf(now);
  const run: StepWarningRun = { stepsExamined: 0, stepsRaised: 0, stepsDeemedPassed: 0 };
  for (;;) {
    const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
      const steps = await stepsRepo.claimStepsDueForWarning(tx, now, BATCH);
      for (const step of steps) {
        const calendar = await deps.calendarFor(tx, step.orgId);
        const outcome = await examineStep({ tx, calendar, now, today, auditKey }, step);
        if (outcome === 'deemed') run.stepsDeemedPassed += 1;
        if (outcome === 'raised') run.stepsRaised += 1;
      }
      return steps.length;
    });
    run.stepsExamined += claimed;
    if (claimed < BATCH) return run;
  }
}
