import { SYSTEM_SCOPE, type Db, type Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { isAllowed } from '../../../kernel/permissions.rules.ts';
import { businessDateOf, isBusinessDate, type BusinessDate } from '../../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../../shared/errors.ts';
import { appendAuditRecord } from '../../audit/index.ts';
import { loadWorkCalendar } from '../../calendar/index.ts';
import { findOrderTarget } from '../../cases/index.ts';
import { countFilesOf } from '../../files/index.ts';
import { findDepartment, findOrg } from '../../org/index.ts';
import { findStaffFacts } from '../../staff/index.ts';
import { orderErrors } from './errors.ts';
import * as repo from './repo.ts';
import {
  allowedOrderActs,
  isOwnerOf,
  isSupervisable,
  nextCheckAt,
  nextOrderStatus,
  ORDER_ACT_LABELS,
  ORDER_DAYS_DEFAULT,
  ORDER_STATUS_LABELS,
  orderNumberOf,
  type OrderAct,
  type OrderViewer,
} from './rules.ts';
import type { OrderNoticeData } from './notice.rules.ts';
import type { OrderAnswerBody, OrderIssueBody, OrderListQuery, OrderReviewBody, OrderView } from './schemas.ts';

export function viewerOf(actor: Principal): OrderViewer {
  return {
    staffId: actor.staffId,
    orgId: actor.orgId,
    canSupervise: isAllowed('supervision.order', actor.role),
    canHandle: isAllowed('case.handle', actor.role),
    isDirector: actor.role === 'director',
  };
}

const iso = (at: Date | null): string | null => (at === null ? null : new Date(at).toISOString());

export function toOrderView(order: repo.OrderRecord, actor: Principal): OrderView {
  const { addresseeDepartmentId: _department, issuedById: _issuer, ...rest } = order;
  return {
    ...rest,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    escalatedAt: iso(order.escalatedAt),
    answeredAt: iso(order.answeredAt),
    reviewedAt: iso(order.reviewedAt),
    allowedActs: allowedOrderActs(order, viewerOf(actor)),
  };
}

function stale(currentVersion: number): DomainError {
  return new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion });
}

/** The addressee as stored: the holder (of the case or step), a staff member of the township, or one of its units. */
async function addresseeOf(
  tx: Tx,
  body: OrderIssueBody['addressee'],
  target: { orgId: string; holderId: string | null },
): Promise<{ kind: OrderIssueBody['addressee']['kind']; staffId: string | null; departmentId: string | null; name: string }> {
  if (body.kind === 'unit') {
    const department = await findDepartment(tx, body.departmentId);
    if (department?.orgId !== target.orgId) throw new DomainError(orderErrors.ORDER_ADDRESSEE_INVALID, '该部门不属于办件所在的中心。');
    return { kind: 'unit', staffId: null, departmentId: department.id, name: department.name };
  }
  const staffId = body.kind === 'staff' ? body.staffId : target.holderId;
  if (staffId === null) throw new DomainError(orderErrors.ORDER_ADDRESSEE_INVALID, '该办件目前没有经办人，请指定督办的工作人员或部门。');
  const staff = await findStaffFacts(tx, staffId);
  if (staff?.orgId !== target.orgId || staff.status !== 'active') {
    throw new DomainError(orderErrors.ORDER_ADDRESSEE_INVALID, '督办对象须是办件所在中心的在岗工作人员。');
  }
  return { kind: body.kind, staffId: staff.id, departmentId: null, name: staff.name };
}

/** 下发督办: on a yellow or red case or step in the issuer's scope; due by a date or N working days of its center. */
export async function issueOrder(tx: Tx, actor: Principal, body: OrderIssueBody, now: Date): Promise<Change<OrderView>> {
  if (body.targetKind !== 'case' && body.targetKind !== 'step') {
    throw new DomainError(orderErrors.ORDER_TARGET_UNSUPPORTED, '目前只能督办办件或其办理步骤。');
  }
  const stepId = body.targetKind === 'step' ? (body.stepId ?? null) : null;
  if (body.targetKind === 'step' && stepId === null) throw new DomainError(orderErrors.ORDER_TARGET_NOT_FOUND, '督办步骤须指定 stepId。');
  const target = await findOrderTarget(tx, body.caseId, stepId);
  if (!target || !actor.scopeOrgIds.includes(target.orgId)) throw new DomainError(orderErrors.ORDER_TARGET_NOT_FOUND);
  if (!isSupervisable(target.warning)) {
    throw new DomainError(orderErrors.ORDER_TARGET_NOT_LATE, `该${target.step ? '步骤' : '办件'}未超期（无黄牌、红牌），不能督办。`);
  }
  const today = businessDateOf(now);
  const calendar = await loadWorkCalendar(tx, target.orgId);
  let dueOn: BusinessDate;
  if (body.dueOn !== undefined) {
    if (!isBusinessDate(body.dueOn) || body.dueOn <= today)
      throw new DomainError(orderErrors.ORDER_DUE_INVALID, '督办期限须是今天之后的日期。');
    dueOn = body.dueOn;
  } else {
    dueOn = calendar.add(today, body.days ?? ORDER_DAYS_DEFAULT);
  }
  const addressee = await addresseeOf(tx, body.addressee, target);
  const serial = await repo.nextOrderSerial(tx, target.orgId, Number(today.slice(0, 4)));
  const order: repo.NewOrder = {
    orgId: target.orgId,
    orderNo: orderNumberOf(Number(today.slice(0, 4)), serial),
    targetKind: target.step ? 'step' : 'case',
    caseId: target.caseId,
    stepId: target.step?.id ?? null,
    targetLabel: `${target.caseNo} ${target.itemName}${target.step ? `（${target.step.name}）` : ''}`,
    targetWarning: target.warning,
    instruction: body.instruction,
    addresseeKind: addressee.kind,
    addresseeStaffId: addressee.staffId,
    addresseeDepartmentId: addressee.departmentId,
    addresseeName: addressee.name,
    dueOn,
    issuedById: actor.staffId,
    issuedBy: actor.name,
    issuedOn: today,
  };
  const id = await repo.insertOrder(tx, order, nextCheckAt({ status: 'open', dueOn, isOverdue: false }), now);
  const stored = await repo.findOrder(tx, id);
  if (!stored) throw new Error('supervision order vanished');
  return {
    status: 201,
    body: toOrderView(stored, actor),
    audit: {
      action: 'supervision.order.issue',
      targetType: 'supervision_order',
      targetId: id,
      orgId: target.orgId,
      summary: { orderNo: order.orderNo, caseNo: target.caseNo, addressee: addressee.name, dueOn },
    },
  };
}

async function loadOrder(tx: Tx, actor: Principal, id: string): Promise<repo.OrderRecord> {
  const order = await repo.findOrder(tx, id, true);
  if (!order || !actor.scopeOrgIds.includes(order.orgId)) throw new DomainError(orderErrors.ORDER_NOT_FOUND);
  return order;
}

/** Refuses an act the state or the person does not allow, naming what is allowed. */
function checkAct(order: repo.OrderRecord, actor: Principal, act: OrderAct, version: number): repo.OrderRecord['status'] {
  if (version !== order.version) throw stale(order.version);
  const next = nextOrderStatus(order.status, act);
  if ('refused' in next) {
    const allowed = next.refused.map((other) => ORDER_ACT_LABELS[other]).join('、') || '无';
    throw new DomainError(
      orderErrors.ORDER_ACT_REFUSED,
      `督办单“${ORDER_STATUS_LABELS[order.status]}”，不能${ORDER_ACT_LABELS[act]}（可进行：${allowed}）。`,
      { allowedActs: allowedOrderActs(order, viewerOf(actor)) },
    );
  }
  if (act === 'answer' && !isOwnerOf(order, viewerOf(actor))) throw new DomainError(orderErrors.ORDER_NOT_OWNER);
  if (act !== 'answer' && !viewerOf(actor).canSupervise)
    throw new DomainError(commonErrors.FORBIDDEN, '只有监察、县中心或中心主任可以审核回告。');
  return next.status;
}

async function changed(
  tx: Tx,
  actor: Principal,
  order: repo.OrderRecord,
  audit: { action: string },
  summary: Record<string, unknown>,
): Promise<Change<OrderView>> {
  const updated = await repo.findOrder(tx, order.id);
  if (!updated) throw new Error('supervision order vanished');
  return {
    body: toOrderView(updated, actor),
    audit: {
      ...audit,
      targetType: 'supervision_order',
      targetId: order.id,
      orgId: order.orgId,
      summary: { orderNo: order.orderNo, ...summary },
    },
  };
}

/** 整改回告 by the owner: the text, and optionally a file the owner's center uploaded. */
export async function answerOrder(tx: Tx, actor: Principal, id: string, body: OrderAnswerBody, now: Date): Promise<Change<OrderView>> {
  const order = await loadOrder(tx, actor, id);
  const status = checkAct(order, actor, 'answer', body.version);
  if (body.fileId !== undefined && (await countFilesOf(tx, [order.orgId], [body.fileId])) !== 1) {
    throw new DomainError(commonErrors.VALIDATION_FAILED, '附件不存在或不属于本中心。');
  }
  const fields = {
    status,
    answerText: body.text,
    answerFileId: body.fileId ?? null,
    answeredBy: actor.name,
    answeredAt: now,
    nextCheckAt: null,
  };
  if (!(await repo.updateOrder(tx, id, order.version, fields, now))) throw stale(order.version + 1);
  return changed(tx, actor, order, { action: 'supervision.order.answer' }, { late: order.isOverdue });
}

const REVIEW_AUDIT = { accept: { action: 'supervision.order.accept' }, return: { action: 'supervision.order.return' } };

/** 审核回告: accepted closes the order; returned (with a reason) sends it back, its due date unchanged. */
export async function reviewOrder(
  tx: Tx,
  actor: Principal,
  id: string,
  act: 'accept' | 'return',
  body: OrderReviewBody,
  now: Date,
): Promise<Change<OrderView>> {
  const order = await loadOrder(tx, actor, id);
  const status = checkAct(order, actor, act, body.version);
  if (act === 'return' && body.note.length < 2)
    throw new DomainError(commonErrors.VALIDATION_FAILED, '退回重办须说明理由（至少 2 个字）。');
  const check = act === 'return' ? nextCheckAt({ status, dueOn: order.dueOn, isOverdue: order.isOverdue }) : null;
  const fields = { status, reviewNote: body.note, reviewedBy: actor.name, reviewedAt: now, nextCheckAt: check };
  if (!(await repo.updateOrder(tx, id, order.version, fields, now))) throw stale(order.version + 1);
  return changed(tx, actor, order, REVIEW_AUDIT[act], act === 'return' ? { note: body.note } : {});
}

export async function listOrdersFor(tx: Tx, actor: Principal, query: OrderListQuery): Promise<OrderView[]> {
  const rows = await repo.listOrders(tx, actor.scopeOrgIds, {
    filter: query.filter,
    caseId: query.caseId,
    ownerId: query.mine === 'true' ? actor.staffId : undefined,
    limit: query.limit,
  });
  return rows.map((order) => toOrderView(order, actor));
}

export async function orderDetail(tx: Tx, actor: Principal, id: string): Promise<OrderView> {
  const order = await repo.findOrder(tx, id);
  if (!order || !actor.scopeOrgIds.includes(order.orgId)) throw new DomainError(orderErrors.ORDER_NOT_FOUND);
  return toOrderView(order, actor);
}

/** What the printed 督办通知书 says: the order, the center it is addressed to, and the issuer's center. */
export async function orderNoticeOf(tx: Tx, actor: Principal, id: string): Promise<OrderNoticeData> {
  const order = await repo.findOrder(tx, id);
  if (!order || !actor.scopeOrgIds.includes(order.orgId)) throw new DomainError(orderErrors.ORDER_NOT_FOUND);
  const issuer = await findStaffFacts(tx, order.issuedById);
  const issuerOrg = issuer ? await findOrg(tx, issuer.orgId) : null;
  const org = await findOrg(tx, order.orgId);
  return {
    orderNo: order.orderNo,
    issuerOrgName: issuerOrg?.name ?? org?.name ?? '',
    orgName: org?.name ?? '',
    targetLabel: order.targetLabel,
    targetWarning: order.targetWarning,
    instruction: order.instruction,
    addresseeName: order.addresseeName,
    dueOn: order.dueOn,
    issuedBy: order.issuedBy,
    issuedOn: order.issuedOn,
  };
}

/** The open orders a person must answer (the to-do's section): count and the first few, due soonest first. */
export async function openOrdersOf(tx: Tx, actor: Principal, limit: number): Promise<{ count: number; orders: OrderView[] }> {
  const rows = await repo.listOrders(tx, actor.scopeOrgIds, { filter: 'open', limit: 200 });
  const mine = rows.filter((order) => allowedOrderActs(order, viewerOf(actor)).includes('answer'));
  return { count: mine.length, orders: mine.slice(0, limit).map((order) => toOrderView(order, actor)) };
}

const BATCH = 200;
const SYSTEM = { name: '电子监察（系统）', role: 'system' } as const;

/**
 * 红色督办: reads only orders whose check moment (the midnight after the due date) has passed (index
 * supervision_orders_next_check), claims them with SKIP LOCKED, and escalates each one still waiting
 * for its owner to the county center: marked overdue, one audit record on the order's org.
 */
export async function runOrderEscalationJob(db: Db, now: Date, auditKey: string): Promise<{ examined: number; escalated: number }> {
  const run = { examined: 0, escalated: 0 };
  for (;;) {
    const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
      const orders = await repo.claimOrdersDue(tx, now, BATCH);
      for (const order of orders) {
        if (order.status !== 'open' && order.status !== 'returned') {
          await repo.clearCheck(tx, order.id);
          continue;
        }
        await repo.markEscalated(tx, order.id, now);
        run.escalated += 1;
        await appendAuditRecord(tx, auditKey, now, {
          actorId: null,
          actorName: SYSTEM.name,
          actorRole: SYSTEM.role,
          orgId: order.orgId,
          action: 'supervision.order.escalate',
          targetType: 'supervision_order',
          targetId: order.id,
          summary: { orderNo: order.orderNo, dueOn: order.dueOn, addressee: order.addresseeName },
          clientIp: '',
        });
      }
      return orders.length;
    });
    run.examined += claimed;
    if (claimed < BATCH) return run;
  }
}
