import { z } from 'zod';
import { ROLES } from '../../kernel/context.ts';
import { VersionField } from '../../kernel/route-kit.ts';
import { isBusinessDate } from '../../shared/business-date.ts';
import { isPhoneNumber } from '../../shared/identity.ts';

const Phone = z
  .string()
  .trim()
  .max(30)
  .refine((value) => value === '' || isPhoneNumber(value), '电话号码格式不正确（手机 11 位，座机如 0771-1234567）');
const Name = z.string().trim().min(2, '姓名至少 2 个字').max(30, '姓名最多 30 个字');
const DateField = z.string().refine(isBusinessDate, '日期格式应为 YYYY-MM-DD 且为真实日期');

/** AB岗: an absence (leave, meeting, training); both dates are Asia/Shanghai business days, inclusive. */
export const AbsenceView = z.object({
  id: z.string(),
  startsOn: z.string(),
  endsOn: z.string().describe('last absent day (inclusive); from the next day the person counts as present'),
  reason: z.string(),
  isCurrent: z.boolean().describe('true when today lies within the absence'),
});
export type AbsenceView = z.infer<typeof AbsenceView>;

export const StaffView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  phone: z.string().describe('masked: first 3 + last 4 digits (R10)'),
  departmentId: z.string().nullable(),
  windowId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  /** AB岗: who covers this person's open cases while they are absent. */
  backup: z.object({ id: z.string(), name: z.string() }).nullable(),
  absence: AbsenceView.nullable().describe('the absence in force today, otherwise the next planned one'),
  version: z.number().int(),
});
export type StaffView = z.infer<typeof StaffView>;

export const StaffQuery = z.strictObject({
  orgId: z.uuid('机构编号格式不正确').optional(),
  q: z.string().trim().max(30).optional(),
});

export const CreateStaffBody = z.strictObject({
  orgId: z.uuid('请选择所属机构'),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位，以字母开头，可含字母、数字、下划线、点和横线'),
  name: Name,
  role: z.enum(ROLES, '请选择角色'),
  phone: Phone.default(''),
  departmentId: z.uuid().nullable().default(null),
  windowId: z.uuid().nullable().default(null),
  password: z.string().min(1, '请设置初始密码').max(128, '密码最多 128 个字符'),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

export const UpdateStaffBody = z.strictObject({
  version: VersionField,
  name: Name.optional(),
  role: z.enum(ROLES).optional(),
  phone: Phone.optional(),
  departmentId: z.uuid().nullable().optional(),
  windowId: z.uuid().nullable().optional(),
});
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const ResetPasswordBody = z.strictObject({
  newPassword: z.string().min(1, '请输入新密码').max(128, '密码最多 128 个字符'),
});

export const EmptyBody = z.strictObject({}).default({});

export const RevealBody = z.strictObject({
  reason: z.string().trim().min(4, '请说明查看完整号码的理由（至少 4 个字）').max(200),
});

export const SetBackupBody = z.strictObject({
  version: VersionField,
  backupId: z.uuid('B岗人员编号格式不正确').nullable(),
});
export type SetBackupBody = z.infer<typeof SetBackupBody>;

export const CreateAbsenceBody = z
  .strictObject({
    startsOn: DateField,
    endsOn: DateField,
    reason: z.string().trim().min(1, '请填写离岗事由（请假、会议、培训等）').max(200, '离岗事由最多 200 个字'),
  })
  .refine((body) => body.endsOn >= body.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CreateAbsenceBody = z.infer<typeof CreateAbsenceBody>;

export const AbsenceParams = z.strictObject({
  id: z.uuid({ message: '编号格式不正确' }),
  absenceId: z.uuid({ message: '编号格式不正确' }),
});
