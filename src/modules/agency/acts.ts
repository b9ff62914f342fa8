import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { openCase, type AgentCaseChange } from '../cases/index.ts';
import { findStoredFile } from '../files/index.ts';
import { listAgentsOfVillage } from '../staff/index.ts';
import { agencyErrors } from './errors.ts';
import { AGENCY_STATUS_LABELS, AGENT_ACTS, ALLOWED_ACTS, legDue, WINDOW_ROLES, type AgencyStatus } from './legs.rules.ts';
import type { AgencyDeps } from './ports.ts';
import * as repo from './repo.ts';
import type { ActBodies, AgencyAct, AgencyRequestView } from './schemas.ts';
import type { z } from 'zod';
import { legLimitsFor, loadRequestInScope, viewRequest } from './service.ts';
import { deviceInstant } from './device-time.ts';
import { EVENT_LABELS } from './view.ts';
import { clockPatch, recordLatenessOfDone } from './clock.ts';

type Body<A extends AgencyAct> = z.infer<(typeof ActBodies)[A]>;

interface Decision {
  status?: AgencyStatus;
  patch: repo.RequestPatch;
  data: Record<string, unknown>;
}

/** Case statuses after which the result (a decision, a refusal, a withdrawal, an end on a false commitment) goes back to the village. */
const RESULT_STATUSES = new Set(['concluded', 'delivered', 'closed', 'refused', 'withdrawn', 'terminated', 'revoked']);

function assertMayAct(actor: Principal, record: repo.AgencyRecord, act: AgencyAct): void {
  const allowed = ALLOWED_ACTS[record.status];
  if (!allowed.includes(act)) {
    const names = allowed.map((name) => EVENT_LABELS[name] ?? name).join('、') || '无';
    throw new DomainError(
      agencyErrors.AGENCY_ACT_NOT_ALLOWED,
      `代办件${AGENCY_STATUS_LABELS[record.status]}，不能${EVENT_LABELS[act] ?? act}。当前可进行：${names}。`,
      {
        allowedActs: allowed,
      },
    );
  }
  if (AGENT_ACTS.has(act)) {
    if (actor.role !== 'agent') throw new DomainError(commonErrors.FORBIDDEN, `${EVENT_LABELS[act] ?? act}由持有该代办件的村代办员办理。`);
    if (record.agentId !== actor.staffId) {
      throw new DomainError(agencyErrors.AGENCY_NOT_HOLDER, `该代办件已改由 ${record.agentName} 办理，您的操作未执行。`);
    }
  } else if (!WINDOW_ROLES.has(actor.role)) {
    throw new DomainError(commonErrors.FORBIDDEN, `${EVENT_LABELS[act] ?? act}由乡镇便民服务中心窗口办理。`);
  }
}

async function decide(
  tx: Tx,
  actor: Principal,
  record: repo.AgencyRecord,
  act: AgencyAct,
  body: Body<AgencyAct>,
  now: Date,
  deps: AgencyDeps,
  auditKey: string,
): Promise<Decision> {
  const today = businessDateOf(now);
  switch (act) {
    case 'forward': {
      const { scanned, note } = body as Body<'forward'>;
      // The folder is at the township now: its window's receipt runs on the clock from today.
      const limits = await legLimitsFor(tx, record.orgId);
      const receiveDueOn = legDue(await deps.cases.calendarFor(tx, record.townshipId), today, limits.receiveDays);
      return {
        status: 'forwarded',
        patch: { forwardedAt: now, forwardedOn: today, receiveDueOn },
        data: { scanned, note, dueOn: record.forwardDueOn, receiveDueOn },
      };
    }
    case 'receive': {
      const { scanned, materials: checked } = body as Body<'receive'>;
      if (actor.orgId !== record.townshipId) throw new DomainError(commonErrors.FORBIDDEN, '代办件由本村所属乡镇的便民服务中心接收。');
      const materials = record.materials.map((material) => ({
        ...material,
        received: checked?.find((m) => m.name === material.name)?.received ?? material.received,
      }));
      const opened = await openCase(
        tx,
        actor,
        {
          itemCode: record.itemCode,
          applicant: {
            type: record.applicantType,
            name: record.applicantName,
            idNumber: record.applicantIdNumber,
            phone: record.applicantPhone,
            address: record.applicantAddress,
          },
          channel: 'agent',
          situations: record.situations,
          materials: materials.map((material) => ({
            name: material.name,
            received: material.received,
            byCommitment: false,
            ...(material.fileId ? { fileId: material.fileId } : {}),
          })),
        },
        now,
        deps.cases,
        auditKey,
      );
      // A folder handed straight to the window without a 报送 first was forwarded, and received, at that moment.
      const forwarded = record.forwardedAt === null ? { forwardedAt: now, forwardedOn: today, receiveDueOn: today } : {};
      return {
        status: 'received',
        patch: {
          ...forwarded,
          receivedAt: now,
          caseId: opened.body.id,
          caseNo: opened.body.caseNo,
          caseStatus: opened.body.status,
          // The township's handling runs on the case's clock: until it is accepted, the 5 working days to decide (第32条).
          caseDueOn: opened.body.decisionDueOn,
          materials,
        },
        data: { scanned, caseNo: opened.body.caseNo, materialsReceived: materials.filter((m) => m.received).map((m) => m.name) },
      };
    }
    case 'return': {
      const { scanned, note } = body as Body<'return'>;
      const limits = await legLimitsFor(tx, record.orgId);
      const calendar = await deps.cases.calendarFor(tx, record.townshipId);
      const notifyDueOn = legDue(calendar, today, limits.notifyDays);
      return {
        status: 'returned',
        patch: { returnedAt: now, returnedOn: today, notifyDueOn },
        data: { scanned, note, notifyDueOn },
      };
    }
    case 'notify': {
      const { method, notifiedAt, deviceTime } = body as Body<'notify'>;
      const at = deviceInstant(notifiedAt, now, record.returnedAt, '告知时间应在结果返还到村之后、当前时间之前。');
      return {
        status: 'notified',
        patch: { notifiedAt: at, notifiedOn: businessDateOf(at), notifyMethod: method },
        data: { method, notifiedAt: at.toISOString(), ...(deviceTime === undefined ? {} : { deviceTime }) },
      };
    }
    case 'sign': {
      const { signatureFileId, satisfaction, signedAt, deviceTime } = body as Body<'sign'>;
      const file = await findStoredFile(tx, signatureFileId);
      const isImageOfVillage = file?.orgId === record.orgId && (file.mediaType === 'image/png' || file.mediaType === 'image/jpeg');
      if (!isImageOfVillage) {
        throw new DomainError(agencyErrors.AGENCY_INVALID, '签名图片不存在或不是图片，请让申请人重新签名。');
      }
      const at = deviceInstant(signedAt, now, record.notifiedAt, '签收时间应在告知申请人之后、当前时间之前。');
      return {
        status: 'signed',
        patch: { signedAt: at, signatureFileId, satisfaction },
        data: { satisfaction, signedAt: at.toISOString(), ...(deviceTime === undefined ? {} : { deviceTime }) },
      };
    }
    case 'collect-fee': {
      const { amountFen, receiptNo } = body as Body<'collect-fee'>;
      if (record.feeFen !== null)
        throw new DomainError(
          agencyErrors.AGENCY_FEE_RECORDED,
          `已于 ${record.feeCollectedAt?.toISOString() ?? ''} 登记代收费用（票据号 ${record.feeReceiptNo ?? ''}）。`,
        );
      return { patch: { feeFen: amountFen, feeReceiptNo: receiptNo, feeCollectedAt: now }, data: { amountFen, receiptNo } };
    }
    case 'reassign': {
      const { agentId, reason } = body as Body<'reassign'>;
      const agent = (await listAgentsOfVillage(tx, record.orgId)).find((candidate) => candidate.id === agentId);
      if (!agent) throw new DomainError(agencyErrors.AGENCY_AGENT_NOT_FOUND, '该人员不是本村在岗的代办员。');
      return { patch: { agentId }, data: { from: record.agentName, to: agent.name, reason } };
    }
  }
}

/** One act on a request: holder and state checked, version compared, the event appended, all in the caller's transaction. */
export async function actOnRequest(
  tx: Tx,
  actor: Principal,
  id: string,
  act: AgencyAct,
  body: Body<AgencyAct>,
  now: Date,
  deps: AgencyDeps,
  auditKey: string,
): Promise<Change<AgencyRequestView>> {
  const record = await loadRequestInScope(tx, actor, id, true);
  // The holder check comes before the version check: an agent's queued act on a request taken over by
  // someone else must say so, not merely that the data changed.
  if (AGENT_ACTS.has(act) && actor.role === 'agent' && record.agentId !== actor.staffId) assertMayAct(actor, record, act);
  if (body.version !== record.version) throw await versionConflict(tx, 'agency_requests', record.id);
  assertMayAct(actor, record, act);
  const decision = await decide(tx, actor, record, act, body, now, deps, auditKey);
  const patch: repo.RequestPatch = { ...decision.patch, ...(decision.status ? { status: decision.status } : {}) };
  const calendar = await deps.cases.calendarFor(tx, record.townshipId);
  const after: repo.AgencyRecord = { ...record, ...patch };
  Object.assign(patch, clockPatch(calendar, record, after, businessDateOf(now), now));
  if (!(await repo.updateRequest(tx, id, record.version, patch, now))) {
    throw await versionConflict(tx, 'agency_requests', record.id);
  }
  await recordLatenessOfDone(tx, calendar, record, after, now);
  await repo.appendEvent(tx, id, record.orgId, { kind: act, at: now, actorId: actor.staffId, actorName: actor.name, data: decision.data });
  const updated = await repo.findRequest(tx, id);
  if (!updated) throw new Error('request vanished');
  return {
    body: await viewRequest(tx, actor, updated, deps, now),
    audit: {
      action: `agency.${act}`,
      targetType: 'agency_request',
      targetId: id,
      orgId: record.orgId,
      // The case a receipt opened is named, so that its first event can be traced to this record (R9).
      summary: {
        requestNo: record.requestNo,
        from: record.status,
        to: updated.status,
        ...(act === 'receive' ? { caseId: updated.caseId } : {}),
      },
    },
  };
}

/**
 * Told of every change to a case opened from a request (cases/ports.ts onAgentCaseChanged): the
 * township's own leg runs against the case's due date; a 补正 notice travels back through the agent;
 * once the result is there, the 返还 leg starts.
 */
export async function followAgentCase(tx: Tx, change: AgentCaseChange, deps: AgencyDeps): Promise<void> {
  const record = await repo.findRequestByCase(tx, change.caseId);
  if (!record) return;
  const patch: repo.RequestPatch = {
    caseStatus: change.status,
    // No due date from the case: its clock stopped (补正, special procedure, at the county), so the leg
    // waits; once the case has its result, the due date it was held to stays for 按期 of the leg.
    caseDueOn: (change.dueOn as repo.AgencyRecord['caseDueOn']) ?? (RESULT_STATUSES.has(change.status) ? record.caseDueOn : null),
    supplementNotice: change.supplement
      ? { at: change.at.toISOString(), ...change.supplement }
      : change.status === 'supplement_requested'
        ? record.supplementNotice
        : null,
  };
  const today = businessDateOf(change.at);
  const calendar = await deps.cases.calendarFor(tx, record.townshipId);
  if (record.status === 'received' && RESULT_STATUSES.has(change.status)) {
    const limits = await legLimitsFor(tx, record.orgId);
    patch.status = 'concluded';
    patch.concludedAt = change.at;
    patch.concludedOn = today;
    patch.returnDueOn = legDue(calendar, today, limits.returnDays);
  }
  Object.assign(patch, clockPatch(calendar, record, { ...record, ...patch }, today, change.at));
  await repo.updateRequest(tx, record.id, record.version, patch, change.at);
  await repo.appendEvent(tx, record.id, record.orgId, {
    kind: 'case-changed',
    at: change.at,
    actorId: null,
    actorName: '乡镇便民服务中心',
    data: {
      caseNo: record.caseNo,
      caseStatus: change.status,
      dueOn: change.dueOn,
      ...(change.supplement ? { supplement: change.supplement } : {}),
    },
  });
}
