import { z } from 'zod';
import { VersionField } from '../../kernel/route-kit.ts';
import { VERIFICATION_DAYS_DEFAULT } from '../../shared/verification-period.ts';

export const ITEM_TYPES = ['行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '其他行政权力', '公共服务'] as const;
export const AUDIENCES = ['personal', 'legal'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = { personal: '个人', legal: '法人' };
export const HANDLINGS = ['immediate', 'promised', 'joint', 'escalated', 'reply'] as const;
export type Handling = (typeof HANDLINGS)[number];
export const HANDLING_LABELS: Record<Handling, string> = {
  immediate: '即办件',
  promised: '承诺件',
  joint: '联办件',
  escalated: '上报件',
  reply: '明确答复',
};
export const HANDLED_AT = ['village', 'township', 'county'] as const;
export const HANDLED_AT_LABELS: Record<(typeof HANDLED_AT)[number], string> = {
  village: '村（社区）代办',
  township: '乡镇便民服务中心',
  county: '上报县级部门',
};
export const DELIVERY_METHODS = ['window', 'post', 'agent', 'electronic'] as const;
export const DELIVERY_LABELS: Record<(typeof DELIVERY_METHODS)[number], string> = {
  window: '窗口领取',
  post: '邮寄送达',
  agent: '村代办员送达',
  electronic: '电子证照',
};
export const MATERIAL_FORMS = ['original', 'copy', 'electronic'] as const;
export const MATERIAL_FORM_LABELS: Record<(typeof MATERIAL_FORMS)[number], string> = {
  original: '原件',
  copy: '复印件',
  electronic: '电子件',
};
export const ITEM_STATUSES = ['draft', 'published', 'unpublished'] as const;
export const VERSION_STATUSES = ['draft', 'published', 'superseded', 'unpublished'] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `最多 ${String(max)} 个字`);
const days = z.number('应填写天数（数字）').int('天数应为整数').min(0, '天数不能为负').max(365, '天数最多 365');
const lines = (max: number) => z.array(text(500)).max(max);

export const SpecialStep = z.strictObject({
  name: text(60),
  days: days,
  basis: text(300).default(''),
  fee: text(100).default(''),
  /** 行政许可法 第45条: hearings, testing, inspection and expert review do not count. */
  countsInLimit: z.boolean().default(false),
});

export const ProcedureStep = z.strictObject({
  name: text(60),
  actor: text(60).default(''),
  days: days.nullable().default(null),
});

export const Situation = z.strictObject({ id: text(30), name: text(80) });

export const Material = z.strictObject({
  name: text(120),
  required: z.boolean().default(true),
  form: z.enum(MATERIAL_FORMS).default('original'),
  copies: z.number('份数应为数字').int('份数应为整数').min(0, '份数不能为负').max(20, '份数最多 20').default(1),
  blankFormFileId: z.string().nullable().default(null),
  sampleFileId: z.string().nullable().default(null),
  notes: text(300).default(''),
  /** 容缺受理: may be accepted now and handed in later. */
  pendingAllowed: z.boolean().default(false),
  /** 告知承诺制: a signed commitment (承诺书) may stand in for this proof; it is checked afterwards. */
  commitmentAllowed: z.boolean().default(false),
  /** Situation ids this material applies to; empty = every situation. */
  situations: z.array(text(30)).max(20).default([]),
});

export const Fee = z.strictObject({
  name: text(80),
  amount: z.number('应填写金额（数字，元）').min(0, '金额不能为负').max(1_000_000),
  basis: text(300).default(''),
});

export const ItemContent = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, '事项编码由字母、数字、点、横线组成，2–64 位'),
  name: z.string().trim().min(2, '事项名称至少 2 个字').max(120, '事项名称最多 120 个字'),
  itemType: z.enum(ITEM_TYPES, '请选择事项类型'),
  audience: z.array(z.enum(AUDIENCES)).min(1, '请选择服务对象').max(2),
  department: text(40),
  window: text(40).default(''),
  handledAt: z.enum(HANDLED_AT).default('township'),
  handling: z.enum(HANDLINGS, '请选择办理类型'),
  legalDays: days,
  promisedDays: days,
  dayKind: z.enum(['working', 'calendar']).default('working'),
  specialSteps: z.array(SpecialStep).max(10).default([]),
  basis: lines(30).default([]),
  conditions: lines(30).default([]),
  procedure: z.array(ProcedureStep).max(20).default([]),
  situations: z.array(Situation).max(20).default([]),
  materials: z.array(Material).max(60).default([]),
  fees: z.array(Fee).max(20).default([]),
  delivery: z.array(z.enum(DELIVERY_METHODS)).max(4).default(['window']),
  location: z
    .strictObject({ address: text(200).default(''), officeHours: text(200).default('') })
    .default({ address: '', officeHours: '' }),
  contacts: z
    .strictObject({ staff: text(60).default(''), consultPhone: text(40).default(''), supervisePhone: text(40).default('') })
    .default({ staff: '', consultPhone: '', supervisePhone: '' }),
  agentable: z.boolean().default(false),
  online: z.boolean().default(false),
  appointment: z.boolean().default(false),
  /** 事中事后核查期限 (国办发〔2020〕42号): working days after acceptance to check 告知承诺 materials. */
  verificationDays: z
    .number('核查期限应为数字')
    .int('核查期限应为整数')
    .min(1, '核查期限至少 1 个工作日')
    .max(180, '核查期限最多 180 个工作日')
    .default(VERIFICATION_DAYS_DEFAULT),
  /** 最多跑一次 = 1, 零跑腿 = 0. */
  maxVisits: z.number().int().min(0).max(5).default(1),
  lifeEvents: z.array(text(30)).max(10).default([]),
  keywords: z.array(text(30)).max(20).default([]),
});
export type ItemContent = z.infer<typeof ItemContent>;
export type ItemContentInput = z.input<typeof ItemContent>;
export type MaterialView = z.infer<typeof Material>;

export const ItemSummaryView = z.object({
  id: z.string(),
  orgId: z.string(),
  code: z.string(),
  name: z.string(),
  tier: z.enum(['base', 'local']),
  baseItemId: z.string().nullable(),
  baseVersion: z.number().int().nullable(),
  status: z.enum(ITEM_STATUSES),
  draftVersion: z.number().int().nullable(),
  publishedVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ItemSummaryView = z.infer<typeof ItemSummaryView>;

export const ItemVersionView = z.object({
  itemId: z.string(),
  version: z.number().int(),
  status: z.enum(VERSION_STATUSES),
  content: ItemContent,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ItemVersionView = z.infer<typeof ItemVersionView>;

export const ItemDetailView = z.object({ item: ItemSummaryView, draft: ItemVersionView.nullable(), published: ItemVersionView.nullable() });
export type ItemDetailView = z.infer<typeof ItemDetailView>;

export const Problem = z.object({ path: z.string(), message: z.string() });
export type Problem = z.infer<typeof Problem>;

export const CreateItemBody = z.strictObject({
  orgId: z.uuid('请选择所属机构'),
  content: ItemContent,
});
export type CreateItemBody = z.infer<typeof CreateItemBody>;

export const DeriveItemBody = z.strictObject({ orgId: z.uuid('请选择乡镇'), baseItemId: z.uuid('请选择基本目录事项') });
export type DeriveItemBody = z.infer<typeof DeriveItemBody>;

export const SaveDraftBody = z.strictObject({ version: VersionField, content: ItemContent });
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;

export const VersionBody = z.strictObject({ version: VersionField });

export const ItemListQuery = z.strictObject({
  orgId: z.uuid('机构编号格式不正确').optional(),
  q: z.string().trim().max(64, '搜索词最多 64 个字').optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 项').max(2000, '每页最多 2000 项').default(500),
  cursor: z.string().max(200).optional().describe('上一页返回的 nextCursor（不透明）'),
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;

export const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1, '版本号须为正整数'),
  to: z.coerce.number().int().min(1, '版本号须为正整数'),
});
export const DiffEntry = z.object({ path: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() });
export type DiffEntry = z.infer<typeof DiffEntry>;

export const VersionParams = z.strictObject({ id: z.uuid('编号格式不正确'), version: z.coerce.number().int().min(1) });

// ---- public guide ----

const OrgCode = z.string().regex(/^\d{12}$/, '机构应为 12 位区划代码');

export const PublicItemQuery = z.strictObject({
  q: z.string().trim().max(64, '搜索词最多 64 个字（最长的事项编码）').optional(),
  department: z.string().trim().max(40).optional(),
  audience: z.enum(AUDIENCES).optional(),
  event: z.string().trim().max(30).optional(),
  org: OrgCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PublicItemQuery = z.infer<typeof PublicItemQuery>;

export const PublicOrgQuery = z.strictObject({ org: OrgCode.optional() });
export const CodeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, '事项编码格式不正确') });

export const PublicItemSummary = z.object({
  code: z.string(),
  name: z.string(),
  handling: z.enum(HANDLINGS),
  itemType: z.string(),
  department: z.string(),
  audience: z.array(z.enum(AUDIENCES)),
  promisedDays: z.number().int(),
  legalDays: z.number().int(),
  /** 时限计算方式: lists say 个工作日 or 个自然日 as the guide does. */
  dayKind: z.enum(['working', 'calendar']),
  agentable: z.boolean(),
  online: z.boolean(),
  maxVisits: z.number().int(),
});
export type PublicItemSummary = z.infer<typeof PublicItemSummary>;

export const PublicGuideView = z.object({
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  org: z.object({ code: z.string(), name: z.string() }),
  itemType: z.string(),
  audience: z.array(z.enum(AUDIENCES)),
  department: z.string(),
  window: z.string(),
  handledAt: z.enum(HANDLED_AT),
  handling: z.enum(HANDLINGS),
  basis: z.array(z.string()),
  conditions: z.array(z.string()),
  procedure: z.array(z.object({ name: z.string(), actor: z.string(), days: z.number().int().nullable() })),
  situations: z.array(z.object({ id: z.string(), name: z.string() })),
  materials: z.array(Material),
  legalDays: z.number().int(),
  promisedDays: z.number().int(),
  dayKind: z.enum(['working', 'calendar']),
  specialSteps: z.array(SpecialStep),
  fees: z.array(Fee),
  delivery: z.array(z.enum(DELIVERY_METHODS)),
  location: z.object({ address: z.string(), officeHours: z.string() }),
  contacts: z.object({ staff: z.string(), consultPhone: z.string(), supervisePhone: z.string() }),
  agentable: z.boolean(),
  online: z.boolean(),
  appointment: z.boolean(),
  maxVisits: z.number().int(),
  /** 事中事后核查期限 of materials replaced by a commitment (disclosed with them). */
  verificationDays: z.number().int(),
  lifeEvents: z.array(z.string()),
});
export type PublicGuideView = z.infer<typeof PublicGuideView>;

export const BundleView = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  audience: z.enum(AUDIENCES),
  items: z.array(PublicItemSummary),
  /** The union of the items' materials, each asked once. */
  materials: z.array(
    z.object({
      name: z.string(),
      required: z.boolean(),
      form: z.enum(MATERIAL_FORMS),
      copies: z.number().int(),
      forItems: z.array(z.string()),
    }),
  ),
});
export type BundleView = z.infer<typeof BundleView>;

export const UpdateVersionBody = z.strictObject({ version: VersionField });
export type UpdateVersionBody = z.infer<typeof UpdateVersionBody>;

export const ImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows the same as the item's current version: nothing written for them. */
  unchanged: z.number().int(),
  refused: z.array(z.object({ row: z.number().int(), code: z.string(), problems: z.array(z.string()) })),
});
export type ImportReport = z.infer<typeof ImportReport>;
