import { formatChineseDate } from '../shared/format.ts';
import type { TrackView } from './track-api.ts';

type CaseStatus = TrackView['status'];

/** Labels shown to the public (kept here so the portal does not bundle the server's zod schemas). */
export const HANDLING_LABELS: Record<string, string> = {
  immediate: '即办件',
  promised: '承诺件',
  joint: '联办件',
  escalated: '上报件',
  reply: '明确答复',
};
export const AUDIENCE_LABELS: Record<string, string> = { personal: '个人', legal: '法人' };
export const FORM_LABELS: Record<string, string> = { original: '原件', copy: '复印件', electronic: '电子件' };
export const DELIVERY_LABELS: Record<string, string> = {
  window: '窗口领取',
  post: '邮寄送达',
  agent: '村代办员送达',
  electronic: '电子证照',
};
export const HANDLED_AT_LABELS: Record<string, string> = {
  village: '村（社区）代办',
  township: '乡镇便民服务中心',
  county: '上报县级部门办理',
};

export function daysText(days: number, dayKind: string): string {
  if (days === 0) return '当场办结';
  return `${String(days)} 个${dayKind === 'calendar' ? '自然日' : '工作日'}`;
}

export function visitsText(maxVisits: number): string {
  return maxVisits === 0 ? '零跑腿' : `最多跑 ${String(maxVisits)} 次`;
}

/** 办件查询: what each status means to the applicant, in plain words (no 预警 wording; 已超期 only when late). */
export const TRACK_STATUS_TEXT: Record<CaseStatus, { label: string; note: string; tone: 'wait' | 'work' | 'done' | 'stop' }> = {
  submitted: { label: '已接件', note: '材料已收到，窗口正在审查，审查后决定是否受理。', tone: 'wait' },
  supplement_requested: { label: '待补正材料', note: '需要补交材料。请按一次性告知单补齐后交到窗口，也可请村代办员代交。', tone: 'wait' },
  accepted: { label: '办理中', note: '已受理，正在办理。', tone: 'work' },
  suspended: { label: '特别程序中', note: '正在进行公示、听证、检测等特别程序，这段时间不计入办理时限。', tone: 'work' },
  escalated: { label: '已报送县级部门', note: '已报送县级部门办理，有结果后会通知您。', tone: 'work' },
  concluded: { label: '已办结', note: '已办理完毕，请按通知领取结果。', tone: 'done' },
  delivered: { label: '已送达', note: '办理结果已送达。', tone: 'done' },
  closed: { label: '已办结', note: '办理完毕，办件已归档。', tone: 'done' },
  refused: { label: '不予受理', note: '本次申请不予受理，理由见不予受理告知书。如有疑问，请拨打窗口咨询电话。', tone: 'stop' },
  withdrawn: { label: '已撤回', note: '申请已撤回。', tone: 'stop' },
  terminated: {
    label: '已终止办理',
    note: '经核查，申请时作出的告知承诺与实际情况不符，本次申请已依法终止办理。如有疑问，请拨打窗口咨询电话。',
    tone: 'stop',
  },
  revoked: {
    label: '已撤销',
    note: '经核查，申请时作出的告知承诺与实际情况不符，已依法撤销原办理决定。如有疑问，请拨打窗口咨询电话。',
    tone: 'stop',
  },
};

/** Ended without a result in force: no due date, no delivery to come. */
const isEndedWithoutResult = (status: CaseStatus) =>
  status === 'refused' || status === 'withdrawn' || status === 'terminated' || status === 'revoked';

/** One line about when it will be (or was) finished; says 已超期 only when the server says the case is late. */
export function dueText(track: Pick<TrackView, 'status' | 'due' | 'concludedOn' | 'overdue'>): string {
  const { status, due, concludedOn } = track;
  if (status === 'revoked') return concludedOn ? `已于 ${formatChineseDate(concludedOn)} 办结，决定已撤销` : '办理决定已撤销';
  if (concludedOn) return `已于 ${formatChineseDate(concludedOn)} 办结`;
  if (isEndedWithoutResult(status)) return '';
  if (!due) return '受理后开始计算办理时限';
  if (track.overdue) return `已超期：承诺 ${formatChineseDate(due)} 前办结`;
  return `预计 ${formatChineseDate(due)} 前办结${status === 'suspended' ? '（特别程序期间暂停计时，日期会相应顺延）' : ''}`;
}

/** 办理结果 in plain words (the decision itself is in the notice the applicant receives). */
export const RESULT_TEXT: Record<'granted' | 'denied', string> = {
  granted: '同意（准予办理）',
  denied: '不同意，理由见决定书',
};

/**
 * 办件编号 as the server makes it: township code (12 digits) - received day (YYYYMMDD) - daily
 * counter (4 digits, more after 9999). Accepts full-width digits, other dashes, spaces and a
 * number typed without dashes; returns the canonical form, or null when it cannot be one.
 */
export function normalizeCaseNo(input: string): string | null {
  const text = input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–_‐]/g, '-')
    .replace(/\s+/g, '');
  const digits = /^\d{24,30}$/.test(text) ? `${text.slice(0, 12)}-${text.slice(12, 20)}-${text.slice(20)}` : text;
  return /^\d{12}-\d{8}-\d{4,10}$/.test(digits) ? digits : null;
}

/** 手机号后四位: four digits (full-width digits accepted), or null. */
export function normalizeCheck(input: string): string | null {
  const text = input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  return /^\d{4}$/.test(text) ? text : null;
}

export interface TrackStage {
  name: string;
  /** A business date (YYYY-MM-DD) when the stage is known to have happened, else ''. */
  date: string;
  state: 'done' | 'current' | 'todo' | 'stop';
  note: string;
}

/**
 * 办理进度: 接件 → 受理 → 办理 → 办结 → 送达, from the status and the dates the tracking API gives
 * (the full record, each act with its date, is listed under it as 办理记录).
 */
export function trackStages(
  track: Pick<TrackView, 'status' | 'receivedOn' | 'acceptedOn' | 'due' | 'concludedOn' | 'result' | 'stages'>,
): TrackStage[] {
  const { status, acceptedOn, concludedOn } = track;
  const stage = (name: string, state: TrackStage['state'], date = '', note = ''): TrackStage => ({ name, date, state, note });
  const stages = [stage('接件', 'done', track.receivedOn)];
  if (status === 'refused') return [...stages, stage('不予受理', 'stop')];
  const isWaiting = status === 'submitted' || status === 'supplement_requested';
  stages.push(
    acceptedOn
      ? stage('受理', 'done', acceptedOn)
      : stage(
          '受理',
          isWaiting ? 'current' : 'todo',
          '',
          status === 'supplement_requested' ? '等待补正材料' : status === 'submitted' ? '审查中' : '',
        ),
  );
  const isWorking = status === 'accepted' || status === 'suspended' || status === 'escalated';
  const working = { accepted: '正在办理', suspended: '特别程序中，暂停计时', escalated: '县级部门办理中' } as const;
  stages.push(concludedOn ? stage('办理', 'done') : stage('办理', isWorking ? 'current' : 'todo', '', isWorking ? working[status] : ''));
  const verdict = track.result ? RESULT_TEXT[track.result] : '';
  stages.push(
    concludedOn
      ? stage('办结', 'done', concludedOn, verdict)
      : stage('办结', 'todo', '', track.due && !isEndedWithoutResult(status) ? `预计 ${formatChineseDate(track.due)} 前` : ''),
  );
  if (status === 'withdrawn' || status === 'terminated' || status === 'revoked') {
    const ended = track.stages.find((s) => s.act === 'verify-commitment')?.on ?? '';
    const last = {
      withdrawn: stage('已撤回', 'stop'),
      terminated: stage('终止办理', 'stop', ended),
      revoked: stage('撤销决定', 'stop', ended),
    };
    return [...stages.filter((s) => s.state === 'done'), last[status]];
  }
  const isDelivered = status === 'delivered' || status === 'closed';
  const deliveredOn = track.stages.find((s) => s.act === 'deliver')?.on ?? '';
  stages.push(
    stage(
      '送达',
      isDelivered ? 'done' : status === 'concluded' ? 'current' : 'todo',
      isDelivered ? deliveredOn : '',
      status === 'concluded' ? '等待领取或送达' : '',
    ),
  );
  return stages;
}

/**
 * Whether a material must be brought: one tied to 办理情形 is needed only in those situations, so the
 * "全部情形" view says 适用：… instead of 必须 (issue 11); once a situation is chosen it reads as usual.
 */
export function requirementText(
  material: { required: boolean; situations: readonly string[] },
  situations: readonly { id: string; name: string }[],
  chosen: string,
): string {
  if (material.situations.length > 0 && chosen === '') {
    return `适用：${material.situations.map((id) => situations.find((s) => s.id === id)?.name ?? id).join('、')}`;
  }
  return material.required ? '必须' : '如有则带';
}
