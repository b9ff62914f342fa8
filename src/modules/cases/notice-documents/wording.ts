/**
 * What a notice says, by the item's type and basis (pure). A 行政许可 cites 行政许可法 and grants or
 * refuses a licence; a 行政给付 such as 低保 is neither "准予许可" nor decided under 第三十二条 — it
 * cites its own basis (the guide's 设定依据) and gives or refuses the benefit. Remedies name the
 * 复议机关 (the county people's government for a township's decisions, 行政复议法 第二十四条).
 */

/** 行政复议法 第20条 (60 days) and 行政诉讼法 第46条 (6 months): every refusal names both remedies. */
export const STANDARD_REMEDIES = '如不服本决定，可在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';

const LICENCE = '行政许可';
const LICENCE_LAW = '《中华人民共和国行政许可法》第三十二条';

/** [granted, denied] in the words of each item type; types not listed (公共服务, 其他行政权力) agree or decline to handle. */
const RESULT_WORDS: Record<string, readonly [string, string]> = {
  行政许可: ['准予许可', '不予许可'],
  行政给付: ['准予给付', '不予给付'],
  行政确认: ['予以确认', '不予确认'],
  行政奖励: ['予以奖励', '不予奖励'],
  行政裁决: ['依法作出裁决', '不予裁决'],
};
const OTHER_RESULT_WORDS = ['同意办理', '不予办理'] as const;

export interface ItemWording {
  /** 事项类型 from the catalog; absent on data built before notices knew it (then: 行政许可). */
  itemType?: string | undefined;
  /** The item's first legal basis as published (设定依据), if any. */
  basis?: string | undefined;
}

export function isLicence(item: ItemWording): boolean {
  return (item.itemType ?? LICENCE) === LICENCE;
}

/** “办结结果” for this item's type. */
export function resultWords(item: ItemWording, result: 'granted' | 'denied'): string {
  const words = RESULT_WORDS[item.itemType ?? LICENCE] ?? OTHER_RESULT_WORDS;
  return result === 'granted' ? words[0] : words[1];
}

/** “依据…，” before a decision to accept or refuse: 第三十二条 for a licence, the item's own basis otherwise, or nothing. */
export function decisionBasis(item: ItemWording): string {
  if (isLicence(item)) return `依据${LICENCE_LAW}，`;
  return item.basis ? `依据${item.basis}等规定，` : '';
}

/** “您（单位）于…提交的“X”申请”, without doubling 申请 when the item's name already ends with it. */
export function appliedPhrase(itemName: string, receivedOnText: string): string {
  return `您（单位）于${receivedOnText}提交的“${itemName}”${itemName.endsWith('申请') ? '' : '申请'}`;
}

/** The 复议机关 of a township's decision: the county's people's government, from the county org's name. */
export function reviewBodyOf(countyName: string | undefined): string | undefined {
  if (!countyName) return undefined;
  const place = /^(.+?(?:自治县|县|市|区|旗))/.exec(countyName)?.[1];
  return place ? `${place}人民政府` : undefined;
}

/** The statutory remedies sentence, naming the 复议机关 when known. */
export function remediesSentence(reviewBody: string | undefined): string {
  return reviewBody
    ? `如不服本决定，可在收到本通知书之日起六十日内向${reviewBody}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`
    : STANDARD_REMEDIES;
}

/** The clerk's own 告知事项, unless it only restates the remedies (then the statutory sentence says it once). */
export function extraRemedies(remedies: string): string {
  const text = remedies.trim();
  if (text === '' || text === STANDARD_REMEDIES || /行政复议|行政诉讼/.test(text)) return '';
  return text;
}
