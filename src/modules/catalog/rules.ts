import { pinyin } from 'pinyin-pro';
import type { DiffEntry, ItemContent, MaterialView, Problem } from './schemas.ts';

/** Draft: refuse only what cannot be true. Publish: also every one of the 八公开 must be disclosed. */
export type CheckStage = 'draft' | 'publish';

/** 行政许可法 第45条: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审 are not counted in the time limit. */
const NOT_COUNTED_STEPS = /听证|招标|拍卖|检验|检测|检疫|鉴定|专家评审/;

function dayWord(content: ItemContent): string {
  return content.dayKind === 'calendar' ? '个自然日' : '个工作日';
}

/** Every problem of an item's content, in Chinese, each with the field it is about. */
export function checkItem(content: ItemContent, stage: CheckStage): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const unit = dayWord(content);

  /** seeds: 承诺时限 is a promise to do better than the law, never worse. */
  if (content.promisedDays > content.legalDays) {
    add('promisedDays', `承诺时限（${content.promisedDays}${unit}）不能超过法定时限（${content.legalDays}${unit}）`);
  }
  /** seeds 五类事项办理制: 直接办理（即办件）当场办结. */
  if (content.handling === 'immediate' && content.promisedDays > 0) {
    add('promisedDays', '即办件应当场办结，承诺时限应为 0');
  }
  if (content.handling !== 'immediate' && content.handling !== 'reply' && content.legalDays === 0) {
    add('legalDays', '非即办件须填写法定时限');
  }
  const stepDays = content.procedure.reduce((sum, step) => sum + (step.days ?? 0), 0);
  if (content.promisedDays > 0 && stepDays > content.promisedDays) {
    add('procedure', `各办理环节时限合计 ${stepDays}${unit}，超过承诺时限 ${content.promisedDays}${unit}`);
  }
  content.procedure.forEach((step, index) => {
    if (step.name === '') add(`procedure[${index}].name`, `第 ${index + 1} 个办理环节缺少名称`);
  });
  content.specialSteps.forEach((step, index) => {
    if (step.name === '') add(`specialSteps[${index}].name`, `第 ${index + 1} 个特殊环节缺少名称`);
    if (step.countsInLimit && NOT_COUNTED_STEPS.test(step.name)) {
      add(`specialSteps[${index}].countsInLimit`, `特殊环节“${step.name}”依《行政许可法》第四十五条不计入办理时限`);
    }
  });

  const situationIds = new Set(content.situations.map((situation) => situation.id));
  const seenMaterials = new Set<string>();
  content.materials.forEach((material, index) => {
    const where = `materials[${index}]`;
    if (material.name === '') {
      add(`${where}.name`, material.required ? `第 ${index + 1} 项材料为必需材料，但缺少名称` : `第 ${index + 1} 项材料缺少名称`);
      return;
    }
    const key = normaliseMaterialName(material.name);
    if (seenMaterials.has(key)) add(`${where}.name`, `材料“${material.name}”重复列出`);
    seenMaterials.add(key);
    if (material.form === 'copy' && material.copies === 0) add(`${where}.copies`, `材料“${material.name}”为复印件，份数至少 1 份`);
    for (const id of material.situations) {
      if (!situationIds.has(id)) add(`${where}.situations`, `材料“${material.name}”引用了不存在的办理情形“${id}”`);
    }
  });

  content.fees.forEach((fee, index) => {
    const where = `fees[${index}]`;
    if (fee.name === '') add(`${where}.name`, `第 ${index + 1} 项收费缺少名称`);
    if (fee.basis === '') add(`${where}.basis`, `收费“${fee.name || String(index + 1)}”缺少收费依据（不收费的事项请删除收费项）`);
  });

  if (stage === 'publish') {
    /** seeds 八公开: 依据、条件、程序、材料、时限、收费、经办人员、监督电话. */
    if (content.basis.filter(Boolean).length === 0) add('basis', '发布前须公开办事依据');
    if (content.conditions.filter(Boolean).length === 0) add('conditions', '发布前须公开办理条件');
    if (content.procedure.length === 0) add('procedure', '发布前须公开办理程序');
    if (content.materials.length === 0) add('materials', '发布前须公开申请材料（无需材料的请写明“无”）');
    if (content.department === '') add('department', '发布前须填写实施部门（站所）');
    if (content.contacts.staff === '') add('contacts.staff', '发布前须公开经办人员');
    if (content.contacts.consultPhone === '') add('contacts.consultPhone', '发布前须公开咨询电话');
    if (content.contacts.supervisePhone === '') add('contacts.supervisePhone', '发布前须公开监督电话');
    if (content.location.address === '') add('location.address', '发布前须公开办理地点');
  }
  return problems;
}

/** A township's implementation list may localise an item, not change what the law fixes. */
export function checkLocalAgainstBase(local: ItemContent, base: ItemContent): Problem[] {
  const problems: Problem[] = [];
  if (local.code !== base.code) problems.push({ path: 'code', message: `实施清单事项编码须与基本目录一致（${base.code}）` });
  if (local.itemType !== base.itemType) problems.push({ path: 'itemType', message: `事项类型须与基本目录一致（${base.itemType}）` });
  if (local.legalDays !== base.legalDays || local.dayKind !== base.dayKind) {
    problems.push({ path: 'legalDays', message: `法定时限由基本目录确定（${base.legalDays}${dayWord(base)}），实施清单不得改动` });
  }
  return problems;
}

export function normaliseMaterialName(name: string): string {
  return name.replace(/[\s（）()【】[\]《》“”"'、，,。.]/g, '').toLowerCase();
}

/** Only Han characters, latin letters and digits take part in search; everything else is dropped. */
export function normaliseQuery(query: string): string {
  return query.toLowerCase().replace(/[^\p{Script=Han}a-z0-9]/gu, '');
}

function pinyinOf(text: string, pattern: 'pinyin' | 'first'): string {
  const hanOnly = text.replace(/[^\p{Script=Han}a-zA-Z0-9]/gu, '');
  return normaliseQuery(pinyin(hanOnly, { pattern, toneType: 'none', type: 'array', v: true }).join(''));
}

/** The text public search matches against: name, full pinyin, initials, keywords and code. */
export function searchKeyOf(content: Pick<ItemContent, 'name' | 'code' | 'keywords'>): string {
  const parts = [content.name, ...content.keywords].map(normaliseQuery);
  const words = [content.name, ...content.keywords];
  return [
    ...parts,
    ...words.map((word) => pinyinOf(word, 'pinyin')),
    ...words.map((word) => pinyinOf(word, 'first')),
    // Normalised as a query is (ZJD-001 → zjd001): the clerk's picker finds an item by its code as typed.
    normaliseQuery(content.code),
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** Every 1- and 2-character gram of the key's words: short queries find these in a GIN index. */
export function searchGramsOf(key: string): string[] {
  const grams = new Set<string>();
  for (const word of key.split(' ')) {
    const chars = Array.from(word); // search text holds only Han, a–z and 0–9 (normaliseQuery)
    chars.forEach((char, index) => {
      grams.add(char);
      const next = chars[index + 1];
      if (next !== undefined) grams.add(char + next);
    });
  }
  return [...grams].sort();
}

/**
 * How a query is looked up: three characters or more use the trigram index (pg_trgm); one or two
 * characters are too short for trigrams and are looked up as a gram. No query reads every item.
 */
export type SearchPlan = { kind: 'none' } | { kind: 'trigram'; text: string } | { kind: 'gram'; text: string };

export function planSearch(query: string | undefined): SearchPlan {
  const text = normaliseQuery(query ?? '');
  const length = Array.from(text).length;
  if (length === 0) return { kind: 'none' };
  return length >= 3 ? { kind: 'trigram', text } : { kind: 'gram', text };
}

const FIELD_LABELS: Record<keyof ItemContent, string> = {
  code: '事项编码',
  name: '事项名称',
  itemType: '事项类型',
  audience: '服务对象',
  department: '实施部门',
  window: '办理窗口',
  handledAt: '办理层级',
  handling: '办理类型',
  legalDays: '法定时限',
  promisedDays: '承诺时限',
  dayKind: '时限计算方式',
  specialSteps: '特殊环节',
  basis: '办事依据',
  conditions: '办理条件',
  procedure: '办理程序',
  situations: '办理情形',
  materials: '申请材料',
  fees: '收费标准',
  delivery: '送达方式',
  location: '办理地点和时间',
  contacts: '经办人员及电话',
  agentable: '可代办',
  online: '可网上办',
  appointment: '可预约',
  maxVisits: '最多跑动次数',
  verificationDays: '告知承诺核查期限',
  lifeEvents: '一件事',
  keywords: '搜索关键词',
};

export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Record<string, string>)[field] ?? field;
}

/** What changed between two versions: one entry per field, and per material by name. */
export function diffContent(before: ItemContent, after: ItemContent): DiffEntry[] {
  const entries: DiffEntry[] = [];
  for (const field of Object.keys(FIELD_LABELS) as (keyof ItemContent)[]) {
    if (field === 'materials') continue;
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) entries.push({ path: field, label: FIELD_LABELS[field], before: a, after: b });
  }
  const byName = (list: MaterialView[]) => new Map(list.map((material) => [material.name, material]));
  const oldMaterials = byName(before.materials);
  const newMaterials = byName(after.materials);
  for (const [name, material] of oldMaterials) {
    const next = newMaterials.get(name);
    if (!next) entries.push({ path: `materials[${name}]`, label: `申请材料：${name}`, before: material, after: null });
    else if (JSON.stringify(next) !== JSON.stringify(material))
      entries.push({ path: `materials[${name}]`, label: `申请材料：${name}`, before: material, after: next });
  }
  for (const [name, material] of newMaterials) {
    if (!oldMaterials.has(name)) entries.push({ path: `materials[${name}]`, label: `申请材料：${name}`, before: null, after: material });
  }
  return entries;
}

export interface BundleMaterial {
  name: string;
  required: boolean;
  form: MaterialView['form'];
  copies: number;
  forItems: string[];
}

/** 一件事一次办: the union of the items' materials, each asked once (same name = same material). */
export function mergeBundleMaterials(items: { code: string; materials: MaterialView[] }[]): BundleMaterial[] {
  const merged = new Map<string, BundleMaterial>();
  for (const item of items) {
    for (const material of item.materials) {
      const key = normaliseMaterialName(material.name);
      const seen = merged.get(key);
      if (seen) {
        seen.required ||= material.required;
        seen.copies = Math.max(seen.copies, material.copies);
        if (material.form === 'original') seen.form = 'original';
        if (!seen.forItems.includes(item.code)) seen.forItems.push(item.code);
      } else {
        merged.set(key, {
          name: material.name,
          required: material.required,
          form: material.form,
          copies: material.copies,
          forItems: [item.code],
        });
      }
    }
  }
  return [...merged.values()];
}
