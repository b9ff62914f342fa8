import { z } from 'zod';

const DateField = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);

/** 台帐 query: an org of the caller's scope (default their own) and a range of receiving dates (at most 366 days). */
export const LedgerQuery = z.strictObject({
  org: z.uuid({ message: '机构编号格式不正确' }).optional(),
  from: DateField('起始日期 from'),
  to: DateField('结束日期 to'),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;
