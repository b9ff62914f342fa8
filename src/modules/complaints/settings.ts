import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { findOrg } from '../org/index.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { ANSWER_DAYS_DEFAULT } from './deadlines.rules.ts';
import { complaintErrors } from './errors.ts';
import * as repo from './repo.ts';

/** 答复时限 of a center (ADR 0027): working days from 受理 to 反馈; 15 until the center sets its own. */
export interface ComplaintSettings {
  orgId: string;
  answerDays: number;
  version: number;
}

async function centerInScope(tx: Tx, actor: Principal, orgId: string): Promise<void> {
  const org = actor.scopeOrgIds.includes(orgId) ? await findOrg(tx, orgId) : null;
  if (!org || org.kind === 'village') throw new DomainError(complaintErrors.COMPLAINT_ORG_NOT_FOUND, '请选择本级或下级的服务中心。');
}

export async function settingsOf(tx: Tx, actor: Principal, orgId: string): Promise<ComplaintSettings> {
  await centerInScope(tx, actor, orgId);
  const saved = await repo.findSettings(tx, orgId);
  return { orgId, answerDays: saved?.answerDays ?? ANSWER_DAYS_DEFAULT, version: saved?.version ?? 0 };
}

export async function saveSettings(
  tx: Tx,
  actor: Principal,
  orgId: string,
  body: { answerDays: number; version: number },
  now: Date,
): Promise<Change<ComplaintSettings>> {
  const current = await settingsOf(tx, actor, orgId);
  if (body.version !== current.version || !(await repo.saveSettings(tx, orgId, body.answerDays, body.version, now))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '设置已被他人修改，请刷新后重试。', { currentVersion: current.version });
  }
  return {
    body: { orgId, answerDays: body.answerDays, version: body.version + 1 },
    audit: { action: 'complaint.settings', targetType: 'org', targetId: orgId, orgId, summary: { answerDays: body.answerDays } },
  };
}
