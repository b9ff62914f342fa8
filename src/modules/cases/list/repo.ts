import type { Tx } from '../../../db/db.ts';
import type { WarningLevel } from '../../../shared/warning-level.ts';
import { CASE_RECORD_COLUMNS, toRecord, type CaseRecord } from '../repo.ts';
import type { CaseStatus } from '../transitions.ts';
import type { ListPosition } from './cursor.ts';
import type { CaseListSort } from './rules.ts';
import { prefixUpperBound, type SearchTerms } from './search.rules.ts';

/**
 * Where the list reads from. Each arm is one ordered index range — an org of the caller's scope (every
 * cases_list_* index leads with org_id), or an org and a holder (cases_list_holder) — read up to one
 * page; the pages of all arms are merged. So a page costs (arms × page size) whatever the number of
 * cases, and PostgreSQL never has to sort an `org_id = any(...)` range in full.
 */
export interface ListArms {
  orgIds: readonly string[];
  /** Holders (经办人); `isOpenOnly` for an AB岗 colleague, whose open cases only join the queue. */
  holders?: readonly { id: string; isOpenOnly: boolean }[];
}

export interface CaseListSpec {
  arms: ListArms;
  statuses?: readonly CaseStatus[];
  /** Derived from the statuses asked for: open only, finished only (cases.list_done). */
  isDone?: boolean;
  warnings?: readonly WarningLevel[];
  itemCode?: string;
  channel?: string;
  handling?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  search?: SearchTerms;
  /** 延期申请待审批 (the partial index cases_extension_requests). */
  isExtensionRequested?: boolean;
}

/** A case with the key it sorts by (what a cursor is made of). */
export interface ListedCase {
  record: CaseRecord;
  position: { isDone: boolean; due: string; receivedAt: string };
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${String(this.values.length)}`;
  }
}

function searchCondition(p: Params, terms: SearchTerms): string {
  const text = p.add(terms.text);
  // Added only when a prefix uses it: PostgreSQL cannot type a parameter the statement never reads.
  const upper = terms.isCaseNoPrefix || terms.isNamePrefix ? p.add(prefixUpperBound(terms.text)) : '';
  const or = [`case_no collate "C" = ${text}`, `applicant_name collate "C" = ${text}`];
  if (terms.isCaseNoPrefix) or.push(`(case_no collate "C" >= ${text} and case_no collate "C" < ${upper})`);
  if (terms.isNamePrefix) or.push(`(applicant_name collate "C" >= ${text} and applicant_name collate "C" < ${upper})`);
  if (terms.idLast4 !== null) or.push(`applicant_id_last4 = ${p.add(terms.idLast4)}`);
  if (terms.phoneLast4 !== null) or.push(`applicant_phone_last4 = ${p.add(terms.phoneLast4)}`);
  if (terms.idNumber !== null) {
    or.push(`(applicant_id_last4 = ${p.add(terms.idNumber.slice(-4))} and applicant_id_number = ${p.add(terms.idNumber)})`);
  }
  if (terms.phone !== null) {
    or.push(`(applicant_phone_last4 = ${p.add(terms.phone.slice(-4))} and applicant_phone = ${p.add(terms.phone)})`);
  }
  return `(${or.join(' or ')})`;
}

/** The filters every arm shares: equality and ranges on indexed columns only, so each stays an index range. */
function filterConditions(p: Params, spec: CaseListSpec): string[] {
  const where: string[] = [];
  if (spec.statuses !== undefined)
    where.push(spec.statuses.length === 1 ? `status = ${p.add(spec.statuses[0])}` : `status = any(${p.add(spec.statuses)}::text[])`);
  if (spec.isDone !== undefined) where.push(`list_done = ${p.add(spec.isDone)}`);
  if (spec.warnings !== undefined) {
    where.push(spec.warnings.length === 1 ? `warning = ${p.add(spec.warnings[0])}` : `warning = any(${p.add(spec.warnings)}::text[])`);
    // Lets the planner use the partial index of warned cases.
    if (!spec.warnings.includes('none')) where.push(`warning <> 'none'`);
  }
  if (spec.itemCode !== undefined) where.push(`item_code = ${p.add(spec.itemCode)}`);
  if (spec.channel !== undefined) where.push(`channel = ${p.add(spec.channel)}`);
  if (spec.handling !== undefined) where.push(`handling = ${p.add(spec.handling)}`);
  if (spec.receivedFrom !== undefined) where.push(`received_at >= ${p.add(spec.receivedFrom)}`);
  if (spec.receivedBefore !== undefined) where.push(`received_at < ${p.add(spec.receivedBefore)}`);
  if (spec.search !== undefined) where.push(searchCondition(p, spec.search));
  if (spec.isExtensionRequested === true) where.push('extension_requested_at is not null');
  return where;
}

const ORDER: Record<CaseListSort, string> = {
  due: 'list_done, list_due, id',
  received: 'received_at desc, id desc',
};
const OUTER_ORDER: Record<CaseListSort, string> = {
  due: '"listDone", "listDueKey", id',
  received: '"receivedAtKey" desc, id desc',
};

/** The arms as rows: orgs, or orgs × holders (`max_done` false keeps an arm to open cases: a range of the index, not a filter). */
function armsOf(p: Params, arms: ListArms): string {
  const orgs = `unnest(${p.add(arms.orgIds)}::uuid[]) as arm(org_id)`;
  if (arms.holders === undefined) return orgs;
  const ids = p.add(arms.holders.map((holder) => holder.id));
  const maxDone = p.add(arms.holders.map((holder) => !holder.isOpenOnly));
  return `${orgs} cross join unnest(${ids}::uuid[], ${maxDone}::boolean[]) as holder(id, max_done)`;
}

const ARM_CONDITION = (arms: ListArms) =>
  arms.holders === undefined
    ? 'cases.org_id = arm.org_id'
    : 'cases.org_id = arm.org_id and cases.assignee_id = holder.id and cases.list_done <= holder.max_done';

function keysetCondition(p: Params, after: ListPosition): string {
  return after.sort === 'due'
    ? `(list_done, list_due, id) > (${p.add(after.isDone)}::boolean, ${p.add(after.due)}::date, ${p.add(after.id)}::uuid)`
    : `(received_at, id) < (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)`;
}

const KEY_COLUMNS = `list_done as "listDone", list_due::text as "listDue", list_due as "listDueKey", received_at as "receivedAtKey",
  to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "receivedAtText"`;

/** One page (up to `limit` rows) of the cases the spec selects, after `after`, in the sort's order. */
export async function listCasePage(
  tx: Tx,
  spec: CaseListSpec,
  sort: CaseListSort,
  after: ListPosition | null,
  limit: number,
): Promise<ListedCase[]> {
  const p = new Params();
  const shared = filterConditions(p, spec);
  if (after !== null) shared.push(keysetCondition(p, after));
  const n = p.add(limit);
  const select = `select ${CASE_RECORD_COLUMNS}, ${KEY_COLUMNS} from cases`;
  const sql = `select c.* from ${armsOf(p, spec.arms)} cross join lateral
    (${select} where ${[ARM_CONDITION(spec.arms), ...shared].join(' and ')} order by ${ORDER[sort]} limit ${n}) c`;
  type Row = CaseRecord & { listDone: boolean; listDue: string; listDueKey: unknown; receivedAtKey: unknown; receivedAtText: string };
  const result = await tx.query<Row>(`${sql} order by ${OUTER_ORDER[sort]} limit ${n}`, p.values);
  return result.rows.map(({ listDone, listDue, listDueKey: _due, receivedAtKey: _at, receivedAtText, ...record }) => ({
    record: toRecord(record),
    position: { isDone: listDone, due: listDue, receivedAt: receivedAtText },
  }));
}

/** How many cases the spec selects, counted arm by arm through the same indexes (for the to-do's sections). */
export async function countCases(tx: Tx, spec: CaseListSpec): Promise<number> {
  const p = new Params();
  const shared = filterConditions(p, spec);
  const sql = `select coalesce(sum(c.n), 0)::int as n from ${armsOf(p, spec.arms)} cross join lateral
    (select count(*) as n from cases where ${[ARM_CONDITION(spec.arms), ...shared].join(' and ')}) c`;
  return (await tx.query<{ n: number }>(sql, p.values)).rows[0]?.n ?? 0;
}
