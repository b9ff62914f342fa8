import { z } from 'zod';

/**
 * The home page's to-do (待办): sections of work for the signed-in person, each with a count, the first
 * few items and a link to the list already filtered. Which sections a role gets is service.ts's.
 */
export const TODO_SECTION_KEYS = [
  /** 已超期：黄牌、红牌 (the clerk's own queue; the center's for a director). */
  'overdue',
  /** 即将到期：预警. */
  'due_soon',
  /** 待受理：received, no intake decision yet (行政许可法 第32条: 5 working days). */
  'to_accept',
  /** 待接收的代办件：folders village agents forwarded to the township. */
  'agency_to_receive',
  /** 延期申请待审批 (行政许可法 第42条): the director's: cases with a clerk's request awaiting approval. */
  'extension_requests',
  /** 事中事后核查 (告知承诺): cases accepted on a signed commitment whose check is open. */
  'verifications',
  /** 差评整改: open items of the 差评 loop, the step's due date and warning (never the rater). */
  'rectifications',
  /** 督办: supervision orders the person is to answer (整改回告), red once past their due date. */
  'orders',
  /** 电子监察：红牌 and 黄牌 cards of the supervisor (and the county). */
  'red',
  'yellow',
] as const;
export type TodoSectionKey = (typeof TODO_SECTION_KEYS)[number];

export const TodoItemView = z.object({
  kind: z.enum(['case', 'agency_request', 'rectification']),
  id: z.string(),
  /** 办件编号 or 代办编号. */
  number: z.string(),
  itemName: z.string(),
  applicantName: z.string(),
  /** Where it is: the village of an agency folder; empty for a case. */
  place: z.string(),
  due: z.string().nullable(),
  warning: z.enum(['none', 'pre', 'yellow', 'red']),
  /** 经办人. */
  holder: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type TodoItemView = z.infer<typeof TodoItemView>;

export const TodoSectionView = z.object({
  key: z.enum(TODO_SECTION_KEYS),
  count: z.number().int(),
  items: z.array(TodoItemView).describe('the first few, due soonest first'),
  link: z
    .object({ path: z.string(), query: z.record(z.string(), z.string()) })
    .describe('the console page that lists them all, already filtered (for cases: the filters of GET /api/cases)'),
});
export type TodoSectionView = z.infer<typeof TodoSectionView>;

export const TodoView = z.object({ sections: z.array(TodoSectionView) });
export type TodoView = z.infer<typeof TodoView>;
