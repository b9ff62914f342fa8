import { z } from 'zod';
import { isBusinessDate, type BusinessDate } from '../../shared/business-date.ts';
import { DAY_KINDS } from './rules.ts';

/** A YYYY-MM-DD calendar date that exists (2026-02-30 is refused). */
export const DateField = (label: string) =>
  z
    .string({ message: `请提供${label}（YYYY-MM-DD）` })
    .refine((value): value is BusinessDate => isBusinessDate(value), `${label}应为有效日期，格式 YYYY-MM-DD，如 2026-10-08`);

const OrgCodeField = z
  .string()
  .regex(/^\d{12}$/, '机构应为 12 位区划代码')
  .optional();

export const DeadlineQuery = z.strictObject({
  start: DateField('开始日期'),
  days: z
    .string({ message: '请提供工作日数 days' })
    .regex(/^\d{1,3}$/, '工作日数 days 应为 0 到 365 之间的整数')
    .transform(Number)
    .refine((value) => value <= 365, '工作日数 days 应为 0 到 365 之间的整数'),
  org: OrgCodeField,
});
export type DeadlineQuery = z.infer<typeof DeadlineQuery>;

export const DeadlineView = z.object({
  start: z.string(),
  days: z.number().int(),
  due: z.string(),
  provisional: z.boolean(),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

export const DaysQuery = z.strictObject({
  from: DateField('起始日期 from'),
  to: DateField('结束日期 to'),
  org: OrgCodeField,
});
export type DaysQuery = z.infer<typeof DaysQuery>;

export const CalendarDayView = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: z.enum(DAY_KINDS),
  name: z.string().optional(),
  provisional: z.boolean(),
});
export type CalendarDayView = z.infer<typeof CalendarDayView>;

export const DaysView = z.object({ days: z.array(CalendarDayView), provisional: z.boolean() });
export type DaysView = z.infer<typeof DaysView>;

export const IcsParams = z.strictObject({
  file: z.string().regex(/^\d{12}\.ics$/, '订阅地址应为 /api/calendar/<12 位区划代码>.ics'),
});

export const OverrideView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.enum(['county', 'township', 'village']),
  date: z.string(),
  kind: z.enum(['local_holiday', 'local_workday']),
  name: z.string(),
  note: z.string(),
  version: z.number().int(),
});
export type OverrideView = z.infer<typeof OverrideView>;

export const OverrideQuery = z.strictObject({
  orgId: z.uuid('机构编号格式不正确'),
  year: z
    .string()
    .regex(/^\d{4}$/, '年份应为 4 位数字')
    .transform(Number)
    .optional(),
});

export const CreateOverrideBody = z.strictObject({
  orgId: z.uuid('请选择机构'),
  date: DateField('日期'),
  kind: z.enum(['local_holiday', 'local_workday'], '请选择本地假日（local_holiday）或本地工作日（local_workday）'),
  name: z.string().trim().min(1, '请填写名称，如“壮族三月三”').max(30, '名称最多 30 个字'),
  note: z.string().trim().max(200, '说明最多 200 个字').default(''),
});
export type CreateOverrideBody = z.infer<typeof CreateOverrideBody>;

export const RemoveOverrideQuery = z.strictObject({
  version: z
    .string({ message: '缺少版本号 version' })
    .regex(/^\d{1,9}$/, '版本号 version 应为正整数')
    .transform(Number),
});

const NationalDayBody = z.strictObject({
  date: DateField('日期'),
  kind: z.enum(['holiday', 'adjusted_workday'], '类型应为 holiday（放假）或 adjusted_workday（调休上班）'),
  name: z.string().trim().min(1, '请填写节日名称').max(30, '节日名称最多 30 个字'),
});

const YearField = z
  .number({ message: '请提供年份 year' })
  .int('年份应为整数')
  .min(2000, '年份应在 2000–2100 之间')
  .max(2100, '年份应在 2000–2100 之间');
const DocumentField = z.string().trim().max(100, '文号最多 100 个字').default('');

/** Enter a year's national days one by one, or import them from a JSON or iCalendar text. */
export const NationalYearBody = z.union([
  z.strictObject({
    year: YearField,
    document: DocumentField,
    replacePackageData: z.boolean().default(false),
    days: z.array(NationalDayBody).min(1, '请至少填写一天').max(200, '一年最多 200 天'),
  }),
  z.strictObject({
    year: YearField,
    document: DocumentField,
    replacePackageData: z.boolean().default(false),
    format: z.enum(['json', 'ics'], '导入格式应为 json 或 ics'),
    content: z.string().min(1, '导入内容为空').max(500_000, '导入内容过大'),
  }),
]);
export type NationalYearBody = z.infer<typeof NationalYearBody>;

export const NationalYearView = z.object({
  year: z.number().int(),
  source: z.enum(['package', 'manual', 'json', 'ics']),
  document: z.string(),
  holidays: z.number().int(),
  adjustedWorkdays: z.number().int(),
  enteredAt: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type NationalYearView = z.infer<typeof NationalYearView>;

/**
 * The server's clock, which every business date counts by (YIZHAN_CLOCK may set it for training or
 * tests): the browser apps learn their offset from it instead of trusting the device's clock.
 */
export const ServerTimeView = z.object({
  now: z.string().describe("the server's current instant, ISO 8601 with milliseconds"),
  today: z.string().describe('the business date (Asia/Shanghai) of that instant'),
});
export type ServerTimeView = z.infer<typeof ServerTimeView>;
