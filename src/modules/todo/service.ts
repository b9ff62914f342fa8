import type { Tx } from '../../db/db.ts';
import type { Principal, Role } from '../../kernel/context.ts';
import { foldersToReceive } from '../agency/index.ts';
import { countCases, listCases, openVerificationsOf, type CaseListFilters, type CaseListItemView } from '../cases/index.ts';
import { openRectificationsOf } from '../ratings/index.ts';
import { openOrdersOf } from '../supervision/index.ts';
import type { TodoItemView, TodoSectionView, TodoView } from './schemas.ts';

/** Items shown per section; the link opens the rest. */
export const TODO_ITEMS = 5;

/** The case filters of each case section (what its link opens), for a person's own queue or the whole center. */
const CASE_FILTERS: Record<'overdue' | 'due_soon' | 'to_accept' | 'red' | 'yellow', CaseListFilters> = {
  overdue: { warning: 'overdue' },
  due_soon: { warning: 'pre' },
  to_accept: { status: 'submitted' },
  red: { warning: 'red' },
  yellow: { warning: 'yellow' },
};

type SectionBuilder = (tx: Tx, actor: Principal, now: Date) => Promise<TodoSectionView | null>;

function caseItem(row: CaseListItemView): TodoItemView {
  return {
    kind: 'case',
    id: row.id,
    number: row.caseNo,
    itemName: row.itemName,
    applicantName: row.applicant.name,
    place: '',
    due: row.due ?? row.decisionDueOn,
    warning: row.warning,
    holder: row.holder,
  };
}

/** A section of cases: the count and the first items through the list's own indexes, linked to the list so filtered. */
function caseSection(key: keyof typeof CASE_FILTERS, scope: 'mine' | 'all'): SectionBuilder {
  return async (tx, actor, now) => {
    const filters: CaseListFilters = { ...CASE_FILTERS[key], ...(scope === 'mine' ? { mine: 'true' } : {}) };
    const count = await countCases(tx, actor, filters, now);
    const rows = count === 0 ? [] : (await listCases(tx, actor, { ...filters, sort: 'due', limit: TODO_ITEMS }, now)).cases;
    return { key, count, items: rows.map(caseItem), link: { path: '/cases', query: { ...filters } } };
  };
}

/** 代办: folders forwarded by the village agents, awaiting the township window. */
const agencyToReceive: SectionBuilder = async (tx, actor) => {
  const { count, folders } = await foldersToReceive(tx, actor, TODO_ITEMS);
  return {
    key: 'agency_to_receive',
    count,
    items: folders.map((folder) => ({
      kind: 'agency_request',
      id: folder.id,
      number: folder.requestNo,
      itemName: folder.itemName,
      applicantName: folder.applicantName,
      place: folder.villageName,
      due: folder.dueOn,
      warning: 'none',
      holder: null,
    })),
    link: { path: '/agency', query: { status: 'forwarded' } },
  };
};

/** 延期申请待审批 (行政许可法 第42条: the clerk asks, the director approves or refuses): the center's pending requests. */
const extensionRequests: SectionBuilder = async (tx, actor, now) => {
  const filters: CaseListFilters = { extension: 'requested' };
  const count = await countCases(tx, actor, filters, now);
  const rows = count === 0 ? [] : (await listCases(tx, actor, { ...filters, sort: 'due', limit: TODO_ITEMS }, now)).cases;
  return { key: 'extension_requests', count, items: rows.map(caseItem), link: { path: '/cases', query: { ...filters } } };
};

/** 事中事后核查: open checks of 告知承诺 cases, due soonest first; each item opens its case (the check is on the case page). */
const verifications: SectionBuilder = async (tx, actor, now) => {
  const { count, verifications: tasks } = await openVerificationsOf(tx, actor, TODO_ITEMS, now);
  if (count === 0) return null;
  return {
    key: 'verifications',
    count,
    items: tasks.map((task) => ({
      kind: 'case',
      id: task.caseId,
      number: task.caseNo,
      itemName: task.itemName,
      applicantName: task.applicantName,
      place: '',
      due: task.dueOn,
      warning: task.overdue ? 'yellow' : 'none',
      holder: null,
    })),
    link: { path: '/cases', query: {} },
  };
};

/** 差评整改: open items of the 差评 loop in the scope, the step due soonest first; the rater is never named. */
const rectifications: SectionBuilder = async (tx, actor, now) => {
  const { count, rectifications: items } = await openRectificationsOf(tx, actor, TODO_ITEMS, now);
  if (count === 0) return null;
  return {
    key: 'rectifications',
    count,
    items: items.map((item) => ({
      kind: 'rectification',
      id: item.id,
      number: item.caseNo ?? '',
      itemName: `差评（${item.levelLabel}）`,
      applicantName: item.stageLabel,
      place: '',
      due: item.dueOn,
      warning: item.warning,
      holder: null,
    })),
    link: { path: '/rectifications', query: {} },
  };
};

/** 督办: orders this person is to answer, each opening its case (the order and its answer form are on the case page). */
const orders: SectionBuilder = async (tx, actor) => {
  const { count, orders: open } = await openOrdersOf(tx, actor, TODO_ITEMS);
  if (count === 0) return null;
  return {
    key: 'orders',
    count,
    items: open.flatMap((order) =>
      order.caseId === null
        ? []
        : [
            {
              kind: 'case' as const,
              id: order.caseId,
              number: order.orderNo,
              itemName: order.targetLabel,
              applicantName: order.statusLabel,
              place: '',
              due: order.dueOn,
              warning: order.isOverdue ? ('red' as const) : ('none' as const),
              holder: null,
            },
          ],
    ),
    link: { path: '/supervision-orders', query: { mine: 'true' } },
  };
};

/** Each role's to-do, in the order the home page shows it. */
const SECTIONS: Record<Role, readonly SectionBuilder[]> = {
  window_staff: [
    orders,
    caseSection('overdue', 'mine'),
    caseSection('due_soon', 'mine'),
    caseSection('to_accept', 'all'),
    agencyToReceive,
    verifications,
  ],
  director: [
    orders,
    caseSection('overdue', 'all'),
    extensionRequests,
    caseSection('due_soon', 'all'),
    caseSection('to_accept', 'all'),
    agencyToReceive,
    verifications,
    rectifications,
  ],
  supervisor: [caseSection('red', 'all'), caseSection('yellow', 'all'), caseSection('due_soon', 'all'), rectifications],
  county_admin: [caseSection('red', 'all'), caseSection('yellow', 'all'), caseSection('to_accept', 'all')],
  reviewer: [orders],
  agent: [],
};

/** 待办 of the signed-in person: their role's sections, each counted and listed through indexed reads only. */
export async function todoOf(tx: Tx, actor: Principal, now: Date): Promise<TodoView> {
  const sections: TodoSectionView[] = [];
  for (const build of SECTIONS[actor.role]) {
    const section = await build(tx, actor, now);
    if (section) sections.push(section);
  }
  return { sections };
}
