import { z } from 'zod';
import { ORG_KINDS } from '../../kernel/context.ts';
import { isPhoneNumber } from '../../shared/identity.ts';
import { VersionField } from '../../kernel/route-kit.ts';
import { DEPARTMENT_CATEGORIES } from './rules.ts';

const Phone = z
  .string()
  .trim()
  .max(30)
  .refine((value) => value === '' || isPhoneNumber(value), '电话号码格式不正确（手机 11 位，座机如 0771-1234567）');

export const OfficeHoursSchema = z.array(z.strictObject({ from: z.string(), to: z.string() })).max(6, '办公时间最多 6 段');

export const OrgView = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(ORG_KINDS),
  parentId: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  officeHours: z.array(z.object({ from: z.string(), to: z.string() })),
  isEthnic: z.boolean(),
  status: z.enum(['active', 'inactive']),
  version: z.number().int(),
});
export type OrgView = z.infer<typeof OrgView>;

export const CreateOrgBody = z.strictObject({
  parentId: z.uuid('请选择上级机构'),
  code: z
    .string()
    .trim()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字'),
  kind: z.enum(['township', 'village']),
  name: z.string().trim().min(2, '名称至少 2 个字').max(60, '名称最多 60 个字'),
  address: z.string().trim().max(200).default(''),
  phone: Phone.default(''),
  officeHours: OfficeHoursSchema.default([]),
  isEthnic: z.boolean().default(false),
});
export type CreateOrgBody = z.infer<typeof CreateOrgBody>;

export const UpdateOrgBody = z.strictObject({
  version: VersionField,
  name: z.string().trim().min(2, '名称至少 2 个字').max(60, '名称最多 60 个字').optional(),
  address: z.string().trim().max(200).optional(),
  phone: Phone.optional(),
  officeHours: OfficeHoursSchema.optional(),
  isEthnic: z.boolean().optional(),
  status: z.enum(['active', 'inactive']).optional(),
});
export type UpdateOrgBody = z.infer<typeof UpdateOrgBody>;

export const DepartmentView = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  category: z.enum(DEPARTMENT_CATEGORIES),
  sort: z.number().int(),
  status: z.enum(['active', 'inactive']),
  version: z.number().int(),
});
export type DepartmentView = z.infer<typeof DepartmentView>;

export const CreateDepartmentBody = z.strictObject({
  orgId: z.uuid('请选择所属机构'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字'),
  category: z.enum(DEPARTMENT_CATEGORIES, '请选择站所类别'),
  sort: z.number().int().min(0).max(9999).default(0),
});
export type CreateDepartmentBody = z.infer<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = z.strictObject({
  version: VersionField,
  name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字').optional(),
  category: z.enum(DEPARTMENT_CATEGORIES).optional(),
  sort: z.number().int().min(0).max(9999).optional(),
  status: z.enum(['active', 'inactive']).optional(),
});
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBody>;

export const WindowView = z.object({
  id: z.string(),
  orgId: z.string(),
  number: z.string(),
  name: z.string(),
  departmentIds: z.array(z.string()),
  status: z.enum(['active', 'inactive']),
  version: z.number().int(),
});
export type WindowView = z.infer<typeof WindowView>;

export const CreateWindowBody = z.strictObject({
  orgId: z.uuid('请选择所属机构'),
  number: z.string().trim().min(1, '请填写窗口号').max(10, '窗口号最多 10 个字符'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(40, '名称最多 40 个字'),
  departmentIds: z.array(z.uuid()).min(1, '窗口至少服务一个部门').max(20),
});
export type CreateWindowBody = z.infer<typeof CreateWindowBody>;

export const UpdateWindowBody = z.strictObject({
  version: VersionField,
  number: z.string().trim().min(1).max(10).optional(),
  name: z.string().trim().min(2).max(40).optional(),
  departmentIds: z.array(z.uuid()).min(1, '窗口至少服务一个部门').max(20).optional(),
  status: z.enum(['active', 'inactive']).optional(),
});
export type UpdateWindowBody = z.infer<typeof UpdateWindowBody>;

export const OrgQuery = z.strictObject({ orgId: z.uuid('机构编号格式不正确').optional() });
