import type { AgencyStatus, Satisfaction, Warning } from './types.ts';

export type { Satisfaction };

/** The four acts that are the agent's own (the township does receive/return/reassign in the console). */
export type AgentAct = 'forward' | 'notify' | 'sign' | 'collect-fee';

export const ACT_LABELS: Record<AgentAct, string> = {
  forward: '报送',
  notify: '告知申请人',
  sign: '签收',
  'collect-fee': '代收费用',
};

/**
 * The agent's acts each status allows. Mirrors ALLOWED_ACTS ∩ AGENT_ACTS in modules/agency/legs.ts:
 * legs.ts reaches server code at run time, so the browser keeps this copy; the server still decides.
 */
export const AGENT_ACTS_BY_STATUS: Record<AgencyStatus, readonly AgentAct[]> = {
  registered: ['forward', 'collect-fee'],
  forwarded: ['collect-fee'],
  received: ['collect-fee'],
  concluded: ['collect-fee'],
  returned: ['notify', 'collect-fee'],
  notified: ['sign', 'collect-fee'],
  signed: [],
};

export const WARNING_LABELS: Record<Warning, string> = { none: '', pre: '即将到期', yellow: '黄牌', red: '红牌' };

export const SATISFACTION_OPTIONS: { value: Satisfaction; label: string }[] = [
  { value: 'very_satisfied', label: '非常满意' },
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
  { value: 'very_dissatisfied', label: '非常不满意' },
];

export const NOTIFY_METHODS = [
  { value: 'phone', label: '电话' },
  { value: 'visit', label: '上门' },
  { value: 'sms', label: '短信' },
] as const;
export type NotifyMethod = (typeof NOTIFY_METHODS)[number]['value'];

export const CHANNELS = [
  { value: 'onsite', label: '现场' },
  { value: 'phone', label: '电话' },
] as const;

/** How a day reads on a village phone: 9月30日 (周三). Dates are business dates (YYYY-MM-DD), no zone. */
export function formatDay(date: string | null): string {
  if (date === null) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  const weekday = '日一二三四五六'[new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDay()] ?? '';
  return `${Number(m)}月${Number(d)}日（周${weekday}）`;
}
