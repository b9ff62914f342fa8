import { randomInt, randomUUID } from 'node:crypto';
import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { enqueueNotice } from '../notices/index.ts';
import { findOrg } from '../org/index.ts';
import { usePhoneCode } from '../queue/index.ts';
import { findStaffFacts, listStaffFacts } from '../staff/index.ts';
import { businessDateOf, instantAt, type BusinessDate } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { maskPhone } from '../../shared/identity.ts';
import { ANSWER_DAYS_DEFAULT, complaintWarning, DECIDE_WORKING_DAYS, stageDueOf } from './deadlines.rules.ts';
import { complaintErrors } from './errors.ts';
import * as repo from './repo.ts';
import type { ComplaintDetailView, ComplaintListQuery, ComplaintView, PublicComplaintBody, TranscribeBody } from './schemas.ts';
import {
  allowedActs,
  canSee,
  COMPLAINT_ACT_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  nextStatus,
  type ComplaintAct,
  type ComplaintChannel,
  type ComplaintKind,
  type ComplaintStatus,
} from './transitions.rules.ts';

/** 查询码: 10 characters without look-alikes (no I, O, 0, 1), about 50 bits — not guessable. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const drawTrackingCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)]).join('');

type Filed = { id: string; trackingCode: string };

interface Filing {
  filedBy: string;
  filedOrg: { id: string; kind: string; parentId: string | null };
  channel: ComplaintChannel;
  kind: ComplaintKind;
  content: string;
  workOrderNo: string | null;
  name: string | null;
  phone: string | null;
  caseNo: string | null;
  subject: { id: string; role: string } | null;
  about: string | null;
}

/** Registers the complaint: its handling org (the county for a complaint about a director) and its decision deadline. */
async function insertFiling(tx: Tx, filing: Filing, now: Date): Promise<Filed & { orgId: string }> {
  const isAboutDirector = filing.subject?.role === 'director' && filing.filedOrg.kind === 'township';
  const orgId = isAboutDirector && filing.filedOrg.parentId ? filing.filedOrg.parentId : filing.filedOrg.id;
  const today = businessDateOf(now);
  const calendar = await loadWorkCalendar(tx, orgId);
  const decideDueOn = calendar.add(today, DECIDE_WORKING_DAYS);
  const { warning, nextWarningOn } = complaintWarning(calendar, decideDueOn, today);
  const id = randomUUID();
  const trackingCode = drawTrackingCode();
  await repo.insertComplaint(
    tx,
    {
      id,
      filedBy: filing.filedBy,
      orgId,
      filedOrgId: filing.filedOrg.id,
      trackingCode,
      kind: filing.kind,
      channel: filing.channel,
      workOrderNo: filing.workOrderNo,
      content: filing.content,
      complainantName: filing.name,
      complainantPhone: filing.phone,
      caseNo: filing.caseNo,
      subjectStaffId: filing.subject?.id ?? null,
      subjectText: filing.about,
      receivedOn: today,
      decideDueOn,
      warning,
      nextWarningAt: nextWarningOn === null ? null : instantAt(nextWarningOn, '00:00'),
    },
    now,
  );
  return { id, trackingCode, orgId };
}

/** 网上投诉: anonymous, or real-name with the phone's SMS code (checked once here). */
export async function filePublicComplaint(
  tx: Tx,
  center: { id: string; kind: string; parentId: string | null; name: string },
  body: PublicComplaintBody,
  now: Date,
): Promise<Change<Filed>> {
  if (body.phone !== undefined && body.code !== undefined) await usePhoneCode(tx, center.id, body.phone, body.code, now);
  const filed = await insertFiling(
    tx,
    {
      filedBy: body.phone ? (body.name ?? '群众') : '匿名群众',
      filedOrg: center,
      channel: 'portal',
      kind: body.kind,
      content: body.content,
      workOrderNo: null,
      name: body.phone ? (body.name ?? null) : null,
      phone: body.phone ?? null,
      caseNo: body.caseNo ?? null,
      subject: null,
      about: body.about ?? null,
    },
    now,
  );
  return {
    status: 201,
    body: { id: filed.id, trackingCode: filed.trackingCode },
    audit: {
      action: 'complaint.file',
      targetType: 'complaint',
      targetId: filed.id,
      orgId: filed.orgId,
      summary: { kind: body.kind, channel: 'portal' },
    },
  };
}

/** 意见箱 / 效能投诉电话 / 12345·8890 work order entered by staff, filed with the staff member's center (or one in scope). */
export async function transcribeComplaint(tx: Tx, actor: Principal, body: TranscribeBody, now: Date): Promise<Change<Filed>> {
  const orgId = body.orgId ?? actor.orgId;
  const org = actor.scopeOrgIds.includes(orgId) ? await findOrg(tx, orgId) : null;
  if (!org || org.kind === 'village') throw new DomainError(complaintErrors.COMPLAINT_ORG_NOT_FOUND, '请选择本级或下级的服务中心。');
  let subject: { id: string; role: string } | null = null;
  if (body.subjectStaffId !== undefined) {
    const facts = await findStaffFacts(tx, body.subjectStaffId);
    if (!facts || !actor.scopeOrgIds.includes(facts.orgId)) {
      throw new DomainError(complaintErrors.COMPLAINT_STAFF_NOT_FOUND, '未找到被投诉的工作人员。');
    }
    subject = { id: facts.id, role: facts.role };
  }
  const filed = await insertFiling(
    tx,
    {
      filedBy: actor.name,
      filedOrg: { id: org.id, kind: org.kind, parentId: org.parentId },
      channel: body.channel,
      kind: body.kind,
      content: body.content,
      workOrderNo: body.workOrderNo ?? null,
      name: body.name ?? null,
      phone: body.phone ?? null,
      caseNo: body.caseNo ?? null,
      subject,
      about: body.about ?? null,
    },
    now,
  );
  return {
    status: 201,
    body: { id: filed.id, trackingCode: filed.trackingCode },
    audit: {
      action: 'complaint.file',
      targetType: 'complaint',
      targetId: filed.id,
      orgId: filed.orgId,
      summary: { kind: body.kind, channel: body.channel, ...(body.workOrderNo ? { workOrderNo: body.workOrderNo } : {}) },
    },
  };
}

async function namesOf(tx: Tx, records: readonly repo.ComplaintRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(records.flatMap((record) => [record.subjectStaffId, record.assigneeStaffId]).filter((id) => id !== null))];
  const staff = await listStaffFacts(tx, ids);
  const names = new Map(staff.map((person) => [person.id, person.name]));
  for (const orgId of new Set(records.map((record) => record.orgId))) {
    const org = await findOrg(tx, orgId);
    names.set(orgId, org?.name ?? '');
  }
  return names;
}

function toView(record: repo.ComplaintRecord, actor: Principal, names: Map<string, string>): ComplaintView {
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    id: record.id,
    trackingCode: record.trackingCode,
    orgId: record.orgId,
    orgName: names.get(record.orgId) ?? '',
    kind: record.kind,
    channel: record.channel,
    workOrderNo: record.workOrderNo,
    content: record.content,
    complainantName: record.complainantName,
    complainantPhone: record.complainantPhone === null ? null : maskPhone(record.complainantPhone),
    isAnonymous: record.complainantPhone === null && record.complainantName === null,
    caseNo: record.caseNo,
    subjectName: name(record.subjectStaffId),
    about: record.subjectText,
    assigneeName: name(record.assigneeStaffId),
    status: record.status,
    statusLabel: COMPLAINT_STATUS_LABELS[record.status],
    receivedOn: record.receivedOn,
    decideDueOn: record.decideDueOn,
    acceptedOn: record.acceptedOn,
    answerDueOn: record.answerDueOn,
    refusalReason: record.refusalReason,
    finding: record.finding,
    verdict: record.verdict,
    disposal: record.disposal,
    answer: record.answer,
    answeredOn: record.answeredOn,
    rating: record.rating,
    warning: record.warning,
    allowedActs: allowedActs({ staffId: actor.staffId, role: actor.role }, record),
    version: record.version,
  };
}

/** 'YYYY-MM' → the first day of the following month (the list's exclusive upper bound). */
function firstOfNextMonth(month: string): string {
  const [year = 0, number = 0] = month.split('-').map(Number);
  return number === 12 ? `${String(year + 1)}-01-01` : `${String(year)}-${String(number + 1).padStart(2, '0')}-01`;
}

const OPEN: readonly ComplaintStatus[] = ['received', 'investigating', 'disposing'];

/** The complaints a staff member may see (never those about them; a clerk only those assigned to them). */
export async function listComplaintsFor(tx: Tx, actor: Principal, query: ComplaintListQuery): Promise<ComplaintView[]> {
  const month = query.month ? { from: `${query.month}-01`, to: firstOfNextMonth(query.month) } : null;
  const statuses = query.status === 'all' ? null : query.status === 'open' ? OPEN : COMPLAINT_STATUSES.filter((s) => s === query.status);
  const records = await repo.listComplaints(tx, actor.scopeOrgIds, {
    viewerId: actor.staffId,
    assignedTo: actor.role === 'window_staff' ? actor.staffId : null,
    statuses,
    kind: query.kind ?? null,
    month,
    limit: query.limit,
  });
  const names = await namesOf(tx, records);
  return records.map((record) => toView(record, actor, names));
}

/** One complaint, or 404 alike for another tenant's, one about the viewer, or one not assigned to a clerk. */
async function loadVisible(tx: Tx, actor: Principal, id: string, lock = false): Promise<repo.ComplaintRecord> {
  const record = await repo.findComplaint(tx, id, lock);
  if (!record || !actor.scopeOrgIds.includes(record.orgId) || !canSee({ staffId: actor.staffId, role: actor.role }, record)) {
    throw new DomainError(complaintErrors.COMPLAINT_NOT_FOUND, '未找到该投诉。');
  }
  return record;
}

export async function complaintDetail(tx: Tx, actor: Principal, id: string): Promise<ComplaintDetailView> {
  const record = await loadVisible(tx, actor, id);
  const events = await repo.listComplaintEvents(tx, id);
  return {
    ...toView(record, actor, await namesOf(tx, [record])),
    events: events.map((event) => ({ ...event, at: new Date(event.at).toISOString() })),
  };
}

export type ActInput =
  | { act: 'accept'; version: number; assigneeStaffId?: string | undefined }
  | { act: 'refuse'; version: number; reason: string }
  | { act: 'investigate'; version: number; finding: string; verdict: 'true' | 'partly' | 'false'; disposal: string }
  | { act: 'answer'; version: number; answer: string }
  | { act: 'archive'; version: number };

/** The fields an act sets, and what its event records. */
async function patchOf(
  tx: Tx,
  record: repo.ComplaintRecord,
  input: ActInput,
  today: BusinessDate,
  now: Date,
): Promise<{ patch: repo.ComplaintPatch; payload: Record<string, unknown> }> {
  switch (input.act) {
    case 'accept': {
      let assignee: string | null = null;
      if (input.assigneeStaffId !== undefined) {
        const facts = await findStaffFacts(tx, input.assigneeStaffId);
        // The person complained about never handles the complaint.
        if (!facts || facts.orgId !== record.orgId || facts.status !== 'active' || facts.id === record.subjectStaffId) {
          throw new DomainError(complaintErrors.COMPLAINT_STAFF_NOT_FOUND, '承办人须为本中心在岗工作人员，且不能是被投诉人。');
        }
        assignee = facts.id;
      }
      const calendar = await loadWorkCalendar(tx, record.orgId);
      const answerDueOn = calendar.add(today, (await repo.findAnswerDays(tx, record.orgId)) ?? ANSWER_DAYS_DEFAULT);
      return { patch: { acceptedOn: today, answerDueOn, assigneeStaffId: assignee }, payload: { answerDueOn } };
    }
    case 'refuse':
      return { patch: { refusalReason: input.reason }, payload: { reason: input.reason } };
    case 'investigate':
      // seeds: 经查实的，要快速进行责任追究 — 属实 and 部分属实 are counted against the person complained about.
      if (input.verdict !== 'false') {
        await repo.insertAccountability(
          tx,
          { complaintId: record.id, orgId: record.orgId, staffId: record.subjectStaffId, verdict: input.verdict, recordedOn: today },
          now,
        );
      }
      return {
        patch: { finding: input.finding, verdict: input.verdict, disposal: input.disposal },
        payload: { verdict: input.verdict },
      };
    case 'answer':
      if (record.complainantPhone !== null) {
        await enqueueNotice(
          tx,
          {
            orgId: record.orgId,
            caseId: null,
            recipient: record.complainantPhone,
            message: `【一站】您反映的问题（查询码 ${record.trackingCode}）已有答复：${input.answer.slice(0, 200)} 可凭查询码查看并评价。`,
          },
          now,
        );
      }
      return { patch: { answer: input.answer, answeredOn: today }, payload: { isSent: record.complainantPhone !== null } };
    case 'archive':
      return { patch: { archivedAt: now }, payload: {} };
  }
}

/** One act of the flow: version checked, the stage moved, the deadline graded again, the event appended. */
export async function actOnComplaint(tx: Tx, actor: Principal, id: string, input: ActInput, now: Date): Promise<Change<ComplaintView>> {
  const record = await loadVisible(tx, actor, id, true);
  if (input.version !== record.version) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion: record.version });
  }
  const allowed = allowedActs({ staffId: actor.staffId, role: actor.role }, record);
  const next = nextStatus(record.status, input.act);
  if (next === null || !allowed.includes(input.act)) {
    const names = allowed.map((act: ComplaintAct) => COMPLAINT_ACT_LABELS[act]).join('、') || '无';
    throw new DomainError(
      complaintErrors.COMPLAINT_ACT_NOT_ALLOWED,
      `投诉处于“${COMPLAINT_STATUS_LABELS[record.status]}”阶段，不能${COMPLAINT_ACT_LABELS[input.act]}。您现在可以：${names}。`,
      { allowedActs: allowed },
    );
  }
  const today = businessDateOf(now);
  const { patch, payload } = await patchOf(tx, record, input, today, now);
  const calendar = await loadWorkCalendar(tx, record.orgId);
  const due = stageDueOf({ status: next, decideDueOn: record.decideDueOn, answerDueOn: patch.answerDueOn ?? record.answerDueOn });
  const { warning, nextWarningOn } = complaintWarning(calendar, due, today);
  const nextWarningAt = nextWarningOn === null ? null : instantAt(nextWarningOn, '00:00');
  if (!(await repo.updateComplaint(tx, id, record.version, { ...patch, status: next, warning, nextWarningAt }, now))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion: record.version + 1 });
  }
  await repo.appendComplaintEvent(tx, { complaintId: id, orgId: record.orgId, act: input.act, actorName: actor.name, at: now, payload });
  const updated = await repo.findComplaint(tx, id);
  if (!updated) throw new Error('complaint vanished');
  return {
    body: toView(updated, actor, await namesOf(tx, [updated])),
    audit: {
      action: `complaint.${input.act}`,
      targetType: 'complaint',
      targetId: id,
      orgId: record.orgId,
      summary: { trackingCode: record.trackingCode, status: next },
    },
  };
}
