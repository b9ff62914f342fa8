import type { Role } from '../../kernel/context.ts';
import { isAllowed } from '../../kernel/permissions.rules.ts';
/**
 * 办件状态机: which act is allowed in which state, and where it leads. Pure: no clock, no database.
 * The state is derived from the event log; this table is the single place that says what may happen.
 */
export const CASE_STATUSES = [
  'submitted', // 已接件: received, no intake decision yet (online / agent channels)
  'supplement_requested', // 待补正: one-time notice issued, waiting for materials
  'accepted', // 已受理: the clock runs (容缺受理 is accepted with pending materials)
  'suspended', // 特别程序: hearing, testing, expert review, public notice — the clock stops
  'escalated', // 已上报: forwarded to the county, waiting for its result
  'concluded', // 已办结: granted or denied
  'delivered', // 已送达
  'closed', // 已归档销号
  'refused', // 不予受理
  'withdrawn', // 已撤回
  'terminated', // 终止办理: 告知承诺不实 found while the case was open
  'revoked', // 已撤销: 告知承诺不实 found after the decision
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTS = [
  'accept',
  'refuse',
  'request-supplement',
  'supplement',
  'accept-pending',
  'deem-accepted',
  'suspend',
  'resume',
  'extend',
  'request-extension',
  'approve-extension',
  'refuse-extension',
  'escalate',
  'county-accept',
  'county-result',
  'conclude',
  'settle-fee',
  'deliver',
  'close',
  'withdraw',
] as const;
export type CaseAct = (typeof CASE_ACTS)[number];

/** Acts a person may take; `deem-accepted` is the system's (行政许可法 第32条). */
export const STAFF_ACTS: readonly CaseAct[] = CASE_ACTS.filter((act) => act !== 'deem-accepted');

const TABLE: Record<CaseStatus, Partial<Record<CaseAct, CaseStatus>>> = {
  submitted: {
    accept: 'accepted',
    'accept-pending': 'accepted',
    refuse: 'refused',
    'request-supplement': 'supplement_requested',
    'deem-accepted': 'accepted',
    withdraw: 'withdrawn',
  },
  supplement_requested: {
    supplement: 'submitted',
    refuse: 'refused',
    withdraw: 'withdrawn',
  },
  accepted: {
    suspend: 'suspended',
    extend: 'accepted',
    'request-extension': 'accepted',
    'approve-extension': 'accepted',
    'refuse-extension': 'accepted',
    escalate: 'escalated',
    conclude: 'concluded',
    supplement: 'accepted',
    'settle-fee': 'accepted',
    withdraw: 'withdrawn',
  },
  suspended: { resume: 'accepted', withdraw: 'withdrawn' },
  escalated: {
    'county-accept': 'escalated',
    'county-result': 'escalated',
    conclude: 'concluded',
    'settle-fee': 'escalated',
    withdraw: 'withdrawn',
  },
  concluded: { 'settle-fee': 'concluded', deliver: 'delivered' },
  delivered: { close: 'closed' },
  closed: {},
  refused: {},
  withdrawn: {},
  terminated: {},
  revoked: {},
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '已接件',
  supplement_requested: '待补正',
  accepted: '办理中',
  suspended: '特别程序中',
  escalated: '已上报',
  concluded: '已办结',
  delivered: '已送达',
  closed: '已归档',
  refused: '不予受理',
  withdrawn: '已撤回',
  terminated: '已终止办理',
  revoked: '已撤销',
};

/**
 * 告知承诺不实 (国办发〔2020〕42号: 依法终止办理或撤销决定): the status a case takes when its check finds a false
 * commitment — terminated while still being handled, a grant revoked once decided. Null: nothing to undo (a
 * denial, a refusal, a withdrawal, or a case already ended) — the case stays as it is.
 */
export function statusAfterFalseCommitment(status: CaseStatus, result: 'granted' | 'denied' | null): 'terminated' | 'revoked' | null {
  switch (status) {
    case 'accepted':
    case 'suspended':
    case 'escalated':
    case 'submitted':
    case 'supplement_requested':
      return 'terminated';
    case 'concluded':
    case 'delivered':
    case 'closed':
      return result === 'granted' ? 'revoked' : null;
    case 'refused':
    case 'withdrawn':
    case 'terminated':
    case 'revoked':
      return null;
  }
}

export const CASE_ACT_LABELS: Record<CaseAct, string> = {
  accept: '受理',
  refuse: '不予受理',
  'request-supplement': '一次性告知补正',
  supplement: '补齐材料',
  'accept-pending': '容缺受理',
  'deem-accepted': '逾期视为受理',
  suspend: '挂起（特别程序）',
  resume: '恢复计时',
  extend: '延期',
  'request-extension': '申请延期',
  'approve-extension': '批准延期',
  'refuse-extension': '不批准延期',
  escalate: '上报县级',
  'county-accept': '登记县级受理',
  'county-result': '登记县级审批结果',
  conclude: '办结',
  'settle-fee': '缴费/减免',
  deliver: '送达',
  close: '归档销号',
  withdraw: '撤回',
};

/** Facts of a case beyond its status that some acts depend on. */
export interface CaseFacts {
  /** 收费: the item's fees are due and neither paid nor waived. */
  isFeeDue: boolean;
  /** 延期 (第42条): none yet, a clerk's request awaiting the director, or the one extension used. */
  extension?: 'none' | 'requested' | 'used';
  /** 容缺: an accepted case has no material pending, so there is nothing to 补齐 (unknown: assumed there may be). */
  isNothingToSupply?: boolean;
}

/** A case with nothing due: what the table alone allows. */
export const NO_FACTS: CaseFacts = { isFeeDue: false };

/**
 * Acts the table allows in a state only while a fact holds. 收费: a fee is settled (paid or waived)
 * only while it is due, and a permit is not delivered while a fee is still due.
 */
const GUARDS: Partial<Record<CaseAct, (facts: CaseFacts) => boolean>> = {
  'settle-fee': (facts) => facts.isFeeDue,
  deliver: (facts) => !facts.isFeeDue,
  extend: (facts) => (facts.extension ?? 'none') === 'none',
  'request-extension': (facts) => (facts.extension ?? 'none') === 'none',
  'approve-extension': (facts) => facts.extension === 'requested',
  'refuse-extension': (facts) => facts.extension === 'requested',
  supplement: (facts) => facts.isNothingToSupply !== true,
};

const isGuardMet = (act: CaseAct, facts: CaseFacts): boolean => GUARDS[act]?.(facts) ?? true;

/** A refusal names the acts allowed now; `isBlockedByFacts` when the state allows the act but a fact of the case forbids it. */
export type Transition = { ok: true; next: CaseStatus } | { ok: false; allowed: CaseAct[]; isBlockedByFacts?: true };

/** The next state for an act, or a refusal naming the acts allowed now. */
export function transition(status: CaseStatus, act: CaseAct, facts: CaseFacts = NO_FACTS): Transition {
  const next = TABLE[status][act];
  if (next === undefined) return { ok: false, allowed: allowedActs(status, facts) };
  if (!isGuardMet(act, facts)) return { ok: false, allowed: allowedActs(status, facts), isBlockedByFacts: true };
  return { ok: true, next };
}

export function allowedActs(status: CaseStatus, facts: CaseFacts = NO_FACTS): CaseAct[] {
  return CASE_ACTS.filter((act) => TABLE[status][act] !== undefined && isGuardMet(act, facts));
}

/** Terminal states: nothing more happens to the case. */
export function isFinal(status: CaseStatus): boolean {
  return allowedActs(status).length === 0;
}

/** States in which the processing clock runs and warnings apply. */
export function isClockRunning(status: CaseStatus): boolean {
  return status === 'accepted' || status === 'escalated';
}

/** 第42条: acts of the center's head (an extension, and the decision on a clerk's request). */
const APPROVER_ACTS: readonly CaseAct[] = ['extend', 'approve-extension', 'refuse-extension'];

/** Whether this role may take this act (the state machine aside): the routes and the views ask the same rule. */
export function isActAllowedForRole(act: CaseAct, role: Role): boolean {
  if (act === 'deem-accepted' || !isAllowed('case.handle', role)) return false;
  const isApprover = isAllowed('case.extend', role);
  if (APPROVER_ACTS.includes(act)) return isApprover;
  // An approver extends directly; a clerk asks the approver.
  if (act === 'request-extension') return !isApprover;
  return true;
}

/**
 * The acts this person may take of those the case allows now: none for a role that may not handle
 * cases (a supervisor reads), 延期 and its approval only for an approver (第42条), a request for an
 * extension only for someone who must ask, and never the system's own acts.
 */
export function actsForRole(acts: readonly CaseAct[], role: Role): CaseAct[] {
  return acts.filter((act) => isActAllowedForRole(act, role));
}
