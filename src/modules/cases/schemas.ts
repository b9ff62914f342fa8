import { z } from 'zod';
import { VersionField } from '../../kernel/route-kit.ts';
import { ApplicantBody } from '../../shared/applicant.ts';
import { isBusinessDate } from '../../shared/business-date.ts';
import { FEE_STATUSES, RECEIPT_NO } from './fees.rules.ts';
import { StepView } from './steps/schemas.ts';
import { CASE_ACTS, CASE_STATUSES } from './transitions.ts';

const DateField = z.string().refine(isBusinessDate, '日期格式应为 YYYY-MM-DD 且为真实日期');
const Text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${String(max)} 个字`);

export { ApplicantBody };

export const CreateCaseBody = z.strictObject({
  itemCode: z.string().trim().min(1, '请选择事项').max(64),
  applicant: ApplicantBody,
  channel: z.enum(['window', 'online', 'agent']).default('window'),
  /** 办理情形: names from the item's guide; materials of situations not chosen are not required. */
  situations: z.array(Text(80, '办理情形')).max(20, '办理情形最多 20 项').default([]),
  materials: z
    .array(
      z.strictObject({
        name: Text(100, '材料名称'),
        received: z.boolean(),
        fileId: z.uuid().optional(),
        /** 告知承诺: the applicant signed a commitment in place of this proof (only where the item allows it). */
        byCommitment: z.boolean().default(false),
      }),
    )
    .max(100)
    .default([]),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

export const ActBodies = {
  accept: z.strictObject({ version: VersionField, note: z.string().max(500).optional() }),
  refuse: z.strictObject({ version: VersionField, reason: Text(500, '不予受理理由'), remedies: z.string().trim().max(500).default('') }),
  'request-supplement': z.strictObject({
    version: VersionField,
    materials: z
      .array(z.strictObject({ name: Text(100, '材料名称'), reason: Text(200, '补正原因') }))
      .min(1, '至少列出一项需补正的材料')
      .max(50),
    note: z.string().trim().max(500).default(''),
    /** 补正期限: the date by which the applicant is asked to supply them (printed on the notice). */
    dueOn: DateField.optional(),
  }),
  supplement: z.strictObject({
    version: VersionField,
    materials: z
      .array(z.strictObject({ name: Text(100, '材料名称'), fileId: z.uuid().optional() }))
      .min(1, '请列出补齐的材料')
      .max(50),
  }),
  'accept-pending': z.strictObject({
    version: VersionField,
    pendingMaterials: z.array(Text(100, '材料名称')).min(1, '请列出容缺的材料').max(20),
    pendingDueOn: DateField,
  }),
  suspend: z.strictObject({
    version: VersionField,
    procedure: z.enum([
      'hearing',
      'auction',
      'testing',
      'inspection',
      'quarantine',
      'appraisal',
      'expert_review',
      'public_notice',
      'site_survey',
    ]),
    reason: Text(500, '挂起原因'),
    expectedEndOn: DateField.optional(),
  }),
  resume: z.strictObject({ version: VersionField, result: z.string().trim().max(500).default('') }),
  extend: z.strictObject({
    version: VersionField,
    days: z.number().int().min(1, '延期至少 1 个工作日').max(15, '延期最多 15 个工作日'),
    reason: Text(500, '延期理由'),
  }),
  /** 申请延期 (第42条): the clerk asks the director, with the days and the reason the applicant will be told. */
  'request-extension': z.strictObject({
    version: VersionField,
    days: z.number().int().min(1, '延期至少 1 个工作日').max(15, '延期最多 15 个工作日'),
    reason: Text(500, '延期理由'),
  }),
  'approve-extension': z.strictObject({ version: VersionField, note: z.string().trim().max(500).default('') }),
  'refuse-extension': z.strictObject({ version: VersionField, reason: Text(500, '不批准的理由') }),
  escalate: z.strictObject({ version: VersionField, to: Text(100, '县级承办部门'), note: Text(500, '上报说明（初审意见）') }),
  'county-accept': z.strictObject({
    version: VersionField,
    countyCaseNo: Text(60, '县级办件编号'),
    acceptedOn: DateField,
    dueOn: DateField,
    note: z.string().trim().max(500).default(''),
  }),
  'county-result': z.strictObject({
    version: VersionField,
    result: z.enum(['granted', 'denied'], '县级审批结果应为 granted（准予）或 denied（不予）'),
    decidedOn: DateField,
    documentNo: z.string().trim().max(100).default(''),
    note: z.string().trim().max(500).default(''),
  }),
  conclude: z.strictObject({
    version: VersionField,
    result: z.enum(['granted', 'denied'], '办结结果应为 granted（准予）或 denied（不予）'),
    reason: z.string().trim().max(500).default(''),
    remedies: z.string().trim().max(500).default(''),
    certificateNo: z.string().trim().max(100).default(''),
    /** 明确答复件: the written answer given to the applicant. */
    answer: z.string().trim().max(2000, '书面答复最多 2000 个字').default(''),
  }),
  deliver: z.strictObject({
    version: VersionField,
    method: z.enum(['window', 'post', 'agent', 'electronic']),
    trackingNo: z.string().trim().max(60).default(''),
  }),
  /** 收费: paid against a receipt number, or waived on a stated basis; the status does not change. */
  'settle-fee': z
    .strictObject({
      version: VersionField,
      outcome: z.enum(['paid', 'waived'], '缴费结果应为 paid（已缴）或 waived（减免）'),
      receiptNo: z.string().trim().regex(RECEIPT_NO, '票据号应为 1–40 位字母、数字或连字符').optional().describe('票据号（已缴时必填）'),
      waiverReason: Text(500, '减免依据').optional().describe('减免依据（减免时必填）'),
    })
    .superRefine((body, context) => {
      const issue = (path: string, message: string) => {
        context.addIssue({ code: 'custom', path: [path], message });
      };
      if (body.outcome === 'paid' && body.receiptNo === undefined) issue('receiptNo', '缴费须填写票据号');
      if (body.outcome === 'paid' && body.waiverReason !== undefined) issue('waiverReason', '缴费时不填写减免依据');
      if (body.outcome === 'waived' && body.waiverReason === undefined) issue('waiverReason', '减免须说明减免依据');
      if (body.outcome === 'waived' && body.receiptNo !== undefined) issue('receiptNo', '减免时不填写票据号');
    }),
  close: z.strictObject({ version: VersionField }),
  withdraw: z.strictObject({ version: VersionField, reason: Text(500, '撤回原因') }),
} as const;
export type StaffAct = keyof typeof ActBodies;
export type ActBody<A extends StaffAct> = z.infer<(typeof ActBodies)[A]>;

export const CaseEventView = z.object({
  seq: z.number().int(),
  act: z.string(),
  actorName: z.string(),
  at: z.string(),
  businessDate: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const CaseMaterialView = z.object({
  name: z.string(),
  required: z.boolean(),
  received: z.boolean(),
  pending: z.boolean(),
  fileId: z.string().nullable(),
  pendingAllowed: z.boolean().describe('容缺：可先受理后补交'),
  commitmentAllowed: z.boolean().describe('告知承诺：可签署承诺书代替此证明'),
  byCommitment: z.boolean().describe('已以告知承诺书代替，事后核查'),
});

export const EscalationSchema = z.object({
  to: z.string(),
  escalatedOn: z.string(),
  preReviewDueOn: z.string().nullable().describe('下级初审期限 (行政许可法第43条)'),
  onTime: z.boolean(),
  workingDaysLate: z.number().int(),
  countyCaseNo: z.string().nullable(),
  countyAcceptedOn: z.string().nullable(),
  countyDueOn: z.string().nullable(),
  countyResult: z.enum(['granted', 'denied']).nullable(),
  countyDecidedOn: z.string().nullable(),
  documentNo: z.string().nullable(),
});

/** 收费 on a case: lines copied from the item at intake (fen), the total and the settlement. */
export const CaseFeesView = z.object({
  items: z.array(z.object({ name: z.string(), amountFen: z.number().int().describe('金额（分）') })),
  totalFen: z.number().int().describe('应收合计（分）'),
  status: z.enum(FEE_STATUSES).describe('none 无需缴费 · due 待缴 · paid 已缴 · waived 已减免 · refunded 已退费'),
  receiptNo: z.string().nullable().describe('票据号'),
  waiverReason: z.string().nullable().describe('减免依据'),
  settledAt: z.string().nullable().describe('缴费或减免时间'),
  refund: z
    .object({ refundNo: z.string(), reason: z.string(), refundedAt: z.string() })
    .nullable()
    .describe('退费: a fee paid in error, given back (the payment above stays on record)'),
});
export type CaseFeesView = z.infer<typeof CaseFeesView>;

/** 退费: the refund voucher's number and why the fee paid is given back. */
export const RefundFeeBody = z.strictObject({
  version: VersionField,
  refundNo: z.string().trim().regex(RECEIPT_NO, '退付凭证号应为 1–40 位字母、数字或连字符'),
  reason: z.string().trim().min(2, '请填写退费原因（至少 2 个字）').max(500, '退费原因最多 500 字'),
});
export type RefundFeeBody = z.infer<typeof RefundFeeBody>;

export const CaseView = z.object({
  id: z.string(),
  caseNo: z.string(),
  orgId: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  itemVersion: z.number().int(),
  handling: z.string(),
  promisedDays: z.number().int(),
  legalDays: z.number().int(),
  dayKind: z.enum(['working', 'calendar']).describe('时限计算方式：working 工作日 · calendar 自然日'),
  applicant: z.object({ type: z.enum(['person', 'org']), name: z.string(), idNumber: z.string(), phone: z.string(), address: z.string() }),
  channel: z.enum(['window', 'online', 'agent']),
  firstContactId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  receivedOn: z.string(),
  acceptedOn: z.string().nullable(),
  due: z.string().nullable(),
  decisionDueOn: z.string().nullable(),
  suspendedOn: z.string().nullable(),
  extendedDays: z.number().int(),
  supplementNotices: z.number().int(),
  pendingMaterialsDueOn: z.string().nullable(),
  result: z.enum(['granted', 'denied']).nullable(),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
  situations: z.array(z.string()).describe('办理情形：受理时勾选的适用情形'),
  allowedActs: z.array(z.enum(CASE_ACTS)),
  version: z.number().int(),
  materials: z.array(CaseMaterialView),
  events: z.array(CaseEventView),
  /** 办理步骤 / 联办步骤, each with its own due date. */
  steps: z.array(StepView),
  /** 上报件: the due date of the stage the case is in (the township's pre-review, then the county's). */
  stageDue: z.string().nullable(),
  escalation: EscalationSchema.nullable().describe("上报县级: forwarding, the county's acceptance and result"),
  fees: CaseFeesView,
  extensionRequest: z
    .object({ requestedAt: z.string(), days: z.number().int(), reason: z.string(), requestedBy: z.string() })
    .nullable()
    .describe('延期申请：窗口人员提出、待中心主任审批的延期（第四十二条）；没有时为 null'),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseSummaryView = CaseView.omit({
  situations: true,
  materials: true,
  events: true,
  allowedActs: true,
  steps: true,
  stageDue: true,
  escalation: true,
  fees: true,
  extensionRequest: true,
});
export type CaseSummaryView = z.infer<typeof CaseSummaryView>;

export const TrackQuery = z.strictObject({ check: z.string().regex(/^\d{4}$/, '请输入申请人手机号后 4 位') });
export const TrackView = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  orgName: z.string(),
  applicantName: z.string(),
  receivedOn: z.string(),
  acceptedOn: z.string().nullable(),
  due: z.string().nullable(),
  concludedOn: z.string().nullable(),
  result: z.enum(['granted', 'denied']).nullable(),
  overdue: z.boolean().describe('已超期: past its promised date and not yet concluded'),
  isOverdue: z.boolean().describe('the same as overdue (the name of round one)'),
  stages: z
    .array(z.object({ act: z.string(), label: z.string(), on: z.string() }))
    .describe('办理进度: the public stages with their business dates, in the order they happened'),
  fees: z
    .object({
      lines: z.array(z.object({ name: z.string(), amount: z.string().describe('yuan, two decimals') })),
      total: z.string(),
      status: z.enum(FEE_STATUSES),
      statusLabel: z.string(),
    })
    .nullable()
    .describe('收费: null when the item charges nothing'),
});

export { AddStepsBody, StepActBodies, StepView, type StepAct } from './steps/schemas.ts';
