import type { BusinessDate } from '../../../shared/business-date.ts';
import type { Role } from '../../../kernel/context.ts';

/**
 * 差评整改 (国办发〔2019〕51号: 差评 核实、整改、反馈; issue 13's loop): 核实 → 分类 → (申诉复核) → 整改 →
 * 反馈 → 群众评价整改 → 回访 → 办结. A pure state machine: each act leads to one next step and that step's
 * due date, counted in working days from the day of the act on the handling org's calendar.
 */
export const RECTIFICATION_STAGES = ['verify', 'classify', 'appeal', 'rectify', 'answer', 'view', 'callback', 'closed'] as const;
export type RectificationStage = (typeof RECTIFICATION_STAGES)[number];
export const RECTIFICATION_STAGE_LABELS: Record<RectificationStage, string> = {
  verify: '待核实',
  classify: '待分类',
  appeal: '申诉复核',
  rectify: '整改中',
  answer: '待反馈',
  view: '待群众评价整改',
  callback: '待回访',
  closed: '已办结',
};

export const RECTIFICATION_ACTS = ['verify', 'classify', 'decide-appeal', 'rectify', 'answer', 'record-view', 'call-back'] as const;
export type RectificationAct = (typeof RECTIFICATION_ACTS)[number];
export const RECTIFICATION_ACT_LABELS: Record<RectificationAct, string> = {
  verify: '核实（已联系评价人）',
  classify: '分类',
  'decide-appeal': '申诉复核决定',
  rectify: '整改完成',
  answer: '反馈评价人',
  'record-view': '记录评价人对整改的评价',
  'call-back': '回访',
};

export const CLASSIFICATIONS = ['real', 'explanation', 'disputed'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  real: '真实问题',
  explanation: '解释说明',
  disputed: '恶意或误评（申诉复核）',
};

export const RATER_VIEWS = ['satisfied', 'basic', 'dissatisfied'] as const;
export type RaterView = (typeof RATER_VIEWS)[number];
export const RATER_VIEW_LABELS: Record<RaterView, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' };

/**
 * Working days each step may take (county defaults): 核实 1 and 整改 5 (issue 13, local practice); the whole
 * loop stays within the 15 working days 国办发〔2019〕51号 allows for 整改反馈 of a real-name 差评.
 */
export const STEP_WORKING_DAYS: Record<Exclude<RectificationStage, 'closed'>, number> = {
  verify: 1,
  classify: 1,
  appeal: 5,
  rectify: 5,
  answer: 1,
  view: 3,
  callback: 2,
};

/** Who may take each act: the handling unit's director (county admin for the county); 申诉复核 by a supervisor. */
export const ACT_ROLES: Record<RectificationAct, readonly Role[]> = {
  verify: ['director', 'county_admin'],
  classify: ['director', 'county_admin'],
  'decide-appeal': ['supervisor'],
  rectify: ['director', 'county_admin'],
  answer: ['director', 'county_admin'],
  'record-view': ['director', 'county_admin'],
  'call-back': ['director', 'county_admin'],
};

/** The one act each open step waits for. */
export const ACT_OF_STAGE: Record<Exclude<RectificationStage, 'closed'>, RectificationAct> = {
  verify: 'verify',
  classify: 'classify',
  appeal: 'decide-appeal',
  rectify: 'rectify',
  answer: 'answer',
  view: 'record-view',
  callback: 'call-back',
};

export type ActInput =
  | { act: 'verify' | 'rectify' | 'answer' | 'call-back' }
  | { act: 'classify'; classification: Classification }
  | { act: 'decide-appeal'; isUpheld: boolean }
  | { act: 'record-view'; view: RaterView };

/** The step after an act, or null when the act is not the one the step waits for. */
export function nextStage(stage: RectificationStage, input: ActInput): RectificationStage | null {
  if (stage === 'closed' || ACT_OF_STAGE[stage] !== input.act) return null;
  switch (input.act) {
    case 'verify':
      return 'classify';
    case 'classify':
      return input.classification === 'real' ? 'rectify' : input.classification === 'explanation' ? 'answer' : 'appeal';
    case 'decide-appeal':
      // Upheld: the rating was malicious or mistaken, nothing to rectify; rejected: the unit rectifies.
      return input.isUpheld ? 'closed' : 'rectify';
    case 'rectify':
      return 'answer';
    case 'answer':
      return 'view';
    case 'record-view':
      return 'callback';
    case 'call-back':
      return 'closed';
  }
}

/** The new step's due date: N working days after the day of the act (期间开始的日不计算). */
export function dueOfStage(
  stage: RectificationStage,
  today: BusinessDate,
  calendar: { add(from: BusinessDate, days: number): BusinessDate },
): BusinessDate | null {
  return stage === 'closed' ? null : calendar.add(today, STEP_WORKING_DAYS[stage]);
}

/** The acts this role may take now (the API's allowedActs). */
export function allowedActs(stage: RectificationStage, role: Role): RectificationAct[] {
  if (stage === 'closed') return [];
  const act = ACT_OF_STAGE[stage];
  return ACT_ROLES[act].includes(role) ? [act] : [];
}

export type WarningGrade = 'none' | 'pre' | 'yellow' | 'red';
export const WARNING_LABELS: Record<WarningGrade, string> = { none: '正常', pre: '预警', yellow: '黄牌', red: '红牌（已超期）' };

/** 电子监察 as for cases: 预警 one working day before the limit, 黄牌 on its day, 红牌 once past. */
export function warningOf(
  dueOn: BusinessDate | null,
  today: BusinessDate,
  calendar: { add(from: BusinessDate, days: number): BusinessDate },
): WarningGrade {
  if (dueOn === null) return 'none';
  if (dueOn < today) return 'red';
  if (dueOn === today) return 'yellow';
  return dueOn <= calendar.add(today, 1) ? 'pre' : 'none';
}
