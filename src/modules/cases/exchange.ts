import { z } from 'zod';
import { maskIdNumber } from '../../shared/identity.ts';
import { escalationOf } from './escalation.ts';
import { sumFen } from '../../shared/money.ts';
import { FEE_STATUSES } from './fees.rules.ts';
import type { CaseEvent, CaseRecord } from './repo.ts';
import { EscalationSchema } from './schemas.ts';

/**
 * 办件信息上报: what provincial platforms exchange for every case, derived from the case's event
 * log so that an export maps one-to-one and never disagrees with the timeline. Pure.
 */

/** 办结类型 as the exchange names them. */
export const CONCLUSION_KINDS = {
  certificate_issued: '出证办结',
  concluded: '办结',
  returned: '退回办结',
  voided: '作废办结',
  forwarded: '转报办结',
  supplement_timeout: '补正不来办结',
} as const;
export type ConclusionKind = keyof typeof CONCLUSION_KINDS;

const DECISIONS_AT_INTAKE = ['accept', 'accept-pending', 'deem-accepted', 'refuse', 'request-supplement'] as const;
const ACCEPTANCE_RESULTS = {
  accept: 'accepted',
  'accept-pending': 'accepted_pending',
  'deem-accepted': 'deemed_accepted',
  refuse: 'refused',
} as const;
/** Acts that are a decision of someone in the approval chain (审批环节), in the order they happened. */
const APPROVAL_ACTS = new Set([
  'accept',
  'accept-pending',
  'refuse',
  'request-supplement',
  'extend',
  'approve-extension',
  'refuse-extension',
  'escalate',
  'county-accept',
  'county-result',
  'conclude',
]);

export const ExchangeRecordView = z.object({
  caseNo: z.string().describe('申办流水号'),
  itemCode: z.string(),
  itemName: z.string(),
  itemVersion: z.number().int(),
  channel: z.enum(['window', 'online', 'agent']),
  applicant: z.object({
    type: z.enum(['person', 'org']),
    name: z.string(),
    idNumber: z.string().describe('掩码；全号经审计的接口另行交换'),
  }),
  applicationAt: z.string().describe('申办时间'),
  preAcceptance: z
    .object({ at: z.string(), result: z.enum(['accepted', 'accepted_pending', 'deemed_accepted', 'refused', 'supplement_requested']) })
    .nullable()
    .describe('预受理'),
  acceptance: z
    .object({
      at: z.string(),
      result: z.enum(['accepted', 'accepted_pending', 'deemed_accepted', 'refused']),
      refusalReason: z.string().nullable(),
      remedies: z.string().nullable(),
      dueOn: z.string().nullable(),
      promisedDays: z.number().int(),
    })
    .nullable()
    .describe('受理'),
  supplements: z
    .array(
      z.object({
        notice: z.number().int(),
        at: z.string(),
        reason: z.string(),
        materials: z.array(z.string()),
        suppliedAt: z.string().nullable(),
      }),
    )
    .describe('补正告知'),
  supplementCount: z.number().int(),
  specialProcedures: z
    .array(
      z.object({
        procedure: z.string(),
        reason: z.string(),
        startedAt: z.string(),
        expectedEndOn: z.string().nullable(),
        endedAt: z.string().nullable(),
        result: z.string().nullable(),
      }),
    )
    .describe('特别程序'),
  extensions: z.array(z.object({ at: z.string(), days: z.number().int(), reason: z.string(), approvedBy: z.string() })),
  approvalStages: z
    .array(z.object({ seq: z.number().int(), act: z.string(), actorName: z.string(), at: z.string(), opinion: z.string() }))
    .describe('审批环节'),
  conclusion: z
    .object({
      kind: z.enum(Object.keys(CONCLUSION_KINDS) as [ConclusionKind, ...ConclusionKind[]]),
      label: z.string(),
      at: z.string(),
      result: z.enum(['granted', 'denied']).nullable(),
      reason: z.string(),
      certificateNo: z.string().nullable(),
    })
    .nullable()
    .describe('办结'),
  forwarding: EscalationSchema.nullable().describe('转报县级：上报、县级受理与审批结果'),
  fee: z
    .object({
      items: z.array(z.object({ name: z.string(), amountFen: z.number().int() })),
      totalFen: z.number().int(),
      status: z.enum(FEE_STATUSES),
      settledAt: z.string().nullable(),
      receiptNo: z.string().nullable(),
      waiverReason: z.string().nullable(),
    })
    .nullable()
    .describe('收费（金额单位：分）；事项不收费时为 null'),
  delivery: z.object({ at: z.string(), method: z.string(), trackingNo: z.string().nullable() }).nullable().describe('取件/送达'),
  closedAt: z.string().nullable(),
});
export type ExchangeRecordView = z.infer<typeof ExchangeRecordView>;

const text = (payload: Record<string, unknown>, key: string): string => {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
};
const optionalText = (payload: Record<string, unknown>, key: string): string | null => text(payload, key) || null;

function supplementNotices(events: readonly CaseEvent[]): ExchangeRecordView['supplements'] {
  const notices: ExchangeRecordView['supplements'] = [];
  for (const event of events) {
    if (event.act === 'request-supplement') {
      const materials = Array.isArray(event.payload.materials) ? (event.payload.materials as { name?: unknown; reason?: unknown }[]) : [];
      notices.push({
        notice: notices.length + 1,
        at: event.at.toISOString(),
        reason: [
          ...new Set(materials.map((material) => (typeof material.reason === 'string' ? material.reason : '')).filter(Boolean)),
        ].join('；'),
        materials: materials.map((material) => (typeof material.name === 'string' ? material.name : '')),
        suppliedAt: null,
      });
    }
    const open = notices.at(-1);
    if (event.act === 'supplement' && open && open.suppliedAt === null) open.suppliedAt = event.at.toISOString();
  }
  return notices;
}

function specialProcedures(events: readonly CaseEvent[]): ExchangeRecordView['specialProcedures'] {
  const procedures: ExchangeRecordView['specialProcedures'] = [];
  for (const event of events) {
    if (event.act === 'suspend') {
      procedures.push({
        procedure: text(event.payload, 'procedure'),
        reason: text(event.payload, 'reason'),
        startedAt: event.at.toISOString(),
        expectedEndOn: optionalText(event.payload, 'expectedEndOn'),
        endedAt: null,
        result: null,
      });
    }
    const open = procedures.at(-1);
    if (event.act === 'resume' && open && open.endedAt === null) {
      open.endedAt = event.at.toISOString();
      open.result = text(event.payload, 'result');
    }
  }
  return procedures;
}

function conclusionOf(events: readonly CaseEvent[]): ExchangeRecordView['conclusion'] {
  const ending = events.find((event) => event.act === 'conclude' || event.act === 'refuse' || event.act === 'withdraw');
  if (!ending) return null;
  const at = ending.at.toISOString();
  const conclusion = (kind: ConclusionKind, result: 'granted' | 'denied' | null, reason: string, certificateNo: string | null) => ({
    kind,
    label: CONCLUSION_KINDS[kind],
    at,
    result,
    reason,
    certificateNo,
  });
  const reason = text(ending.payload, 'reason');
  if (ending.act === 'withdraw') return conclusion('voided', null, reason, null);
  if (ending.act === 'refuse') {
    // A refusal while a supplement notice is still unanswered is how a 补正 that never came ends.
    const last = supplementNotices(events.filter((event) => event.seq < ending.seq)).at(-1);
    return conclusion(last && last.suppliedAt === null ? 'supplement_timeout' : 'returned', null, reason, null);
  }
  const result = ending.payload.result === 'denied' ? 'denied' : 'granted';
  const certificateNo = optionalText(ending.payload, 'certificateNo');
  if (events.some((event) => event.act === 'escalate' && event.seq < ending.seq))
    return conclusion('forwarded', result, reason, certificateNo);
  return conclusion(result === 'granted' && certificateNo ? 'certificate_issued' : 'concluded', result, reason, certificateNo);
}

/** 收费: the lines recorded at intake, then the settlement, or their lapse when the case ended without a permit. */
function feeOf(events: readonly CaseEvent[]): ExchangeRecordView['fee'] {
  const lines = events.find((event) => event.act === 'submit')?.payload.fees;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  const items = (lines as { name?: unknown; amountFen?: unknown }[]).map((line) => ({
    name: typeof line.name === 'string' ? line.name : '',
    amountFen: typeof line.amountFen === 'number' ? line.amountFen : 0,
  }));
  const totalFen = sumFen(items);
  const fee: NonNullable<ExchangeRecordView['fee']> = {
    items,
    totalFen,
    status: totalFen > 0 ? 'due' : 'none',
    settledAt: null,
    receiptNo: null,
    waiverReason: null,
  };
  const settled = events.find((event) => event.act === 'settle-fee');
  if (settled) {
    const isPaid = settled.payload.outcome === 'paid';
    // 退费: the payment stays reported with its receipt; the status says it was given back.
    const isRefunded = isPaid && events.some((event) => event.act === 'refund-fee');
    return {
      ...fee,
      status: isRefunded ? 'refunded' : isPaid ? 'paid' : 'waived',
      settledAt: settled.at.toISOString(),
      receiptNo: isPaid ? optionalText(settled.payload, 'receiptNo') : null,
      waiverReason: isPaid ? null : optionalText(settled.payload, 'waiverReason'),
    };
  }
  return events.some((event) => 'feeNotApplicable' in event.payload) ? { ...fee, status: 'none' } : fee;
}

export function toExchangeRecord(record: CaseRecord, events: readonly CaseEvent[]): ExchangeRecordView {
  const decisions = events.filter((event) => (DECISIONS_AT_INTAKE as readonly string[]).includes(event.act));
  const first = decisions[0];
  const acceptance = decisions.find(
    (event): event is CaseEvent & { act: keyof typeof ACCEPTANCE_RESULTS } => event.act in ACCEPTANCE_RESULTS,
  );
  const delivered = events.find((event) => event.act === 'deliver');
  const closed = events.find((event) => event.act === 'close');
  const supplements = supplementNotices(events);
  return {
    caseNo: record.caseNo,
    itemCode: record.itemCode,
    itemName: record.itemName,
    itemVersion: record.itemVersion,
    channel: record.channel,
    applicant: { type: record.applicantType, name: record.applicantName, idNumber: maskIdNumber(record.applicantIdNumber) },
    applicationAt: record.receivedAt.toISOString(),
    preAcceptance: first
      ? {
          at: first.at.toISOString(),
          result:
            first.act === 'request-supplement' ? 'supplement_requested' : ACCEPTANCE_RESULTS[first.act as keyof typeof ACCEPTANCE_RESULTS],
        }
      : null,
    acceptance: acceptance
      ? {
          at: acceptance.at.toISOString(),
          result: ACCEPTANCE_RESULTS[acceptance.act],
          refusalReason: acceptance.act === 'refuse' ? text(acceptance.payload, 'reason') : null,
          remedies: acceptance.act === 'refuse' ? text(acceptance.payload, 'remedies') : null,
          dueOn: optionalText(acceptance.payload, 'dueOn'),
          promisedDays: record.promisedDays,
        }
      : null,
    supplements,
    supplementCount: supplements.length,
    specialProcedures: specialProcedures(events),
    extensions: events
      .filter((event) => event.act === 'extend' || event.act === 'approve-extension')
      .map((event) => ({
        at: event.at.toISOString(),
        days: Number(event.payload.days ?? 0),
        reason: text(event.payload, 'reason'),
        approvedBy: text(event.payload, 'approvedBy'),
      })),
    approvalStages: events
      .filter((event) => APPROVAL_ACTS.has(event.act))
      .map((event) => ({
        seq: event.seq,
        act: event.act,
        actorName: event.actorName,
        at: event.at.toISOString(),
        opinion: [text(event.payload, 'reason') || text(event.payload, 'note'), text(event.payload, 'documentNo')]
          .filter(Boolean)
          .join('；'),
      })),
    conclusion: conclusionOf(events),
    forwarding: escalationOf(events),
    fee: feeOf(events),
    delivery: delivered
      ? {
          at: delivered.at.toISOString(),
          method: text(delivered.payload, 'method'),
          trackingNo: optionalText(delivered.payload, 'trackingNo'),
        }
      : null,
    closedAt: closed ? closed.at.toISOString() : null,
  };
}
