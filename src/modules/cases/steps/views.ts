import type { Tx } from '../../../db/db.ts';
import { STEP_STATUS_LABELS } from './rules.ts';
import * as stepsRepo from './repo.ts';
import type { StepView } from './schemas.ts';

export function toStepView(step: stepsRepo.StepRecord): StepView {
  return {
    id: step.id,
    position: step.position,
    name: step.name,
    departmentId: step.departmentId,
    departmentName: step.departmentName,
    assigneeId: step.assigneeId,
    assigneeName: step.assigneeName,
    consentOnTimeout: step.consentOnTimeout,
    dueOn: step.dueOn,
    status: step.status,
    statusLabel: STEP_STATUS_LABELS[step.status],
    warning: step.warning,
    decision: step.decision,
    opinion: step.opinion,
    opinionDueOn: step.opinionDueOn,
    opinionAt: step.opinionAt?.toISOString() ?? null,
    doneAt: step.doneAt?.toISOString() ?? null,
    version: step.version,
  };
}

export async function listStepViews(tx: Tx, caseId: string): Promise<StepView[]> {
  return (await stepsRepo.listSteps(tx, caseId)).map(toStepView);
}
