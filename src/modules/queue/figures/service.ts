import type { Tx } from '../../../db/db.ts';
import type { Principal } from '../../../kernel/context.ts';
import { dayNumberOf, type BusinessDate } from '../../../shared/business-date.ts';
import { DomainError } from '../../../shared/errors.ts';
import { listWindows } from '../../org/index.ts';
import { listStaffFacts } from '../../staff/index.ts';
import { queueErrors } from '../errors.ts';
import { listCategories } from '../repo.ts';
import { centerInScope } from '../service.ts';
import * as repo from './repo.ts';
import { figuresOf, MAX_FIGURE_DAYS } from './rules.ts';
import type { FigureRow, FiguresQuery, FiguresView } from './schemas.ts';

const NONE = '00000000-0000-0000-0000-000000000000';
const EMPTY = {
  issued: 0,
  called: 0,
  waitSeconds: 0,
  served: 0,
  serviceSeconds: 0,
  noShows: 0,
  cases: 0,
  consultations: 0,
  ratings: 0,
  ratingPoints: 0,
  booked: 0,
  checkedIn: 0,
};

/** 大厅统计: tickets, waiting and service times, no-shows, cases, ratings — per day, hour, category, window and clerk. */
export async function hallFigures(tx: Tx, actor: Principal, request: FiguresQuery, today: BusinessDate): Promise<FiguresView> {
  const center = await centerInScope(tx, actor, request.orgId);
  const query = { orgId: request.orgId, from: request.from ?? today, to: request.to ?? request.from ?? today };
  const days = dayNumberOf(query.to) - dayNumberOf(query.from) + 1;
  if (days < 1 || days > MAX_FIGURE_DAYS) {
    throw new DomainError(queueErrors.QUEUE_SETTINGS_INVALID, `统计区间应为 1–${String(MAX_FIGURE_DAYS)} 天，且结束日期不早于起始日期。`);
  }
  const groups = await repo.sumRollups(tx, query.orgId, query.from, query.to);
  const categories = new Map(
    (await listCategories(tx, query.orgId, false)).map((category) => [category.id, `${category.prefix} ${category.name}`]),
  );
  const windows = new Map((await listWindows(tx, [query.orgId])).map((window) => [window.id, `${window.number} 号 ${window.name}`]));
  const staffIds = groups.filter((group) => group.dimension === 'staff' && group.key !== NONE).map((group) => group.key);
  const staff = new Map((await listStaffFacts(tx, staffIds)).map((person) => [person.id, person.name]));
  const row = (group: repo.RollupGroup, label: string): FigureRow => ({ key: group.key, label, ...figuresOf(group) });
  const of = (dimension: repo.Dimension, label: (key: string) => string) =>
    groups
      .filter((group) => group.dimension === dimension && group.key !== NONE)
      .map((group) => row(group, label(group.key)))
      .sort((a, b) => (dimension === 'hour' ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key)));
  const total = groups.find((group) => group.dimension === 'total');
  return {
    orgId: query.orgId,
    orgName: center.name,
    from: query.from,
    to: query.to,
    total: total ? row(total, '合计') : { key: 'total', label: '合计', ...figuresOf(EMPTY) },
    byDay: of('day', (key) => key),
    byHour: of('hour', (key) => `${key.padStart(2, '0')}:00`),
    byCategory: of('category', (key) => categories.get(key) ?? '已删除的类别'),
    byWindow: of('window', (key) => windows.get(key) ?? '已删除的窗口'),
    byStaff: of('staff', (key) => staff.get(key) ?? '—'),
  };
}
