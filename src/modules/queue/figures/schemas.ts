import { z } from 'zod';
import { isBusinessDate, type BusinessDate } from '../../../shared/business-date.ts';

const DateField = (label: string) =>
  z
    .string({ message: `请提供${label}（YYYY-MM-DD）` })
    .refine((value): value is BusinessDate => isBusinessDate(value), `${label}应为有效日期，格式 YYYY-MM-DD`);

/** 大厅统计: figures from the hourly rollups, per day, hour, category, window and clerk. */
export const FiguresQuery = z.strictObject({
  orgId: z.uuid('机构编号格式不正确'),
  /** Both default to the server's business date today. */
  from: DateField('起始日期 from').optional(),
  to: DateField('结束日期 to').optional(),
});
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const FigureRow = z.object({
  /** The day, hour, category, window or clerk the row is about (its id, date or hour). */
  key: z.string(),
  label: z.string(),
  issued: z.number().int(),
  called: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  cases: z.number().int(),
  consultations: z.number().int(),
  ratings: z.number().int(),
  averageWaitMinutes: z.number().nullable(),
  averageServiceMinutes: z.number().nullable(),
  noShowRate: z.number().nullable(),
  averageRating: z.number().nullable(),
  booked: z.number().int(),
  checkedIn: z.number().int(),
});
export type FigureRow = z.infer<typeof FigureRow>;

export const FiguresView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  total: FigureRow,
  byDay: z.array(FigureRow),
  byHour: z.array(FigureRow),
  byCategory: z.array(FigureRow),
  byWindow: z.array(FigureRow),
  byStaff: z.array(FigureRow),
});
export type FiguresView = z.infer<typeof FiguresView>;
