import { z } from 'zod';

/** The counters of a rollup row as other modules' views carry them (ADR 0028). */
export const RollupCountsView = z.object({
  received: z.number().int().describe('接件'),
  accepted: z.number().int().describe('受理'),
  refused: z.number().int().describe('不予受理'),
  supplementNotices: z.number().int().describe('一次性告知补正'),
  concluded: z.number().int().describe('办结'),
  concludedOnTime: z.number().int().describe('按时办结'),
  concludedLate: z.number().int().describe('超期办结'),
  granted: z.number().int().describe('准予'),
  denied: z.number().int().describe('不予'),
  workingDaysSum: z.number().int().describe('受理到办结的工作日之和'),
});
export type RollupCountsView = z.infer<typeof RollupCountsView>;
