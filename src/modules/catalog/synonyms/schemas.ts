import { z } from 'zod';

/** 事项同义词 as staff see and edit them (one list per county). */
export const SynonymView = z.object({
  id: z.string(),
  orgId: z.string(),
  term: z.string(),
  expansion: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SynonymView = z.infer<typeof SynonymView>;

export const SynonymListQuery = z.strictObject({ orgId: z.uuid('请选择县') });

const Words = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `${label}至少 ${String(min)} 个字`)
    .max(max, `${label}最多 ${String(max)} 个字`);

export const CreateSynonymBody = z.strictObject({
  orgId: z.uuid('请选择县'),
  /** What people type: 低保. */
  term: Words('俗称/简称', 1, 20),
  /** The words item names use: 最低生活保障. */
  expansion: Words('事项名称中的说法', 2, 40),
});
export type CreateSynonymBody = z.infer<typeof CreateSynonymBody>;
