/** Words of 办理情形 at intake and on the case page (merged into the console's i18n under `situations`). */
export const situationMessages = {
  'zh-CN': {
    situations: {
      label: '办理情形',
      hint: '勾选申请人适用的情形，材料清单随之调整；不勾选则只收取通用材料。',
      none: '未选择（仅通用材料）',
      appliesTo: '适用：{names}',
    },
    cases: { itemSearch: '输入事项名称、拼音或简称，如：低保、dibao' },
  },
  en: {
    situations: {
      label: 'Situations',
      hint: "Tick the applicant's situations; the material list follows. With none ticked only the common materials are asked for.",
      none: 'None chosen (common materials only)',
      appliesTo: 'Applies to: {names}',
    },
    cases: { itemSearch: 'Type the item name, its pinyin or short name' },
  },
} as const;

export function mergeSituationMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  for (const [locale, messages] of Object.entries(situationMessages)) merge(locale, messages);
}

/** A material tied to situations is on the checklist only when one of them is chosen (cases/situations.rules.ts). */
export function materialApplies(material: { situations?: readonly string[] }, chosen: readonly string[]): boolean {
  const tied = material.situations ?? [];
  return tied.length === 0 || tied.some((name) => chosen.includes(name));
}
