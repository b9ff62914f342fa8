import { z } from 'zod';
import { VersionField } from '../../../kernel/route-kit.ts';
import { isBusinessDate } from '../../../shared/business-date.ts';
import { isPhoneNumber, isResidentIdNumber } from '../../../shared/identity.ts';
import { OrgCodeField } from '../schemas.ts';

/** 预约 (appointments): request and response shapes; the web imports them as types only. */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TimeField = z.string().regex(TIME, '时间应为 HH:MM，如 12:00');
const DateField = z.string().refine(isBusinessDate, '日期应为 YYYY-MM-DD');
const PhoneField = z
  .string({ message: '请填写手机号码' })
  .trim()
  .refine((value) => /^1[3-9]\d{9}$/.test(value) && isPhoneNumber(value), '手机号码应为 11 位手机号');
const CodeField = z
  .string({ message: '请填写短信验证码' })
  .trim()
  .regex(/^\d{6}$/, '短信验证码为 6 位数字');
const BookingNoField = z
  .string({ message: '请填写预约号' })
  .trim()
  .regex(/^\d{6}$/, '预约号为 6 位数字');
const NameField = z.string().trim().max(30, '姓名最多 30 个字');
const IdNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => value === '' || isResidentIdNumber(value), '居民身份证号码不正确（18 位，校验位不符或出生日期无效）');

export const SlotView = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(['regular', 'extended', 'non_working_day']),
  kindLabel: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  left: z.number().int(),
});
export type SlotView = z.infer<typeof SlotView>;

export const DaySlotsView = z.object({ date: z.string(), workday: z.boolean(), slots: z.array(SlotView) });
export type DaySlotsView = z.infer<typeof DaySlotsView>;

export const PublicSlotsQuery = z.strictObject({ org: OrgCodeField, category: z.string().trim().min(1, '请选择业务类别').max(20) });
export const PublicSlotsView = z.object({ days: z.array(DaySlotsView) });

export const SendCodeBody = z.strictObject({ org: OrgCodeField, phone: PhoneField });
export const SentCodeView = z.object({ expiresInSeconds: z.number().int(), resendAfterSeconds: z.number().int() });

export const BookBody = z.strictObject({
  org: OrgCodeField,
  category: z.string().trim().min(1, '请选择业务类别').max(20),
  date: DateField,
  from: TimeField,
  phone: PhoneField,
  code: CodeField,
  name: NameField.default(''),
  idNumber: IdNumberField.default(''),
});
export type BookBody = z.infer<typeof BookBody>;

/** What the citizen keeps: the booking number (typed or scanned at the kiosk) and the slot. */
export const BookingView = z.object({
  id: z.string(),
  bookingNo: z.string(),
  categoryName: z.string(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['booked', 'cancelled', 'checked_in', 'no_show', 'done']),
  statusLabel: z.string(),
});
export type BookingView = z.infer<typeof BookingView>;

export const CancelBody = z.strictObject({ org: OrgCodeField, bookingNo: BookingNoField, phone: PhoneField, code: CodeField });
export type CancelBody = z.infer<typeof CancelBody>;
export const RescheduleBody = CancelBody.extend({ date: DateField, from: TimeField });
export type RescheduleBody = z.infer<typeof RescheduleBody>;
export const CheckInBody = z.strictObject({ org: OrgCodeField, bookingNo: BookingNoField });
export type CheckInBody = z.infer<typeof CheckInBody>;

// ---- staff ----

export const SessionView = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: z.enum(['extended', 'non_working_day']),
  onDate: z.string().nullable(),
  weekdays: z.array(z.number().int()),
  fromTime: z.string(),
  toTime: z.string(),
  categoryIds: z.array(z.string()),
  capacity: z.number().int(),
  note: z.string(),
  version: z.number().int(),
});
export type SessionView = z.infer<typeof SessionView>;

export const CreateSessionBody = z
  .strictObject({
    orgId: z.uuid('请选择服务中心'),
    kind: z.enum(['extended', 'non_working_day'], { message: '请选择延时服务或非工作日预约' }),
    onDate: DateField.nullable().default(null),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).default([]),
    fromTime: TimeField,
    toTime: TimeField,
    categoryIds: z.array(z.uuid('业务类别编号格式不正确')).max(50).default([]),
    capacity: z.number().int().min(1, '每时段预约数应为 1–50').max(50, '每时段预约数应为 1–50'),
    note: z.string().trim().max(100, '说明最多 100 个字').default(''),
  })
  .refine((body) => body.fromTime < body.toTime, { message: '结束时间应晚于开始时间', path: ['toTime'] })
  .refine((body) => (body.onDate === null) !== (body.weekdays.length === 0), {
    message: '请指定一个日期，或选择每周的哪几天（二选一）',
    path: ['onDate'],
  })
  .refine((body) => body.kind === 'extended' || body.onDate !== null, { message: '非工作日预约须指定日期', path: ['onDate'] });
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const RemoveSessionBody = z.strictObject({ version: VersionField });
export const SessionQuery = z.strictObject({ orgId: z.uuid('机构编号格式不正确') });
export const ScheduleQuery = z.strictObject({ orgId: z.uuid('机构编号格式不正确'), date: DateField });

/** 上门服务 may be assigned to these: the center's clerks and director, and the agents of its villages. */
export const AssigneeView = z.object({
  id: z.string(),
  name: z.string(),
  orgName: z.string(),
  role: z.enum(['window_staff', 'director', 'agent']),
});
export type AssigneeView = z.infer<typeof AssigneeView>;

export const AppointmentView = z.object({
  id: z.string(),
  bookingNo: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  kind: z.enum(['online', 'phone', 'home_visit']),
  kindLabel: z.string(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  applicantName: z.string(),
  phone: z.string(),
  address: z.string(),
  status: z.enum(['booked', 'cancelled', 'checked_in', 'no_show', 'done']),
  statusLabel: z.string(),
  assigneeId: z.string().nullable(),
  ticketId: z.string().nullable(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

export const ScheduleView = z.object({
  date: z.string(),
  workday: z.boolean(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), slots: z.array(SlotView) })),
  appointments: z.array(AppointmentView),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

/** 电话预约 (a caller's slot, booked by staff) or 上门服务 (a home visit at any time, assigned to a clerk or a village agent). */
export const StaffBookBody = z.strictObject({
  orgId: z.uuid('请选择服务中心'),
  categoryId: z.uuid('请选择业务类别'),
  kind: z.enum(['phone', 'home_visit'], { message: '请选择电话预约或上门服务' }),
  date: DateField,
  from: TimeField,
  to: TimeField.optional(),
  name: NameField.min(1, '请填写姓名'),
  phone: PhoneField,
  idNumber: IdNumberField.default(''),
  address: z.string().trim().max(100, '地址最多 100 个字').default(''),
  note: z.string().trim().max(100, '说明最多 100 个字').default(''),
  assigneeId: z.uuid('上门服务人员编号格式不正确').nullable().default(null),
});
export type StaffBookBody = z.infer<typeof StaffBookBody>;
