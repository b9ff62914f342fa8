import type { ItemContentInput } from '../schemas.ts';

type MaterialInput = NonNullable<ItemContentInput['materials']>[number];
type StepInput = NonNullable<ItemContentInput['procedure']>[number];

/** A material: original, one copy, required unless said otherwise. */
export function mat(name: string, options: Partial<MaterialInput> & { optional?: boolean } = {}): MaterialInput {
  const { optional, ...rest } = options;
  return { name, required: optional !== true, form: 'original', copies: 1, ...rest };
}

export const copy = (name: string, options: Partial<MaterialInput> & { optional?: boolean } = {}) =>
  mat(name, { form: 'copy', ...options });

export const ID_CARD = mat('申请人居民身份证', { notes: '现场核验原件，留存复印件 1 份', pendingAllowed: false });
export const HUKOU = mat('户口簿', { notes: '户主页及本人页', pendingAllowed: true });

/** Procedure steps as [name, who acts, working days]. */
export function steps(...list: [string, string, number?][]): StepInput[] {
  return list.map(([name, actor, days]) => ({ name, actor, days: days ?? null }));
}

export interface DemoItem extends Omit<ItemContentInput, 'procedure' | 'audience'> {
  procedure: StepInput[];
  audience?: ItemContentInput['audience'];
}

/** Fills what every demo item shares; county contacts are replaced by a township's when derived. */
export function demo(item: DemoItem): ItemContentInput {
  const defaults: Omit<ItemContentInput, 'code' | 'name' | 'itemType' | 'handling' | 'legalDays' | 'promisedDays' | 'department'> = {
    audience: ['personal'],
    handledAt: 'township',
    delivery: ['window', 'agent'],
    agentable: true,
    maxVisits: 1,
    location: {
      address: '田林县行政服务中心（乐里镇新昌路 8 号）一楼大厅',
      officeHours: '工作日 08:30–12:00，15:00–18:00（法定节假日除外）',
    },
    contacts: {
      staff: '韦志强（县中心综合受理窗口）',
      consultPhone: '0776-7212345',
      supervisePhone: '0776-7212300（县纪委监委驻中心监督室）',
    },
  };
  return { ...defaults, ...item, audience: item.audience ?? ['personal'] };
}
