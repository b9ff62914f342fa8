import { z } from 'zod';
import { VersionField } from '../../kernel/route-kit.ts';
import { isPhoneNumber, isResidentIdNumber } from '../../shared/identity.ts';
import { PRIORITY_GROUPS, STAFF_PRIORITY_GROUPS } from './priority.rules.ts';
import { RATING_LEVELS, TICKET_ACTS, TICKET_STATUSES } from './ticket.rules.ts';

/** 取号叫号 (queue): request and response shapes; the web imports them as types only. */

export const OrgCodeField = z.string({ message: '请提供服务中心的区划代码 org' }).regex(/^\d{12}$/, '服务中心应为 12 位区划代码');
const PhoneField = z
  .string()
  .trim()
  .refine((value) => value === '' || (/^1[3-9]\d{9}$/.test(value) && isPhoneNumber(value)), '手机号码应为 11 位手机号');
const NameField = z.string().trim().max(30, '姓名最多 30 个字');
const IdNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => value === '' || isResidentIdNumber(value), '居民身份证号码不正确（18 位，校验位不符或出生日期无效）');

export const OrgQuery = z.strictObject({ org: OrgCodeField });

// ---- setup: categories, windows, settings ----

export const CategoryView = z.object({
  id: z.string(),
  orgId: z.string(),
  code: z.string(),
  name: z.string(),
  prefix: z.string(),
  description: z.string(),
  sort: z.number().int(),
  slotCapacity: z.number().int(),
  status: z.enum(['active', 'inactive']),
  windowIds: z.array(z.string()),
  version: z.number().int(),
});
export type CategoryView = z.infer<typeof CategoryView>;

const CategoryFields = {
  name: z.string().trim().min(2, '名称至少 2 个字').max(20, '名称最多 20 个字'),
  prefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]$/, '号段字母应为一个大写字母 A–Z'),
  description: z.string().trim().max(100, '说明最多 100 个字'),
  sort: z.number().int().min(0).max(999),
  slotCapacity: z.number().int().min(0, '每时段预约数应为 0–50').max(50, '每时段预约数应为 0–50'),
  windowIds: z.array(z.uuid('窗口编号格式不正确')).max(50),
};

export const CreateCategoryBody = z.strictObject({
  orgId: z.uuid('请选择服务中心'),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,20}$/, '编码为 1–20 位小写字母、数字或连字符'),
  name: CategoryFields.name,
  prefix: CategoryFields.prefix,
  description: CategoryFields.description.default(''),
  sort: CategoryFields.sort.default(0),
  slotCapacity: CategoryFields.slotCapacity.default(0),
  windowIds: CategoryFields.windowIds.default([]),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z.strictObject({
  version: VersionField,
  name: CategoryFields.name.optional(),
  prefix: CategoryFields.prefix.optional(),
  description: CategoryFields.description.optional(),
  sort: CategoryFields.sort.optional(),
  slotCapacity: CategoryFields.slotCapacity.optional(),
  windowIds: CategoryFields.windowIds.optional(),
  status: z.enum(['active', 'inactive']).optional(),
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;

export const SettingsView = z.object({
  orgId: z.string(),
  normalPerPriority: z.number().int(),
  elderlyAge: z.number().int(),
  rejoinLimit: z.number().int(),
  rejoinAfter: z.number().int(),
  smsAhead: z.number().int(),
  slotMinutes: z.number().int(),
  bookingDays: z.number().int(),
  noShowLimit: z.number().int(),
  noShowDays: z.number().int(),
  banDays: z.number().int(),
  announcements: z.array(z.string()),
  version: z.number().int(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const SettingsQuery = z.strictObject({ orgId: z.uuid('机构编号格式不正确') });

export const UpdateSettingsBody = z.strictObject({
  orgId: z.uuid('请选择服务中心'),
  /** 0 for a new center's first save. */
  version: z.number().int().min(0),
  normalPerPriority: z.number().int().min(0).max(20).optional(),
  elderlyAge: z.number().int().min(55).max(100).optional(),
  rejoinLimit: z.number().int().min(0).max(5).optional(),
  rejoinAfter: z.number().int().min(0).max(50).optional(),
  smsAhead: z.number().int().min(0).max(20).optional(),
  slotMinutes: z.union([z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]).optional(),
  bookingDays: z.number().int().min(1).max(60).optional(),
  noShowLimit: z.number().int().min(1).max(20).optional(),
  noShowDays: z.number().int().min(7).max(365).optional(),
  banDays: z.number().int().min(1).max(365).optional(),
  announcements: z.array(z.string().trim().min(1).max(100, '每条公告最多 100 个字')).max(5, '最多 5 条公告').optional(),
});
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

// ---- tickets ----

export const PublicCategoriesView = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string(), prefix: z.string(), waiting: z.number().int() })),
});

export const TakeTicketBody = z.strictObject({
  org: OrgCodeField,
  category: z.string().trim().min(1, '请选择业务类别').max(20),
  phone: PhoneField.optional(),
  name: NameField.optional(),
  /** 老年人优先: an ID number showing the center's age gives priority (and prefills the case at the window). */
  idNumber: IdNumberField.optional(),
  channel: z.enum(['kiosk', 'phone']).default('kiosk'),
});
export type TakeTicketBody = z.infer<typeof TakeTicketBody>;

/** The API contract: exactly these four fields. */
export const TakenTicketView = z.object({
  id: z.string(),
  ticketNo: z.string(),
  ahead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
});
export type TakenTicketView = z.infer<typeof TakenTicketView>;

/** What the citizen's phone (or the printed ticket) shows: never the name, phone or ID number. */
export const PublicTicketView = z.object({
  id: z.string(),
  ticketNo: z.string(),
  status: z.enum(TICKET_STATUSES),
  statusLabel: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  orgCode: z.string(),
  orgName: z.string(),
  priorityLabel: z.string().nullable(),
  ahead: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  issuedAt: z.string(),
  windowNumber: z.string().nullable(),
  hasPhone: z.boolean(),
  canCancel: z.boolean(),
  canRejoin: z.boolean(),
});
export type PublicTicketView = z.infer<typeof PublicTicketView>;

export const IssueTicketBody = z.strictObject({
  categoryId: z.uuid('请选择业务类别'),
  priority: z.enum(STAFF_PRIORITY_GROUPS, '优先类别应为 elderly、disabled、pregnant 或 service_member').optional(),
  name: NameField.default(''),
  phone: PhoneField.default(''),
  idNumber: IdNumberField.default(''),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const TicketView = z.object({
  id: z.string(),
  orgId: z.string(),
  ticketNo: z.string(),
  categoryId: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  channel: z.enum(['kiosk', 'phone', 'staff', 'appointment']),
  priority: z.enum(PRIORITY_GROUPS).nullable(),
  priorityLabel: z.string().nullable(),
  status: z.enum(TICKET_STATUSES),
  statusLabel: z.string(),
  applicantName: z.string(),
  /** R10: masked. */
  phone: z.string(),
  idNumber: z.string(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  callCount: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  windowId: z.string().nullable(),
  windowNumber: z.string(),
  staffName: z.string(),
  targetWindowId: z.string().nullable(),
  outcome: z.enum(['case', 'consultation', 'none']).nullable(),
  caseIds: z.array(z.string()),
  consultation: z.string(),
  rejoins: z.number().int(),
  appointmentId: z.string().nullable(),
  allowedActs: z.array(z.enum(TICKET_ACTS)),
  version: z.number().int(),
});
export type TicketView = z.infer<typeof TicketView>;

export const TicketListQuery = z.strictObject({
  orgId: z.uuid('机构编号格式不正确'),
  status: z.enum(TICKET_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The API contract: `{ ticket: { id, ticketNo, category } }` or `{ ticket: null }`. */
export const CallNextView = z.object({
  ticket: z.object({ id: z.string(), ticketNo: z.string(), category: z.string() }).nullable(),
});

export const FinishBody = z.strictObject({
  caseIds: z.array(z.uuid('办件编号格式不正确')).max(10, '最多关联 10 个办件').optional(),
  /** 咨询登记: what was asked and answered, when no case was opened. */
  consultation: z.string().trim().max(200, '咨询内容最多 200 个字').optional(),
});
export type FinishBody = z.infer<typeof FinishBody>;

export const TransferBody = z
  .strictObject({ categoryId: z.uuid().optional(), windowId: z.uuid().optional() })
  .refine((body) => (body.categoryId === undefined) !== (body.windowId === undefined), '请选择转入的业务类别或窗口（二选一）');
export type TransferBody = z.infer<typeof TransferBody>;

export const TicketParams = z.strictObject({ id: z.uuid({ message: '号票编号格式不正确' }) });

export const ApplicantView = z.object({ name: z.string(), phone: z.string(), idNumber: z.string() });

// ---- windows ----

export const WindowParams = z.strictObject({ windowId: z.uuid({ message: '窗口编号格式不正确' }) });

export const WINDOW_ACTS = ['open', 'close', 'pause', 'resume', 'call-next'] as const;

export const HallWindowView = z.object({
  windowId: z.string(),
  orgId: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(['closed', 'open', 'paused']),
  staffId: z.string().nullable(),
  staffName: z.string(),
  pauseReason: z.string(),
  isMine: z.boolean(),
  isAssigned: z.boolean(),
  categories: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), prefix: z.string() })),
  current: TicketView.nullable(),
  allowedActs: z.array(z.enum(WINDOW_ACTS)),
  version: z.number().int(),
});
export type HallWindowView = z.infer<typeof HallWindowView>;

export const PauseBody = z.strictObject({ reason: z.string().trim().min(1, '请填写暂停原因').max(40, '原因最多 40 个字') });

// ---- the hall screen ----

export const DisplayView = z.object({
  org: z.object({ code: z.string(), name: z.string() }),
  now: z.string(),
  calls: z.array(
    z.object({
      ticketNo: z.string(),
      categoryName: z.string(),
      windowNumber: z.string(),
      maskedName: z.string(),
      status: z.enum(TICKET_STATUSES),
      calledAt: z.string(),
      callCount: z.number().int(),
    }),
  ),
  windows: z.array(
    z.object({
      number: z.string(),
      name: z.string(),
      status: z.enum(['closed', 'open', 'paused']),
      staffName: z.string(),
      pauseReason: z.string(),
      current: z.object({ ticketNo: z.string(), status: z.enum(TICKET_STATUSES), maskedName: z.string() }).nullable(),
      isAwaitingRating: z.boolean(),
    }),
  ),
  categories: z.array(
    z.object({ code: z.string(), name: z.string(), prefix: z.string(), waiting: z.number().int(), next: z.array(z.string()) }),
  ),
  announcements: z.array(z.string()),
});
export type DisplayView = z.infer<typeof DisplayView>;

// ---- rating pads ----

export const DeviceView = z.object({
  id: z.string(),
  windowId: z.string(),
  name: z.string(),
  isPaired: z.boolean(),
  pairedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  isRevoked: z.boolean(),
  pairingExpiresAt: z.string().nullable(),
  version: z.number().int(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const CreateDeviceBody = z.strictObject({
  windowId: z.uuid('请选择窗口'),
  name: z.string().trim().min(1, '请填写名称').max(40, '名称最多 40 个字').default('评价器'),
});

export const DeviceListQuery = z.strictObject({ orgId: z.uuid('机构编号格式不正确') });
export const DeviceParams = z.strictObject({ id: z.uuid({ message: '评价器编号格式不正确' }) });
export const RevokeDeviceBody = z.strictObject({ version: VersionField });

export const PairBody = z.strictObject({
  org: OrgCodeField,
  code: z
    .string()
    .trim()
    .regex(/^\d{8}$/, '配对码为 8 位数字'),
});

export const PairView = z.object({
  token: z.string(),
  deviceId: z.string(),
  org: z.object({ code: z.string(), name: z.string() }),
  window: z.object({ number: z.string(), name: z.string() }),
});

export const PadCurrentView = z.object({
  window: z.object({ number: z.string(), name: z.string(), staffName: z.string() }),
  org: z.object({ code: z.string(), name: z.string() }),
  pending: z.object({ ticketId: z.string(), ticketNo: z.string(), staffName: z.string(), finishedAt: z.string() }).nullable(),
});

export const RateBody = z.strictObject({
  ticketId: z.uuid('号票编号格式不正确'),
  level: z.enum(RATING_LEVELS, '请选择评价等级'),
});

export const RatingView = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNo: z.string(),
  level: z.enum(RATING_LEVELS),
  levelLabel: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  windowNumber: z.string(),
  caseIds: z.array(z.string()),
  channel: z.literal('window_pad'),
  ratedAt: z.string(),
});
export type RatingView = z.infer<typeof RatingView>;

export const RatingQuery = z.strictObject({ caseId: z.uuid('办件编号格式不正确') });
