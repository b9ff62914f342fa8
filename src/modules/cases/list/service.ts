import type { Tx } from '../../../db/db.ts';
import type { Principal } from '../../../kernel/context.ts';
import { addCalendarDays, instantAt } from '../../../shared/business-date.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { WarningLevel } from '../../../shared/warning-level.ts';
import { listOrgs } from '../../org/index.ts';
import { listColleaguesBackedUp, listStaffFacts } from '../../staff/index.ts';
import { caseErrors } from '../errors.ts';
import { OPEN_STATUSES } from '../repo.ts';
import { toSummaryView } from '../views.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import * as repo from './repo.ts';
import type { WarningFilter } from './rules.ts';
import type { CaseListFilters, CaseListPage, CaseListQuery } from './schemas.ts';
import { searchTermsOf } from './search.rules.ts';

const WARNINGS: Record<WarningFilter, readonly WarningLevel[]> = {
  none: ['none'],
  pre: ['pre'],
  yellow: ['yellow'],
  red: ['red'],
  overdue: ['yellow', 'red'],
  any: ['pre', 'yellow', 'red'],
};

/**
 * The list's filters as the repo reads them, for this person: their scope (or one org of it), their
 * queue when "mine" (their own cases and, under AB岗互补, the open cases of absent colleagues they
 * cover today), a holder. Null when the filters select nothing (an org outside the scope).
 */
function specOf(
  actor: Principal,
  caseOrgIds: readonly string[],
  filters: CaseListFilters,
  backedUp: readonly string[],
): repo.CaseListSpec | null {
  const orgIds = filters.orgId === undefined ? caseOrgIds : caseOrgIds.filter((id) => id === filters.orgId);
  if (orgIds.length === 0) return null;
  const arms: repo.ListArms = { orgIds };
  if (filters.mine === 'true' || filters.holder !== undefined) {
    const queue =
      filters.mine === 'true'
        ? [{ id: actor.staffId, isOpenOnly: false }, ...backedUp.map((id) => ({ id, isOpenOnly: true }))]
        : [{ id: filters.holder ?? '', isOpenOnly: false }];
    arms.holders = filters.holder === undefined ? queue : queue.filter((holder) => holder.id === filters.holder);
    if (arms.holders.length === 0) return null;
  }
  const spec: repo.CaseListSpec = { arms };
  const { status } = filters;
  if (status === 'open' || status === 'finished') spec.isDone = status === 'finished';
  else if (status !== undefined) {
    spec.statuses = [status];
    spec.isDone = !OPEN_STATUSES.includes(status);
  }
  if (filters.warning !== undefined) spec.warnings = WARNINGS[filters.warning];
  if (filters.itemCode !== undefined) spec.itemCode = filters.itemCode;
  if (filters.channel !== undefined) spec.channel = filters.channel;
  if (filters.handling !== undefined) spec.handling = filters.handling;
  // 接件日期 in Beijing: from the first instant of `from` to before the first instant of the day after `to`.
  if (filters.from !== undefined) spec.receivedFrom = instantAt(filters.from, '00:00');
  if (filters.to !== undefined) spec.receivedBefore = instantAt(addCalendarDays(filters.to, 1), '00:00');
  if (filters.extension === 'requested') {
    spec.isExtensionRequested = true;
    // A request stands only on an accepted case (it lapses when the clock stops): the open range of the index.
    spec.isDone = false;
  }
  const search = searchTermsOf(filters.q);
  if (search !== null) spec.search = search;
  // Only open cases can match (a warning, an open status): each holder's arm is then the open range of their index.
  const isOpenOnly = spec.isDone === false || (spec.warnings !== undefined && !spec.warnings.includes('none'));
  if (isOpenOnly && arms.holders) arms.holders = arms.holders.map((holder) => ({ ...holder, isOpenOnly: true }));
  return spec;
}

/**
 * The orgs of the scope that hold cases: the county center and townships. Villages never do (a village
 * agent's request becomes the township's case), and an arm per village would only cost an index probe each.
 */
async function caseOrgIdsOf(tx: Tx, actor: Principal): Promise<string[]> {
  return (await listOrgs(tx, actor.scopeOrgIds)).filter((org) => org.kind !== 'village').map((org) => org.id);
}

/** 办件列表: one page, with the position of the next (keyset), each row with its holder (经办人). */
export async function listCases(tx: Tx, actor: Principal, query: CaseListQuery, now: Date): Promise<CaseListPage> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, query.sort);
  if (query.cursor !== undefined && after === null) {
    throw new DomainError(caseErrors.CASE_LIST_CURSOR_INVALID, '翻页位置无效（可能来自另一种排序），请从第一页重新查询。');
  }
  const backedUp = new Map((await listColleaguesBackedUp(tx, actor.staffId, now)).map((colleague) => [colleague.id, colleague]));
  const spec = specOf(actor, await caseOrgIdsOf(tx, actor), query, [...backedUp.keys()]);
  if (spec === null) return { cases: [], nextCursor: null };
  const rows = await repo.listCasePage(tx, spec, query.sort, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const holderIds = page.flatMap(({ record }) => (record.assigneeId === null ? [] : [record.assigneeId]));
  const names = new Map((await listStaffFacts(tx, holderIds)).map((staff) => [staff.id, staff.name]));
  const last = page.at(-1);
  return {
    cases: page.map(({ record }) => ({
      ...toSummaryView(record),
      backingUpFor:
        (record.assigneeId !== null && OPEN_STATUSES.includes(record.status) ? backedUp.get(record.assigneeId) : undefined) ?? null,
      holder: record.assigneeId === null ? null : { id: record.assigneeId, name: names.get(record.assigneeId) ?? '' },
    })),
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor(
            query.sort === 'due'
              ? { sort: 'due', isDone: last.position.isDone, due: last.position.due, id: last.record.id }
              : { sort: 'received', at: last.position.receivedAt, id: last.record.id },
          )
        : null,
  };
}

/** How many cases these filters select for this person (the to-do's counts), through the list's indexes. */
export async function countCases(tx: Tx, actor: Principal, filters: CaseListFilters, now: Date): Promise<number> {
  const backedUp = filters.mine === 'true' ? (await listColleaguesBackedUp(tx, actor.staffId, now)).map((colleague) => colleague.id) : [];
  const spec = specOf(actor, await caseOrgIdsOf(tx, actor), filters, backedUp);
  return spec === null ? 0 : repo.countCases(tx, spec);
}
