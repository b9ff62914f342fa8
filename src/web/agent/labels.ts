import { AGENT_ACTS, ALLOWED_ACTS } from '../../modules/agency/legs.rules.ts';
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
 * The agent's own acts a status allows, from the server's rule file (ALLOWED_ACTS ∩ AGENT_ACTS): the
 * phone needs it offline, for a request whose queued acts have not reached the server yet.
 */
export const agentActsIn = (status: AgencyStatus): readonly AgentAct[] =>
  ALLOWED_ACTS[status].filter((act): act is AgentAct => AGENT_ACTS.has(act));

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
