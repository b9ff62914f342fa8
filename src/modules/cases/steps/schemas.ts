import { z } from 'zod';
import { VersionField } from '../../../kernel/route-kit.ts';
import { STEP_DECISIONS, STEP_STATUSES } from './rules.ts';

const Text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${String(max)} 个字`);

export const NewStepBody = z.strictObject({
  name: Text(60, '步骤名称'),
  /** 联办件: the department that handles this step (required for joint cases). */
  departmentId: z.uuid({ message: '部门编号格式不正确' }).optional(),
  assigneeId: z.uuid({ message: '经办人编号格式不正确' }).optional(),
  /** Working days from today; the step's due date may not pass the case's. */
  days: z.number().int('步骤期限应为整数个工作日').min(1, '步骤期限至少 1 个工作日').max(60, '步骤期限最多 60 个工作日'),
  /** 超时默认: passes by default when the department misses the deadline. */
  consentOnTimeout: z.boolean().default(false),
});

/** 添加办理步骤: `version` is the case's. */
export const AddStepsBody = z.strictObject({
  version: VersionField,
  steps: z.array(NewStepBody).min(1, '至少添加一个步骤').max(20, '一次最多添加 20 个步骤'),
});
export type AddStepsBody = z.infer<typeof AddStepsBody>;

/** Acts on one step: `version` is the step's. */
export const StepActBodies = {
  reassign: z.strictObject({
    version: VersionField,
    assigneeId: z.uuid({ message: '经办人编号格式不正确' }),
    reason: z.string().trim().max(200).default(''),
  }),
  complete: z.strictObject({
    version: VersionField,
    decision: z.enum(STEP_DECISIONS, '审核意见应为 approve（同意）或 disapprove（不同意）'),
    opinion: Text(2000, '审核意见'),
  }),
  opinion: z.strictObject({
    version: VersionField,
    decision: z.enum(STEP_DECISIONS, '审核意见应为 approve（同意）或 disapprove（不同意）'),
    opinion: Text(2000, '书面意见'),
  }),
} as const;
export type StepAct = keyof typeof StepActBodies;
export type StepActBody<A extends StepAct> = z.infer<(typeof StepActBodies)[A]>;

export const StepParams = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }), stepId: z.uuid({ message: '编号格式不正确' }) });

export const StepView = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  consentOnTimeout: z.boolean(),
  dueOn: z.string(),
  status: z.enum(STEP_STATUSES),
  statusLabel: z.string(),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
  decision: z.enum(STEP_DECISIONS).nullable(),
  opinion: z.string().nullable(),
  opinionDueOn: z.string().nullable(),
  opinionAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  version: z.number().int(),
});
export type StepView = z.infer<typeof StepView>;
