import { z } from 'zod';
import { VersionField } from '../../../kernel/route-kit.ts';
import { ORDER_ACTS, ORDER_ADDRESSEE_KINDS, ORDER_STATUSES, ORDER_TARGET_KINDS } from './rules.ts';

const Text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(2, `请填写${label}（至少 2 个字）`)
    .max(max, `${label}最多 ${String(max)} 个字`);
const DateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** 下发督办: on a yellow or red case (or one of its steps); to its holder, a staff member or a unit; by a date. */
export const OrderIssueBody = z.strictObject({
  targetKind: z.enum(ORDER_TARGET_KINDS).default('case'),
  caseId: z.uuid({ message: '办件编号格式不正确' }),
  stepId: z.uuid({ message: '步骤编号格式不正确' }).optional(),
  instruction: Text('督办事项', 1000),
  addressee: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('holder') }),
    z.strictObject({ kind: z.literal('staff'), staffId: z.uuid({ message: '工作人员编号格式不正确' }) }),
    z.strictObject({ kind: z.literal('unit'), departmentId: z.uuid({ message: '部门编号格式不正确' }) }),
  ]),
  /** A date; or a number of working days (default 3). */
  dueOn: DateField.optional(),
  days: z.number().int().min(1, '督办期限至少 1 个工作日').max(30, '督办期限最多 30 个工作日').optional(),
});
export type OrderIssueBody = z.infer<typeof OrderIssueBody>;

/** 整改回告: what was done; optionally a file uploaded through /api/files. */
export const OrderAnswerBody = z.strictObject({
  version: VersionField,
  text: Text('整改回告', 2000),
  fileId: z.uuid({ message: '附件编号格式不正确' }).optional(),
});
export type OrderAnswerBody = z.infer<typeof OrderAnswerBody>;

/** 审核回告: accept, or return with a reason. */
export const OrderReviewBody = z.strictObject({
  version: VersionField,
  note: z.string().trim().max(500, '审核意见最多 500 个字').default(''),
});
export type OrderReviewBody = z.infer<typeof OrderReviewBody>;

export const OrderListQuery = z.strictObject({
  /** open: waiting for the owner or the review; overdue: red; done: accepted; all. */
  filter: z.enum(['open', 'overdue', 'done', 'all']).default('open'),
  caseId: z.uuid({ message: '办件编号格式不正确' }).optional(),
  /** Only the orders this person must answer. */
  mine: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const OrderView = z.object({
  id: z.string(),
  orderNo: z.string(),
  orgId: z.string(),
  targetKind: z.enum(ORDER_TARGET_KINDS),
  caseId: z.string().nullable(),
  stepId: z.string().nullable(),
  targetLabel: z.string(),
  targetWarning: z.enum(['yellow', 'red']),
  instruction: z.string(),
  addresseeKind: z.enum(ORDER_ADDRESSEE_KINDS),
  addresseeStaffId: z.string().nullable(),
  addresseeName: z.string(),
  dueOn: z.string(),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  /** 红色督办: not answered by its due date (escalated to the county center). */
  isOverdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  answerText: z.string().nullable(),
  answerFileId: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  issuedBy: z.string(),
  issuedOn: z.string(),
  version: z.number().int(),
  allowedActs: z.array(z.enum(ORDER_ACTS)),
});
export type OrderView = z.infer<typeof OrderView>;
