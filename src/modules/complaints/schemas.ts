import { z } from 'zod';
import { VersionField } from '../../kernel/route-kit.ts';
import {
  COMPLAINT_ACTS,
  COMPLAINT_CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_RATINGS,
  COMPLAINT_STATUSES,
  COMPLAINT_VERDICTS,
} from './transitions.rules.ts';

/** 投诉·举报: request and response shapes; the web imports them as types only. */

/** The center: its 12-digit division code (as the portal's links carry it), or its id. */
const OrgCodeField = z
  .string({ message: '请选择服务中心' })
  .trim()
  .toLowerCase()
  .regex(/^(\d{12}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, '服务中心应为 12 位区划代码');
const PhoneField = z
  .string({ message: '请填写手机号码' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位手机号');
const CodeField = z
  .string({ message: '请填写短信验证码' })
  .trim()
  .regex(/^\d{6}$/, '短信验证码为 6 位数字');
const ContentField = z.string({ message: '请填写投诉内容' }).trim().min(5, '投诉内容至少 5 个字').max(2000, '投诉内容最多 2000 个字');
const NameField = z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字');
const CaseNoField = z.string().trim().max(40, '办件编号最多 40 个字符');
const Text = (label: string, max = 2000) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(2, `请填写${label}（至少 2 个字）`)
    .max(max, `${label}最多 ${String(max)} 个字`);
export const TrackingCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-9]{10}$/, '查询码为 10 位字母或数字');

/** Step 1 of a real-name portal complaint: an SMS code to the phone (6 digits, 10 minutes). */
export const ComplaintCodeBody = z.strictObject({ org: OrgCodeField, phone: PhoneField });
export const SentCodeView = z.object({ expiresInSeconds: z.number().int(), resendAfterSeconds: z.number().int() });

/** Step 2: the complaint. With a phone, its SMS code too (then the complainant is real-name); without, anonymous. */
export const PublicComplaintBody = z
  .strictObject({
    org: OrgCodeField,
    content: ContentField,
    name: NameField.optional(),
    phone: PhoneField.optional(),
    code: CodeField.optional(),
    caseNo: CaseNoField.optional(),
    kind: z.enum(COMPLAINT_KINDS).default('complaint'),
    about: z.string().trim().max(100, '被投诉人或窗口最多 100 个字').optional(),
  })
  .refine((body) => body.phone === undefined || body.code !== undefined, { message: '请填写短信验证码', path: ['code'] })
  .refine((body) => body.phone === undefined || body.name !== undefined, { message: '实名投诉请填写姓名', path: ['name'] });
export type PublicComplaintBody = z.infer<typeof PublicComplaintBody>;
export const FiledComplaintView = z.object({ id: z.string(), trackingCode: z.string() });

export const TrackParams = z.strictObject({ trackingCode: TrackingCodeField });

/** What a complainant sees by the code: the stage and the answer, nothing about staff. */
export const ComplaintTrackView = z.object({
  trackingCode: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  kindLabel: z.string(),
  centerName: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  stage: z.string(),
  receivedOn: z.string(),
  decideDueOn: z.string(),
  answerDueOn: z.string().nullable(),
  refusalReason: z.string().nullable(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  rating: z.enum(COMPLAINT_RATINGS).nullable(),
  canRate: z.boolean(),
});
export type ComplaintTrackView = z.infer<typeof ComplaintTrackView>;

export const ComplaintRateBody = z.strictObject({ rating: z.enum(COMPLAINT_RATINGS, { message: '请选择满意、基本满意或不满意' }) });

/** 意见箱 / 效能投诉电话 / 12345·8890 work order, transcribed by staff. */
export const TranscribeBody = z
  .strictObject({
    orgId: z.uuid({ message: '服务中心编号格式不正确' }).optional(),
    channel: z.enum(['mailbox', 'phone', 'hotline'], { message: '请选择来源：意见箱、效能投诉电话或 12345/8890 热线' }),
    workOrderNo: z.string().trim().min(1).max(40, '工单号最多 40 个字符').optional(),
    kind: z.enum(COMPLAINT_KINDS).default('complaint'),
    content: ContentField,
    name: NameField.optional(),
    phone: PhoneField.optional(),
    caseNo: CaseNoField.optional(),
    subjectStaffId: z.uuid({ message: '被投诉人编号格式不正确' }).optional(),
    about: z.string().trim().max(100).optional(),
  })
  .refine((body) => (body.channel === 'hotline') === (body.workOrderNo !== undefined), {
    message: '12345/8890 热线工单须填写工单号（其他来源不填）',
    path: ['workOrderNo'],
  });
export type TranscribeBody = z.infer<typeof TranscribeBody>;

export const ComplaintListQuery = z.strictObject({
  status: z.enum([...COMPLAINT_STATUSES, 'open', 'all']).default('all'),
  kind: z.enum(COMPLAINT_KINDS).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

export const ComplaintEventView = z.object({
  act: z.string(),
  actorName: z.string(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** A complaint as staff see it. The complainant's phone is masked (R10). */
export const ComplaintView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  channel: z.enum(COMPLAINT_CHANNELS),
  workOrderNo: z.string().nullable(),
  content: z.string(),
  complainantName: z.string().nullable(),
  complainantPhone: z.string().nullable(),
  isAnonymous: z.boolean(),
  caseNo: z.string().nullable(),
  subjectName: z.string().nullable(),
  about: z.string().nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  statusLabel: z.string(),
  receivedOn: z.string(),
  decideDueOn: z.string(),
  acceptedOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  refusalReason: z.string().nullable(),
  finding: z.string().nullable(),
  verdict: z.enum(COMPLAINT_VERDICTS).nullable(),
  disposal: z.string().nullable(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  rating: z.enum(COMPLAINT_RATINGS).nullable(),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
  allowedActs: z.array(z.enum(COMPLAINT_ACTS)),
  version: z.number().int(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;
export const ComplaintDetailView = ComplaintView.extend({ events: z.array(ComplaintEventView) });
export type ComplaintDetailView = z.infer<typeof ComplaintDetailView>;

export const AcceptBody = z.strictObject({
  version: VersionField,
  assigneeStaffId: z.uuid({ message: '承办人编号格式不正确' }).optional(),
});
export const RefuseBody = z.strictObject({ version: VersionField, reason: Text('不予受理的理由', 500) });
export const InvestigateBody = z.strictObject({
  version: VersionField,
  finding: Text('调查情况'),
  verdict: z.enum(COMPLAINT_VERDICTS, { message: '请选择调查结论：属实、部分属实或不属实' }),
  disposal: Text('处置意见'),
});
export const AnswerBody = z.strictObject({ version: VersionField, answer: Text('答复内容') });
export const ArchiveBody = z.strictObject({ version: VersionField });
export type AcceptBody = z.infer<typeof AcceptBody>;
export type RefuseBody = z.infer<typeof RefuseBody>;
export type InvestigateBody = z.infer<typeof InvestigateBody>;
export type AnswerBody = z.infer<typeof AnswerBody>;

export const ComplaintSettingsView = z.object({ orgId: z.string(), answerDays: z.number().int(), version: z.number().int() });
export const ComplaintSettingsQuery = z.strictObject({ orgId: z.uuid({ message: '服务中心编号格式不正确' }).optional() });
export const ComplaintSettingsBody = z.strictObject({
  orgId: z.uuid({ message: '服务中心编号格式不正确' }).optional(),
  answerDays: z.number().int().min(1, '答复时限至少 1 个工作日').max(60, '答复时限最多 60 个工作日'),
  version: z.number().int().min(0),
});
