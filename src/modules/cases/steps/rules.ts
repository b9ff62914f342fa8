/**
 * 办理步骤 (steps) of a case: pure rules for deadlines, warning grades and 超时默认 (consent on
 * timeout). No clock, no database: `today` and the working-day calendar are arguments.
 */
import { addCalendarDays, instantAt, type BusinessDate } from '../../../shared/business-date.ts';
import { defineErrors } from '../../../shared/errors.ts';
import {
  DEFAULT_WARNING_POLICY,
  nextWarningDate,
  warningLevelOf,
  type WarningLevel,
  type WorkingDays,
} from '../../../shared/warning-level.ts';

export const STEP_STATUSES = ['open', 'done', 'deemed_passed', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_DECISIONS = ['approve', 'disapprove'] as const;
export type StepDecision = (typeof STEP_DECISIONS)[number];

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  open: '办理中',
  done: '已办结',
  deemed_passed: '超时默认通过',
  cancelled: '已取消',
};

export const stepErrors = defineErrors({
  CASE_STEP_NOT_FOUND: { status: 404, title: '未找到该办理步骤' },
  CASE_STEP_NOT_ALLOWED: { status: 422, title: '当前不能进行此步骤操作' },
  CASE_STEP_INVALID: { status: 400, title: '办理步骤信息有误' },
  CASE_STEPS_OPEN: { status: 422, title: '尚有未完成的办理步骤' },
});

/** Handling classes whose cases run steps: 承诺件 (the item's procedure) and 联办件 (parallel departments). */
export const STEP_HANDLINGS: readonly string[] = ['promised', 'joint'];

/** 超时默认: the department still owes its written opinion within 1 working day of the missed deadline. */
export const OPINION_DAYS_AFTER_DEEMED_PASS = 1;

/** What the step clock needs to know about a step. */
export interface StepClockState {
  status: StepStatus;
  consentOnTimeout: boolean;
  dueOn: BusinessDate;
  opinion: string | null;
  opinionDueOn: BusinessDate | null;
}

/**
 * A step's due date: `days` working days after `today` (the start day is not counted), never later
 * than the case's own due date (联办件: each department's step ends inside the case's time limit,
 * 行政许可法 第42条). Returns the refusal in Chinese when it does not fit.
 */
export function stepDueOn(
  calendar: WorkingDays,
  today: BusinessDate,
  days: number,
  caseDueOn: BusinessDate | null,
): { ok: true; dueOn: BusinessDate } | { ok: false; detail: string } {
  const dueOn = calendar.add(today, days);
  if (caseDueOn !== null && dueOn > caseDueOn) {
    return { ok: false, detail: `步骤期限 ${String(days)} 个工作日（至 ${dueOn}）晚于办件办结期限 ${caseDueOn}，请缩短步骤期限。` };
  }
  return { ok: true, dueOn };
}

/** 超时默认: the written opinion is due 1 working day after the step's due date. */
export function opinionDueAfter(calendar: WorkingDays, stepDueOn: BusinessDate): BusinessDate {
  return calendar.add(stepDueOn, OPINION_DAYS_AFTER_DEEMED_PASS);
}

/**
 * The stored warning fields of a step: its grade today and the instant it next changes (the index the
 * warning job reads). An open step is graded like a case (pre → yellow → red); a step that passed by
 * default is looked at once more, the day after its opinion was due, if the opinion is still missing.
 */
export function stepWarningFields(
  calendar: WorkingDays,
  step: StepClockState,
  today: BusinessDate,
): { warning: WarningLevel; nextWarningAt: Date | null } {
  switch (step.status) {
    case 'open': {
      const warning = warningLevelOf(calendar, step.dueOn, today, DEFAULT_WARNING_POLICY);
      const next = nextWarningDate(calendar, step.dueOn, today, DEFAULT_WARNING_POLICY);
      return { warning, nextWarningAt: next === null ? null : instantAt(next, '00:00') };
    }
    case 'deemed_passed': {
      if (step.opinion !== null || step.opinionDueOn === null) return { warning: 'none', nextWarningAt: null };
      const check = addCalendarDays(step.opinionDueOn, 1);
      return { warning: 'none', nextWarningAt: instantAt(check < today ? today : check, '00:00') };
    }
    case 'done':
    case 'cancelled':
      return { warning: 'none', nextWarningAt: null };
  }
}

/** What the warning job does with a step whose warning moment has passed. */
export type StepWarningDecision =
  | { kind: 'deem-pass'; opinionDueOn: BusinessDate; workingDaysLate: number }
  | { kind: 'grade'; warning: WarningLevel; nextWarningAt: Date | null; accountable: 'yellow' | 'red' | null; workingDaysLate: number }
  | { kind: 'opinion-late'; workingDaysLate: number }
  | { kind: 'reschedule'; nextWarningAt: Date | null };

/**
 * 电子监察 for one step, seen on `today`. A 超时默认 step past its due date passes by default (the
 * lateness is the department's); any other late step is graded yellow/red with accountability, even
 * while the case as a whole is still in time.
 */
export function decideStepWarning(
  calendar: WorkingDays,
  step: StepClockState & { warning: WarningLevel },
  today: BusinessDate,
): StepWarningDecision {
  if (step.status === 'open') {
    const isOverdue = today > step.dueOn;
    if (isOverdue && step.consentOnTimeout) {
      return { kind: 'deem-pass', opinionDueOn: opinionDueAfter(calendar, step.dueOn), workingDaysLate: calendar.count(step.dueOn, today) };
    }
    const fields = stepWarningFields(calendar, step, today);
    const isRaised = fields.warning !== step.warning;
    const accountable = isRaised && (fields.warning === 'yellow' || fields.warning === 'red') ? fields.warning : null;
    return { kind: 'grade', ...fields, accountable, workingDaysLate: calendar.count(step.dueOn, today) };
  }
  if (step.status === 'deemed_passed' && step.opinion === null && step.opinionDueOn !== null && today > step.opinionDueOn) {
    return { kind: 'opinion-late', workingDaysLate: calendar.count(step.opinionDueOn, today) };
  }
  return { kind: 'reschedule', nextWarningAt: stepWarningFields(calendar, step, today).nextWarningAt };
}

/** The refusal of 办结 while steps are open, naming them. */
export function openStepsDetail(steps: readonly { name: string; departmentName: string | null; dueOn: BusinessDate }[]): string {
  const names = steps.map((step) => `${step.departmentName ? `${step.departmentName}·` : ''}${step.name}（期限 ${step.dueOn}）`);
  return `尚有 ${String(steps.length)} 个办理步骤未完成：${names.join('、')}。各步骤办结或超时默认通过后方可办结。`;
}
