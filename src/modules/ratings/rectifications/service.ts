import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { businessDateOf, type BusinessDate } from '../../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../../shared/errors.ts';
import { loadWorkCalendar } from '../../calendar/index.ts';
import { listStaffFacts } from '../../staff/index.ts';
import { ratingErrors } from '../errors.ts';
import { RATING_LABELS } from '../indicators.rules.ts';
import * as repo from './repo.ts';
import type { RectificationActBody, RectificationView } from './schemas.ts';
import {
  allowedActs,
  CLASSIFICATION_LABELS,
  dueOfStage,
  nextStage,
  RATER_VIEW_LABELS,
  RECTIFICATION_ACT_LABELS,
  RECTIFICATION_STAGE_LABELS,
  warningOf,
  type ActInput,
  type RaterView,
  type RectificationAct,
} from './transitions.rules.ts';

const HISTORY_LABELS: Record<string, string> = { ...RECTIFICATION_ACT_LABELS, open: '差评生成整改事项', 'rater-view': '评价人评价整改' };

/** 谁办理、谁负责: a 差评 opens the loop at the unit that handled it, 核实 due one working day later. */
export async function openRectification(tx: Tx, rating: { id: string; orgId: string }, now: Date): Promise<string> {
  const calendar = await loadWorkCalendar(tx, rating.orgId);
  const dueOn = dueOfStage('verify', businessDateOf(now), calendar);
  if (dueOn === null) throw new Error('verify has a due date');
  const entry = { act: 'open', by: '系统', at: now.toISOString(), note: '' };
  return repo.insertRectification(tx, { orgId: rating.orgId, ratingId: rating.id, dueOn, entry }, now);
}

export async function toRectificationViews(
  tx: Tx,
  records: readonly repo.RectificationRecord[],
  actor: Principal,
  now: Date,
): Promise<RectificationView[]> {
  const names = new Map(
    (
      await listStaffFacts(
        tx,
        records.flatMap((record) => (record.staffId ? [record.staffId] : [])),
      )
    ).map((staff) => [staff.id, staff.name]),
  );
  const today = businessDateOf(now);
  const views: RectificationView[] = [];
  for (const record of records) {
    const calendar = await loadWorkCalendar(tx, record.orgId);
    const warning = record.stage === 'closed' ? 'none' : warningOf(record.dueOn, today, calendar);
    views.push({
      id: record.id,
      orgId: record.orgId,
      ratingId: record.ratingId,
      caseNo: record.caseNo,
      level: record.level,
      levelLabel: RATING_LABELS[record.level],
      reasons: record.reasons,
      comment: record.comment,
      staffName: record.staffId ? (names.get(record.staffId) ?? null) : null,
      ratedOn: record.ratedOn,
      stage: record.stage,
      stageLabel: RECTIFICATION_STAGE_LABELS[record.stage],
      classification: record.classification,
      classificationLabel: record.classification ? CLASSIFICATION_LABELS[record.classification] : null,
      dueOn: record.dueOn,
      warning,
      warningLabel: { none: '正常', pre: '预警', yellow: '黄牌', red: '红牌（已超期）' }[warning],
      answer: record.answer,
      raterView: record.raterView,
      raterViewLabel: record.raterView ? RATER_VIEW_LABELS[record.raterView] : null,
      history: record.history.map((entry) => ({ ...entry, actLabel: HISTORY_LABELS[entry.act] ?? entry.act })),
      allowedActs: allowedActs(record.stage, actor.role),
      version: record.version,
    });
  }
  return views;
}

export async function loadInScope(tx: Tx, actor: Principal, id: string, isForUpdate = false): Promise<repo.RectificationRecord> {
  const record = await repo.findRectification(tx, id, isForUpdate);
  if (!record || !actor.scopeOrgIds.includes(record.orgId))
    throw new DomainError(ratingErrors.RECTIFICATION_NOT_FOUND, '未找到该整改事项。');
  return record;
}

function inputOf(body: RectificationActBody): ActInput {
  const need = (what: string) => new DomainError(ratingErrors.RECTIFICATION_ACT_INVALID, `请${what}。`);
  switch (body.act) {
    case 'classify':
      if (!body.classification) throw need('选择分类（真实问题 / 解释说明 / 恶意或误评）');
      return { act: 'classify', classification: body.classification };
    case 'decide-appeal':
      if (body.isUpheld === undefined) throw need('选择申诉复核结果（申诉成立 / 不成立）');
      return { act: 'decide-appeal', isUpheld: body.isUpheld };
    case 'record-view':
      if (!body.view) throw need('选择评价人对整改的评价');
      return { act: 'record-view', view: body.view };
    case 'verify':
    case 'rectify':
    case 'answer':
    case 'call-back':
      if (body.note.length < 2) throw need(body.act === 'answer' ? '填写给评价人的答复' : '填写情况说明（至少 2 个字）');
      return { act: body.act };
  }
}

const NOTE_COLUMN = {
  verify: 'verify_note',
  classify: 'classify_note',
  'decide-appeal': 'appeal_note',
  rectify: 'rectify_note',
  answer: 'answer',
  'record-view': 'callback_note',
  'call-back': 'callback_note',
} as const satisfies Record<RectificationAct, string>;

/** One act of the loop: only the act the step waits for, by a role allowed to take it, at the version read. */
export async function actOnRectification(
  tx: Tx,
  actor: Principal,
  id: string,
  body: RectificationActBody,
  now: Date,
): Promise<Change<RectificationView>> {
  const record = await loadInScope(tx, actor, id, true);
  if (body.version !== record.version) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion: record.version });
  }
  const allowed = allowedActs(record.stage, actor.role);
  if (!allowed.includes(body.act)) {
    const names = allowed.map((act) => RECTIFICATION_ACT_LABELS[act]).join('、') || '无';
    throw new DomainError(
      ratingErrors.RECTIFICATION_ACT_REFUSED,
      `该整改事项处于“${RECTIFICATION_STAGE_LABELS[record.stage]}”，您现在可以进行的操作：${names}。`,
      { allowedActs: allowed },
    );
  }
  const input = inputOf(body);
  const stage = nextStage(record.stage, input);
  if (stage === null) throw new Error('allowed act without a next stage');
  const today: BusinessDate = businessDateOf(now);
  const dueOn = dueOfStage(stage, today, await loadWorkCalendar(tx, record.orgId));
  const columns: Parameters<typeof repo.advance>[3]['columns'] = body.note ? { [NOTE_COLUMN[body.act]]: body.note } : {};
  if (input.act === 'classify') columns.classification = input.classification;
  if (input.act === 'decide-appeal') columns.appeal_upheld = input.isUpheld;
  if (input.act === 'record-view') columns.rater_view = input.view;
  const entry = { act: body.act, by: actor.name, at: now.toISOString(), note: body.note };
  if (!(await repo.advance(tx, id, record.version, { stage, dueOn, entry, columns }, now))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion: record.version + 1 });
  }
  const updated = await repo.findRectification(tx, id);
  if (!updated) throw new Error('rectification vanished');
  const [view] = await toRectificationViews(tx, [updated], actor, now);
  if (!view) throw new Error('no view');
  return {
    body: view,
    audit: {
      action: 'ratings.rectification.act',
      targetType: 'rectification',
      targetId: id,
      orgId: record.orgId,
      summary: { act: body.act, stage, ...(input.act === 'classify' ? { classification: input.classification } : {}) },
    },
  };
}

/** The rater's own view of the fix, from the tracking page (the step 待群众评价整改). */
export async function recordRaterView(tx: Tx, record: repo.RectificationRecord, view: RaterView, now: Date): Promise<boolean> {
  if (record.stage !== 'view') return false;
  const dueOn = dueOfStage('callback', businessDateOf(now), await loadWorkCalendar(tx, record.orgId));
  return repo.advance(
    tx,
    record.id,
    record.version,
    {
      stage: 'callback',
      dueOn,
      entry: { act: 'rater-view', by: '评价人', at: now.toISOString(), note: RATER_VIEW_LABELS[view] },
      columns: { rater_view: view },
    },
    now,
  );
}

/** 待办: the open 差评整改 items of a person's scope, due soonest first, and how many there are. */
export async function openRectificationsOf(
  tx: Tx,
  actor: Principal,
  limit: number,
  now: Date,
): Promise<{ count: number; rectifications: RectificationView[] }> {
  const count = await repo.countOpen(tx, actor.scopeOrgIds);
  const rows = count === 0 ? [] : (await repo.listRectifications(tx, actor.scopeOrgIds, 'open')).slice(0, limit);
  return { count, rectifications: await toRectificationViews(tx, rows, actor, now) };
}
