import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { countOpenCases } from '../cases/index.ts';
import { findCaseItem } from '../catalog/index.ts';
import { findOrg, findOrgByCode, listOrgs, listSubtreeIds, type OrgView } from '../org/index.ts';
import { countOpenComplaints } from '../complaints/index.ts';
import { countWaitingByOrg } from '../queue/index.ts';
import { countOpenRectifications, countRatings } from '../ratings/index.ts';
import { listStaffFacts } from '../staff/index.ts';
import { addCounts, emptyCounts, sumCaseRollups, sumCaseRollupsByAll, type RollupCounts } from '../stats/index.ts';
import { supervisionErrors } from './errors.ts';
import { addOpen, byUrgency, monthStartOf, noWarnings, periodFiguresOf } from './overview.rules.ts';
import type { OverviewQuery, OverviewView, WarningCounts } from './schemas.ts';

const NOT_IN_SCOPE = '未找到该机构，或该机构不在您的监察范围内（乡镇只能查看本乡镇）。';

/** The org asked for, in the caller's scope: a township's center or the county; 404 for anything else. */
async function orgInScope(tx: Tx, actor: Principal, code: string | undefined): Promise<OrgView> {
  const org = code === undefined ? await findOrg(tx, actor.orgId) : await findOrgByCode(tx, code);
  if (!org || !actor.scopeOrgIds.includes(org.id)) throw new DomainError(supervisionErrors.SUPERVISION_ORG_NOT_FOUND, NOT_IN_SCOPE);
  if (org.kind === 'village') {
    throw new DomainError(
      supervisionErrors.SUPERVISION_ORG_INVALID,
      `${org.name}是村级代办点，其办件由所属乡镇便民服务中心办理，请查看该乡镇。`,
    );
  }
  return org;
}

const sumsBy = (rows: ({ key: string } & RollupCounts)[]): Map<string, RollupCounts> =>
  new Map(rows.map(({ key, ...counts }) => [key, counts]));

/**
 * 电子监察 overview: month and day figures from the case rollups only; open cases by grade from the
 * indexed open-case count; the hall's waiting people from the queue (ADR 0028).
 */
export async function supervisionOverview(tx: Tx, actor: Principal, query: OverviewQuery, today: BusinessDate): Promise<OverviewView> {
  const org = await orgInScope(tx, actor, query.org);
  const subtree = (await listSubtreeIds(tx, org.id)).filter((id) => actor.scopeOrgIds.includes(id));
  const centers = (await listOrgs(tx, subtree)).filter((center) => center.kind !== 'village');
  const centerIds = centers.map((center) => center.id);
  const monthFrom = monthStartOf(today) as BusinessDate;

  const month = await sumCaseRollupsByAll(tx, centerIds, monthFrom, today);
  const monthOf = (by: 'org' | 'item' | 'day') => month.filter((row) => row.by === by);
  const [monthByOrg, todayByOrg, monthByItem, trendRows, open, waiting] = [
    sumsBy(monthOf('org')),
    sumsBy(await sumCaseRollups(tx, centerIds, today, today, 'org')),
    sumsBy(monthOf('item')),
    monthOf('day'),
    await countOpenCases(tx, centerIds),
    await countWaitingByOrg(tx, centerIds, today),
  ];

  const total = { cases: noWarnings(), month: emptyCounts(), today: emptyCounts() };
  const perOrg = new Map(centerIds.map((id) => [id, noWarnings()]));
  const perItem = new Map<string, WarningCounts>();
  const perClerk = new Map<string, WarningCounts & { holderId: string | null; orgId: string }>();
  for (const row of open) {
    addOpen(total.cases, row.warning, row.count);
    addOpen(perOrg.get(row.orgId) ?? noWarnings(), row.warning, row.count);
    const item = perItem.get(row.itemCode) ?? noWarnings();
    perItem.set(row.itemCode, addOpen(item, row.warning, row.count));
    const clerkKey = `${row.orgId}/${row.holderId ?? ''}`;
    const clerk = perClerk.get(clerkKey) ?? { ...noWarnings(), holderId: row.holderId, orgId: row.orgId };
    perClerk.set(clerkKey, addOpen(clerk, row.warning, row.count));
  }
  for (const counts of monthByOrg.values()) addCounts(total.month, counts);
  for (const counts of todayByOrg.values()) addCounts(total.today, counts);

  // Items: names and departments from the catalog as the handling org sees them (few distinct codes).
  const itemCodes = [...new Set([...perItem.keys(), ...monthByItem.keys()])];
  const items = await Promise.all(
    itemCodes.map(async (code) => {
      const found = await findCaseItem(tx, org.id, code);
      const month = monthByItem.get(code) ?? emptyCounts();
      return {
        itemCode: code,
        itemName: found?.name ?? code,
        department: found?.department ?? '其他',
        ...(perItem.get(code) ?? noWarnings()),
        month,
      };
    }),
  );
  const departments = new Map<string, WarningCounts & { month: RollupCounts }>();
  for (const item of items) {
    const department = departments.get(item.department) ?? { ...noWarnings(), month: emptyCounts() };
    department.open += item.open;
    department.pre += item.pre;
    department.yellow += item.yellow;
    department.red += item.red;
    addCounts(department.month, item.month);
    departments.set(item.department, department);
  }
  const holderIds = [...perClerk.values()].flatMap((clerk) => (clerk.holderId === null ? [] : [clerk.holderId]));
  const names = new Map((await listStaffFacts(tx, holderIds)).map((staff) => [staff.id, staff.name]));

  const monthFigures = periodFiguresOf(total.month);
  const ratings = await countRatings(tx, centerIds, { from: monthFrom, to: today });
  const rated = ratings.ratings - ratings.defaulted;
  const voice = {
    ratings: ratings.ratings,
    badRatings: ratings.bad,
    defaultedRatings: ratings.defaulted,
    // 满意率 of the ratings people gave: a default 基本满意 says nothing of how they felt.
    satisfactionRate: rated === 0 ? null : (rated - ratings.bad) / rated,
    openRectifications: await countOpenRectifications(tx, centerIds),
    openComplaints: await countOpenComplaints(tx, centerIds),
  };
  return {
    org: { id: org.id, code: org.code, name: org.name, kind: org.kind },
    today,
    monthFrom,
    cases: total.cases,
    onTimeRate: monthFigures.onTimeRate,
    todayFigures: periodFiguresOf(total.today),
    monthFigures,
    trend: trendRows
      .map((row) => ({ date: row.key, received: row.received, concluded: row.concluded }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    byTownship: centers
      .map((center) => ({
        orgId: center.id,
        code: center.code,
        name: center.name,
        ...(perOrg.get(center.id) ?? noWarnings()),
        today: periodFiguresOf(todayByOrg.get(center.id) ?? emptyCounts()),
        month: periodFiguresOf(monthByOrg.get(center.id) ?? emptyCounts()),
        hallWaiting: waiting.get(center.id) ?? 0,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    byDepartment: [...departments.entries()]
      .map(([department, figures]) => ({ department, ...figures, month: periodFiguresOf(figures.month) }))
      .sort(byUrgency),
    byItem: items.map((item) => ({ ...item, month: periodFiguresOf(item.month) })).sort(byUrgency),
    byClerk: [...perClerk.values()]
      .map((clerk) => ({ ...clerk, name: clerk.holderId === null ? '未分配' : (names.get(clerk.holderId) ?? '—') }))
      .sort(byUrgency),
    hallWaiting: [...waiting.values()].reduce((sum, n) => sum + n, 0),
    voice,
  };
}
