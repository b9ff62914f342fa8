import type { Role } from '../../kernel/context.ts';
import { isAllowed } from '../../kernel/permissions.rules.ts';

/**
 * 投诉处理流程, GB/T 36113 (政务服务投诉处置规范): 受理 → 调查 → 处置 → 反馈 → 归档. Pure: the web
 * imports it for labels and buttons. A refusal (不予受理) ends the flow with its reason; archiving follows it too.
 */
export const COMPLAINT_KINDS = ['complaint', 'report', 'efficiency', 'undone'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
/** 办不成事 goes to the center's 办不成事反映窗口 — same flow, its own label. */
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = {
  complaint: '投诉',
  report: '举报',
  efficiency: '效能投诉',
  undone: '办不成事反映',
};

export const COMPLAINT_CHANNELS = ['portal', 'mailbox', 'phone', 'hotline'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  portal: '网上投诉',
  mailbox: '意见箱',
  phone: '效能投诉电话',
  hotline: '12345/8890 热线工单',
};

export const COMPLAINT_STATUSES = ['received', 'investigating', 'disposing', 'answered', 'archived', 'refused'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
/** The stage a complainant and staff read: the five stages of GB/T 36113, plus 不予受理. */
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  received: '待受理',
  investigating: '调查中',
  disposing: '处置中',
  answered: '已反馈',
  archived: '已归档',
  refused: '不予受理',
};

export const COMPLAINT_VERDICTS = ['true', 'partly', 'false'] as const;
export type ComplaintVerdict = (typeof COMPLAINT_VERDICTS)[number];
export const COMPLAINT_VERDICT_LABELS: Record<ComplaintVerdict, string> = { true: '属实', partly: '部分属实', false: '不属实' };
/** seeds: 经查实的，要快速进行责任追究 — 属实 and 部分属实 both make an accountability record. */
export const isConfirmed = (verdict: ComplaintVerdict): boolean => verdict !== 'false';

export const COMPLAINT_RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type ComplaintRating = (typeof COMPLAINT_RATINGS)[number];
export const COMPLAINT_RATING_LABELS: Record<ComplaintRating, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

export const COMPLAINT_ACTS = ['accept', 'refuse', 'investigate', 'answer', 'archive'] as const;
export type ComplaintAct = (typeof COMPLAINT_ACTS)[number];
export const COMPLAINT_ACT_LABELS: Record<ComplaintAct, string> = {
  accept: '受理',
  refuse: '不予受理',
  investigate: '记录调查与处置',
  answer: '答复（反馈）',
  archive: '归档',
};

/** GB/T 36113: which act moves which stage to which. */
const NEXT: Record<ComplaintAct, { from: readonly ComplaintStatus[]; to: ComplaintStatus }> = {
  accept: { from: ['received'], to: 'investigating' },
  refuse: { from: ['received'], to: 'refused' },
  investigate: { from: ['investigating'], to: 'disposing' },
  answer: { from: ['disposing'], to: 'answered' },
  archive: { from: ['answered', 'refused'], to: 'archived' },
};

/** The next stage, or null when the act does not apply to this stage. */
export function nextStatus(status: ComplaintStatus, act: ComplaintAct): ComplaintStatus | null {
  const rule = NEXT[act];
  return rule.from.includes(status) ? rule.to : null;
}

/** Acts that apply to a stage, whoever asks. */
export function actsAt(status: ComplaintStatus): ComplaintAct[] {
  return COMPLAINT_ACTS.filter((act) => nextStatus(status, act) !== null);
}

export interface ComplaintAccess {
  status: ComplaintStatus;
  subjectStaffId: string | null;
  assigneeStaffId: string | null;
}

export interface Viewer {
  staffId: string;
  role: Role;
}

/**
 * Whether a staff member (already within the org's scope) may see the complaint: never the person
 * complained about; a clerk only what is assigned to them (issue 13).
 */
export function canSee(viewer: Viewer, complaint: Pick<ComplaintAccess, 'subjectStaffId' | 'assigneeStaffId'>): boolean {
  if (complaint.subjectStaffId === viewer.staffId) return false;
  if (!isAllowed('complaint.read', viewer.role)) return false;
  if (viewer.role === 'window_staff') return complaint.assigneeStaffId === viewer.staffId;
  return true;
}

/** The acts this viewer may take now: handlers all acts of the stage; an assigned clerk only the investigation. */
export function allowedActs(viewer: Viewer, complaint: ComplaintAccess): ComplaintAct[] {
  if (!canSee(viewer, complaint)) return [];
  const acts = actsAt(complaint.status);
  if (isAllowed('complaint.handle', viewer.role)) return acts;
  if (viewer.role === 'window_staff') return acts.filter((act) => act === 'investigate');
  return [];
}
