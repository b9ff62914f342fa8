/**
 * 好差评的等级、指标与理由 (国办发〔2019〕51号; GB/T 39734-2020 附录). Versioned and county-wide: a
 * township cannot edit them; a rating records the version it was given under.
 */

/** Five levels, numbered 1 非常满意 … 5 非常不满意 like the hall's rating pad (queue RATING_LEVELS, same keys). */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LABELS: Record<RatingLevel, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

/** The number the public API takes (1..5) → the level. */
export function levelOfNumber(value: number): RatingLevel {
  const level = RATING_LEVELS[value - 1];
  if (level === undefined) throw new RangeError(`rating level ${String(value)} is not 1..5`);
  return level;
}

/** 国办发〔2019〕51号: 不满意 and 非常不满意 are 差评; each is verified, rectified and answered. */
export function isBadRating(level: RatingLevel): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}

export const RATING_CHANNELS = ['window_pad', 'portal', 'sms', 'default'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_CHANNEL_LABELS: Record<RatingChannel, string> = {
  window_pad: '窗口评价器',
  portal: '网上办件查询',
  sms: '短信评价链接',
  default: '默认评价',
};

/** On-site (window) and online handling are rated on different indicators (GB/T 39734 5.2). */
export type IndicatorSet = 'onsite' | 'online';
export const INDICATOR_VERSION = 1;
export const INDICATORS: Record<IndicatorSet, readonly { key: string; label: string }[]> = {
  onsite: [
    { key: 'overall', label: '整体满意度' },
    { key: 'efficiency', label: '服务效率' },
    { key: 'competence', label: '服务水平' },
    { key: 'attitude', label: '服务态度' },
  ],
  online: [
    { key: 'overall', label: '整体满意度' },
    { key: 'efficiency', label: '办事效率' },
    { key: 'guide', label: '办事指南精确度' },
    { key: 'convenience', label: '办事便捷度' },
    { key: 'usability', label: '平台操作性' },
  ],
};

export function indicatorSetOf(channel: RatingChannel): IndicatorSet {
  return channel === 'window_pad' ? 'onsite' : 'online';
}

/** Reasons offered per level; the 差评 reasons follow GB/T 39734-2020 附录 (评价内容·差评原因). */
const GOOD_REASONS = ['办事效率高', '服务热情周到', '办事指南清楚准确', '一次办成', '流程简便'] as const;
const BASIC_REASONS = ['等候时间较长', '指南不够清楚', '需要多次沟通'] as const;
const BAD_REASONS = [
  '多次跑动',
  '材料重复提交',
  '办理时间长、超期办理',
  '服务态度差',
  '办事指南不准确、不一致',
  '线上线下标准不一',
  '系统操作不便',
  '收费不合理',
  '未一次性告知',
  '推诿扯皮',
] as const;
export const RATING_REASONS: Record<RatingLevel, readonly string[]> = {
  very_satisfied: GOOD_REASONS,
  satisfied: GOOD_REASONS,
  basic: BASIC_REASONS,
  dissatisfied: BAD_REASONS,
  very_dissatisfied: BAD_REASONS,
};

/** The reasons given that this level does not offer (the form ticks only offered ones); empty when all fit. */
export function unknownReasons(level: RatingLevel, reasons: readonly string[]): string[] {
  return reasons.filter((reason) => !RATING_REASONS[level].includes(reason));
}

/** The indicator keys that this channel's set does not have. */
export function unknownIndicators(channel: RatingChannel, indicators: Readonly<Record<string, number>>): string[] {
  const keys = INDICATORS[indicatorSetOf(channel)].map((indicator) => indicator.key);
  return Object.keys(indicators).filter((key) => !keys.includes(key));
}

/** 广东省好差评实施办法: a concluded case not rated within 7 natural days counts as 基本满意 (marked as defaulted). */
export const DEFAULT_RATING_AFTER_DAYS = 7;
export const DEFAULT_RATING_LEVEL: RatingLevel = 'basic';

/** A rating goes to a case once it is concluded (办结): 一事一评 rates the whole handling, result included (ADR 0026). */
export function isRateable(concludedAt: Date | null): boolean {
  return concludedAt !== null;
}
