import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/db.ts';
import type { AppContext, Principal } from '../../kernel/context.ts';
import { readInScope } from '../../kernel/scope.ts';
import { addCalendarDays, dayNumberOf, instantAt, isBusinessDate, type BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/index.ts';
import { reportErrors } from './errors.ts';
import * as repo from './repo.ts';
import {
  CASE_LEDGER_COLUMNS,
  CHANNEL_LABELS,
  dateCell,
  FEE_LEDGER_COLUMNS,
  FEE_STATUS_LABELS,
  onTimeFlag,
  RESULT_LABELS,
  yuanOf,
} from './rules.ts';
import type { LedgerQuery } from './schemas.ts';

export type LedgerKind = 'cases' | 'fees';

/** Cases read per transaction: the workbook grows a batch at a time, never the whole ledger in memory. */
export const LEDGER_BATCH = 500;
const MAX_DAYS = 366;

/** What a ledger covers: the orgs (the chosen org and those under it, within the caller's scope) and the moments. */
export interface LedgerPlan {
  orgIds: string[];
  from: BusinessDate;
  to: BusinessDate;
  fromAt: Date;
  toAt: Date;
}

/** Checks the query against the caller's scope: a township only its own, the county all of its townships. */
export async function planLedger(tx: Tx, actor: Principal, query: LedgerQuery): Promise<LedgerPlan> {
  const { from, to } = query;
  if (!isBusinessDate(from) || !isBusinessDate(to) || to < from) {
    throw new DomainError(reportErrors.REPORT_RANGE_INVALID, '请填写有效的起止日期，结束日期不能早于起始日期。');
  }
  if (dayNumberOf(to) - dayNumberOf(from) + 1 > MAX_DAYS) {
    throw new DomainError(reportErrors.REPORT_RANGE_INVALID, `一次最多导出 ${String(MAX_DAYS)} 天，请缩小日期范围。`);
  }
  const orgId = query.org ?? actor.orgId;
  if (!actor.scopeOrgIds.includes(orgId)) throw new DomainError(reportErrors.REPORT_ORG_NOT_FOUND);
  const orgIds = (await repo.orgsUnder(tx, orgId)).filter((id) => actor.scopeOrgIds.includes(id)).sort();
  return { orgIds, from, to, fromAt: instantAt(from, '00:00'), toAt: instantAt(addCalendarDays(to, 1), '00:00') };
}

function caseCells(row: repo.LedgerCaseRow, holder: string, today: BusinessDate): string[] {
  return [
    row.caseNo,
    row.itemName,
    row.applicantName,
    row.applicantIdNumber,
    CHANNEL_LABELS[row.channel] ?? row.channel,
    row.receivedOn,
    row.acceptedOn ?? '',
    row.dueOn ?? '',
    dateCell(row.concludedAt),
    dateCell(row.deliveredAt),
    CASE_STATUS_LABELS[row.status as CaseStatus],
    row.result === null ? '' : (RESULT_LABELS[row.result] ?? row.result),
    onTimeFlag(row, today),
    holder,
  ];
}

function feeCells(row: repo.LedgerCaseRow): string[] {
  return [
    row.caseNo,
    row.itemName,
    row.applicantName,
    yuanOf(row.feeFen),
    FEE_STATUS_LABELS[row.feeStatus] ?? row.feeStatus,
    row.feeReceiptNo ?? '',
    dateCell(row.feeSettledAt),
    row.feeWaiverReason ?? '',
    row.feeRefundNo ?? '',
    row.feeRefundReason ?? '',
    dateCell(row.feeRefundedAt),
  ];
}

/**
 * Writes the 办件台帐 or 收费台帐 into `sink` as .xlsx, streamed: exceljs's WorkbookWriter commits each row
 * as it is added, cases are read by keyset a batch at a time, each batch in its own short transaction,
 * and the writer waits for the sink to drain (a slow download holds the reading back, not memory).
 * Returns how many cases and batches were written.
 */
export async function writeLedger(
  ctx: AppContext,
  actor: Principal,
  plan: LedgerPlan,
  kind: LedgerKind,
  sink: Writable,
  today: BusinessDate,
  batch = LEDGER_BATCH,
): Promise<{ rows: number; batches: number }> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(kind === 'cases' ? '办件台帐' : '收费台帐');
  const columns = kind === 'cases' ? CASE_LEDGER_COLUMNS : FEE_LEDGER_COLUMNS;
  sheet.columns = columns.map((header) => ({ header, width: header === '事项' ? 36 : 16 }));
  let rows = 0;
  let batches = 0;
  for (const orgId of plan.orgIds) {
    let after: repo.LedgerCursor | null = null;
    for (;;) {
      const cursor: repo.LedgerCursor | null = after;
      const read = await readInScope(ctx, actor, async (tx) => {
        const found = await repo.readCaseBatch(tx, {
          orgId,
          from: plan.fromAt,
          to: plan.toAt,
          after: cursor,
          limit: batch,
          feesOnly: kind === 'fees',
        });
        const holders =
          kind === 'cases'
            ? await repo.staffNames(
                tx,
                found.flatMap((row) => (row.holderId ? [row.holderId] : [])),
              )
            : new Map<string, string>();
        return { found, holders };
      });
      batches += 1;
      for (const row of read.found) {
        sheet.addRow(kind === 'cases' ? caseCells(row, read.holders.get(row.holderId ?? '') ?? '', today) : feeCells(row)).commit();
      }
      rows += read.found.length;
      if (sink.writableNeedDrain) await once(sink, 'drain');
      const last = read.found.at(-1);
      if (!last || read.found.length < batch) break;
      after = { receivedAt: last.receivedAt, id: last.id };
    }
  }
  sheet.commit();
  await book.commit();
  return { rows, batches };
}
