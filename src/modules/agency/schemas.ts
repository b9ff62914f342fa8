import { z } from 'zod';
import { VersionField } from '../../kernel/route-kit.ts';
import { ApplicantBody } from '../../shared/applicant.ts';
import { AGENCY_ACTS, AGENCY_LEGS, AGENCY_STATUSES, REQUEST_NO, SATISFACTION_LEVELS, type AgencyAct } from './legs.rules.ts';

export { AGENCY_ACTS, type AgencyAct };

const Text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${String(max)} 个字`);
// The ledgers start with the platform; a bounded year keeps "9999-12" from asking for the month after it.
const MonthField = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，年份在 2000–2099 之间');

/** A device's prefix (issued by the server, once per device) + date + the device's own sequence. */
export { REQUEST_NO };

export const DeviceView = z.object({ prefix: z.string(), agentName: z.string() });

export const AgentVillageView = z.object({ id: z.string(), code: z.string(), name: z.string(), townshipName: z.string() });
export const AgentProfileView = z.object({
  agentId: z.string(),
  name: z.string(),
  villages: z.array(AgentVillageView),
  legLimits: z.object({
    forwardDays: z.number().int(),
    receiveDays: z.number().int(),
    returnDays: z.number().int(),
    notifyDays: z.number().int(),
  }),
});

/** What the agent app keeps offline to register requests: the agentable items of the agent's township. */
export const AgentableItemView = z.object({
  code: z.string(),
  name: z.string(),
  department: z.string(),
  promisedDays: z.number().int(),
  /** 时限计算方式: the app says 个工作日 or 个自然日 as the guide does. */
  dayKind: z.enum(['working', 'calendar']),
  /** 办理情形 of the guide; a material with `situations` applies only when one of them is ticked. */
  situations: z.array(z.string()),
  /** The catalog's search key (name, full pinyin, initials, keywords such as 低保, code): the offline picker matches it. */
  searchKey: z.string(),
  materials: z.array(z.object({ name: z.string(), required: z.boolean(), situations: z.array(z.string()) })),
  fees: z.array(z.object({ name: z.string(), amount: z.number() })),
});

/** What a phone's own clock read when something was done on it: evidence in the record, never checked against anything. */
const DeviceTime = z.iso.datetime({ offset: true, message: '设备时间格式不正确' }).optional();

export const CreateRequestBody = z.strictObject({
  requestNo: z.string().trim().toUpperCase().regex(REQUEST_NO, '代办编号格式应为 设备前缀-年月日-序号（如 A7K2-20261130-001）'),
  villageId: z.uuid('请选择村'),
  itemCode: z.string().trim().min(1, '请选择事项').max(64),
  applicant: ApplicantBody,
  /** 委托代办: the applicant agreed to be represented (signed the 委托书 or said so before the agent). */
  consent: z.literal(true, '须经申请人同意委托代办'),
  /** 办理情形 the agent ticked (the guide's names); materials of others are not required. */
  situations: z.array(z.string().trim().min(1, '请填写办理情形').max(80, '办理情形最多 80 个字')).max(20, '办理情形最多 20 项').default([]),
  materials: z
    .array(z.strictObject({ name: Text(100, '材料名称'), received: z.boolean(), fileId: z.uuid().optional() }))
    .max(50)
    .default([]),
  /**
   * When the agent registered it, by the server's clock as the device knows it (the app learns the
   * offset at each sync): may be earlier than it reaches the server. This is what the legs count from.
   */
  registeredAt: z.iso.datetime({ offset: true, message: '登记时间格式不正确' }).optional(),
  /** The device's own clock at that moment: kept as evidence only, never judged. */
  deviceTime: DeviceTime,
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const LegView = z.object({
  leg: z.enum(AGENCY_LEGS),
  label: z.string(),
  dueOn: z.string().nullable(),
  doneAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
});

/** 责任追究 of a leg: who held it when it went overdue, recorded once and kept whatever happens later. */
export const LegLatenessView = z.object({
  leg: z.enum(AGENCY_LEGS),
  label: z.string(),
  holder: z.enum(['agent', 'township']),
  /** The agent who held the leg then, or the township center. */
  holderName: z.string(),
  level: z.enum(['yellow', 'red']),
  dueOn: z.string(),
  workingDaysLate: z.number().int(),
  recordedAt: z.string(),
});

export const AgencyEventView = z.object({
  kind: z.string(),
  label: z.string(),
  at: z.string(),
  actorName: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const AgencyRequestView = z.object({
  id: z.string(),
  requestNo: z.string(),
  status: z.enum(AGENCY_STATUSES),
  statusLabel: z.string(),
  allowedActs: z.array(z.enum(AGENCY_ACTS)).describe('what the viewer may do now (status, holder and role rules), for the buttons'),
  version: z.number().int(),
  village: z.object({ id: z.string(), name: z.string() }),
  agent: z.object({ id: z.string(), name: z.string(), phone: z.string() }),
  item: z.object({ code: z.string(), name: z.string() }),
  applicant: z.object({ type: z.enum(['person', 'org']), name: z.string(), idNumber: z.string(), phone: z.string() }),
  situations: z.array(z.string()).describe('办理情形 the agent ticked (the guide names)'),
  materials: z.array(z.object({ name: z.string(), required: z.boolean(), received: z.boolean(), fileId: z.string().nullable() })),
  registeredAt: z.string(),
  case: z.object({ id: z.string(), caseNo: z.string(), status: z.string(), dueOn: z.string().nullable() }).nullable(),
  /** 补正 travels back through the agent: the notice the township issued, until the case moves on. */
  supplementNotice: z
    .object({ at: z.string(), materials: z.array(z.object({ name: z.string(), reason: z.string() })), note: z.string() })
    .nullable(),
  legs: z.array(LegView),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
  lateness: z.array(LegLatenessView),
  fee: z.object({ amountFen: z.number().int(), receiptNo: z.string(), collectedAt: z.string() }).nullable(),
  receipt: z
    .object({ signedAt: z.string(), signatureFileId: z.string(), satisfaction: z.enum(SATISFACTION_LEVELS), satisfactionLabel: z.string() })
    .nullable(),
  events: z.array(AgencyEventView),
});
export type AgencyRequestView = z.infer<typeof AgencyRequestView>;

export const RequestListQuery = z.strictObject({
  status: z.enum(AGENCY_STATUSES).optional(),
  /** open: everything not yet signed for. */
  open: z.enum(['true', 'false']).optional(),
  requestNo: z.string().trim().toUpperCase().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ActBodies = {
  /** 报送: the agent hands the folder to the township. */
  forward: z.strictObject({ version: VersionField, scanned: z.boolean().default(false), note: z.string().trim().max(200).default('') }),
  /** 接收: the township window checks the materials against the item and opens the case (channel agent). */
  receive: z.strictObject({
    version: VersionField,
    scanned: z.boolean().default(false),
    materials: z
      .array(z.strictObject({ name: Text(100, '材料名称'), received: z.boolean() }))
      .max(50)
      .optional(),
  }),
  /** 返还: the township sends the result back to the village. */
  return: z.strictObject({ version: VersionField, scanned: z.boolean().default(false), note: z.string().trim().max(200).default('') }),
  /** 告知: the agent told the applicant the result is there. */
  notify: z.strictObject({
    version: VersionField,
    method: z.enum(['phone', 'visit', 'sms'], '告知方式应为 phone（电话）、visit（上门）或 sms（短信）'),
    /** When the agent told the applicant, as on the device (a queued 告知 reaches the server later). */
    notifiedAt: z.iso.datetime({ offset: true, message: '告知时间格式不正确' }).optional(),
    deviceTime: DeviceTime,
  }),
  /** 签收: the applicant's handwritten signature, the date, and how satisfied they are. */
  sign: z.strictObject({
    version: VersionField,
    signatureFileId: z.uuid('请先让申请人在屏幕上签名'),
    satisfaction: z.enum(SATISFACTION_LEVELS, '请选择满意度'),
    signedAt: z.iso.datetime({ offset: true, message: '签收时间格式不正确' }).optional(),
    deviceTime: DeviceTime,
  }),
  /** 代收费用: money the agent took for the township, against a receipt. */
  'collect-fee': z.strictObject({
    version: VersionField,
    amountFen: z.number().int().min(1, '金额须大于 0').max(100_000_000),
    receiptNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,40}$/, '票据号由字母、数字和横线组成，最多 40 位'),
  }),
  /** 改派: another agent of the same village takes over. */
  reassign: z.strictObject({ version: VersionField, agentId: z.uuid('请选择代办员'), reason: Text(200, '改派原因') }),
} as const satisfies Record<AgencyAct, z.ZodType>;

export const CreateDeclineBody = z.strictObject({
  clientKey: z.string().trim().min(8).max(128).optional(),
  villageId: z.uuid('请选择村'),
  itemCode: z.string().trim().max(64).default(''),
  itemName: Text(120, '所办事项'),
  applicantName: Text(100, '申请人姓名'),
  phone: z.string().trim().max(20).default(''),
  reason: Text(300, '不能代办的原因'),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const DeclineView = z.object({
  id: z.string(),
  village: z.string(),
  agentName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  applicantName: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type DeclineView = z.infer<typeof DeclineView>;

export const CreateConsultationBody = z.strictObject({
  villageId: z.uuid('请选择村'),
  channel: z.enum(['onsite', 'phone'], '咨询方式应为 onsite（现场）或 phone（电话）'),
  askerName: z.string().trim().max(100).default(''),
  phone: z.string().trim().max(20).default(''),
  itemCode: z.string().trim().max(64).default(''),
  question: Text(500, '咨询内容'),
  answer: Text(1000, '答复内容'),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const ConsultationView = z.object({
  id: z.string(),
  village: z.string(),
  agentName: z.string(),
  channel: z.enum(['onsite', 'phone']),
  askerName: z.string(),
  itemCode: z.string(),
  question: z.string(),
  answer: z.string(),
  at: z.string(),
});
export type ConsultationView = z.infer<typeof ConsultationView>;

/** 代收费用台账: one line per fee an agent took, to reconcile with the township's receipts. */
export const FeeLedgerView = z.object({
  month: z.string(),
  totalFen: z.number().int(),
  fees: z.array(
    z.object({
      requestNo: z.string(),
      village: z.string(),
      agentName: z.string(),
      itemName: z.string(),
      caseNo: z.string().nullable(),
      amountFen: z.number().int(),
      receiptNo: z.string(),
      collectedAt: z.string(),
    }),
  ),
});
export type FeeLedgerView = z.infer<typeof FeeLedgerView>;

/** A month; without one, the server's current month in Beijing (the clock may be set for training). */
export const MonthQuery = z.strictObject({ month: MonthField.optional() });

/** One agent's month: what the township pays transport subsidy and incentives by. */
export const AgentMonthView = z.object({
  agentId: z.string(),
  agentName: z.string(),
  villages: z.string(),
  requests: z.number().int(),
  signed: z.number().int(),
  declined: z.number().int(),
  consultations: z.number().int(),
  legsDone: z.number().int(),
  legsOnTime: z.number().int(),
  /** Legs still open past their due date at the month's end (today, for the month running): late though not done. */
  legsOpenLate: z.number().int(),
  /** On time among the legs done and those open late: an agent sitting on late legs is not 100 %. */
  onTimeRate: z.number().nullable(),
  /** 责任追究 records against the agent made in the month (a leg of theirs went yellow or red). */
  lateRecords: z.number().int(),
  ratings: z.number().int(),
  satisfiedRate: z.number().nullable(),
  feesFen: z.number().int(),
});
export type AgentMonthView = z.infer<typeof AgentMonthView>;

export const LegLimitsBody = z.strictObject({
  /** 0 while the county still runs on the seeds' defaults. */
  version: z.number().int().min(0).optional(),
  forwardDays: z.number().int().min(1, '报送时限至少 1 个工作日').max(10),
  /** Left out: stays as it is (1 working day until the county sets it). */
  receiveDays: z.number().int().min(1, '接收时限至少 1 个工作日').max(10).optional(),
  returnDays: z.number().int().min(1, '返还时限至少 1 个工作日').max(10),
  notifyDays: z.number().int().min(1, '告知时限至少 1 个工作日').max(10),
});

/** 代办时限 as the county set them, with the version an edit must carry. */
export const LegLimitsView = z.object({
  forwardDays: z.number().int(),
  receiveDays: z.number().int(),
  returnDays: z.number().int(),
  notifyDays: z.number().int(),
  version: z.number().int(),
});

/** An agent a request can be handed to (改派). */
export const AgentChoiceView = z.object({ id: z.string(), name: z.string(), phone: z.string() });
