import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { dayNumberOf, type BusinessDate } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { computeDeadline, daysInRange, type Deadline, type OfficeHoursRange } from './deadline.rules.ts';
import { calendarErrors } from './errors.ts';
import { buildIcs, parseNationalIcs } from './ics.ts';
import { checkNationalYear, mergeNationalYears, packageNationalYears, parseNationalJson } from './national.ts';
import * as repo from './repo.ts';
import { WorkCalendar, type NationalDay } from './rules.ts';
import type { CreateOverrideBody, DaysView, NationalYearBody, NationalYearView, OverrideView } from './schemas.ts';

/** At most this many days per /api/calendar/days request. */
export const MAX_DAYS_PER_REQUEST = 400;

/**
 * Resolved calendars kept in process memory, keyed by org. Each read checks the database's calendar
 * revision (one indexed single-row read), so a change committed by any server process is seen on
 * the next read everywhere (ADR 0002). Bounded: the oldest entries leave first.
 */
const CACHE_LIMIT = 5000;
const cache = new Map<string, WorkCalendar>();

function remember(key: string, calendar: WorkCalendar): void {
  cache.delete(key);
  cache.set(key, calendar);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/**
 * The working-day calendar of an org: national data (package + administrator-entered years), then
 * the county's overrides, then the township's (a village uses its township's). `null` gives the
 * national calendar alone. Throws CALENDAR_ORG_NOT_FOUND for an unknown org.
 */
export async function loadWorkCalendar(tx: Tx, orgId: string | null): Promise<WorkCalendar> {
  const revision = await repo.readRevision(tx);
  const key = orgId ?? 'national';
  const cached = cache.get(key);
  if (cached?.revision === revision) return cached;
  let overrides: OverrideView[] = [];
  if (orgId !== null) {
    const chain = await repo.findOrgChain(tx, orgId);
    if (chain.length === 0) throw new DomainError(calendarErrors.CALENDAR_ORG_NOT_FOUND, '未找到该组织机构。');
    overrides = await repo.listOverrides(
      tx,
      chain.map((org) => org.id),
    );
  }
  const national = mergeNationalYears(packageNationalYears(), await repo.listStoredNationalYears(tx));
  const calendar = new WorkCalendar({ orgId, revision, national, overrides: repo.toLocalOverrides(overrides) });
  remember(key, calendar);
  return calendar;
}

/** An org's office hours; a village without its own uses its township's, a township the county's. */
export async function loadOfficeHours(tx: Tx, orgId: string): Promise<OfficeHoursRange[]> {
  const chain = await repo.findOrgChain(tx, orgId);
  for (const org of [...chain].reverse()) if (org.officeHours.length > 0) return org.officeHours;
  return [];
}

async function orgIdOfCode(tx: Tx, code: string | undefined): Promise<string | null> {
  if (code === undefined) return null;
  const id = await repo.findOrgIdByCode(tx, code);
  if (id === null)
    throw new DomainError(calendarErrors.CALENDAR_ORG_UNKNOWN, `没有区划代码为 ${code} 的机构，请核对 org 参数（12 位区划代码）。`);
  return id;
}

export async function deadlineFor(tx: Tx, query: { start: BusinessDate; days: number; org?: string | undefined }): Promise<Deadline> {
  const calendar = await loadWorkCalendar(tx, await orgIdOfCode(tx, query.org));
  return computeDeadline(calendar, query.start, query.days);
}

export async function daysFor(tx: Tx, query: { from: BusinessDate; to: BusinessDate; org?: string | undefined }): Promise<DaysView> {
  if (query.to < query.from) throw new DomainError(calendarErrors.CALENDAR_RANGE_INVALID, '结束日期 to 不能早于起始日期 from。');
  if (dayNumberOf(query.to) - dayNumberOf(query.from) + 1 > MAX_DAYS_PER_REQUEST) {
    throw new DomainError(calendarErrors.CALENDAR_RANGE_INVALID, `一次最多查询 ${MAX_DAYS_PER_REQUEST} 天，请缩小 from–to 范围。`);
  }
  const calendar = await loadWorkCalendar(tx, await orgIdOfCode(tx, query.org));
  const days = daysInRange(query.from, query.to).map((date) => calendar.dayOf(date));
  return { days, provisional: days.some((day) => day.provisional) };
}

/** The iCalendar feed of an org: last year, this year and next year, known years and local days only. */
export async function icsFeedFor(tx: Tx, code: string, now: Date, today: BusinessDate): Promise<string> {
  const orgId = await repo.findOrgIdByCode(tx, code);
  if (orgId === null) throw new DomainError(calendarErrors.CALENDAR_ORG_NOT_FOUND, `没有区划代码为 ${code} 的机构。`);
  const chain = await repo.findOrgChain(tx, orgId);
  const calendar = await loadWorkCalendar(tx, orgId);
  const year = Number(today.slice(0, 4));
  const from = `${String(year - 1)}-01-01` as BusinessDate;
  const to = `${String(year + 1)}-12-31` as BusinessDate;
  const days = daysInRange(from, to)
    .map((date) => calendar.dayOf(date))
    .filter((day) => day.kind !== 'workday' && day.kind !== 'weekend');
  const name = `${chain.map((org) => org.name).join(' ')} 工作日历`;
  return buildIcs({ name, uidPrefix: code, days, now });
}

function assertManageable(actor: Principal, orgId: string): void {
  if (!actor.scopeOrgIds.includes(orgId)) throw new DomainError(calendarErrors.CALENDAR_ORG_NOT_FOUND, '未找到该组织机构。');
}

/** Overrides that apply to an org (its county's and township's as well), for the year page. */
export async function listOverridesFor(tx: Tx, actor: Principal, orgId: string, year: number | undefined): Promise<OverrideView[]> {
  assertManageable(actor, orgId);
  const chain = await repo.findOrgChain(tx, orgId);
  return repo.listOverrides(
    tx,
    chain.map((org) => org.id),
    year,
  );
}

export async function createOverride(
  tx: Tx,
  actor: Principal,
  body: CreateOverrideBody,
  now: Date,
): Promise<Change<{ override: OverrideView }>> {
  assertManageable(actor, body.orgId);
  const chain = await repo.findOrgChain(tx, body.orgId);
  const org = chain.at(-1);
  if (!org) throw new DomainError(calendarErrors.CALENDAR_ORG_NOT_FOUND, '未找到该组织机构。');
  if (org.kind === 'village') {
    throw new DomainError(calendarErrors.CALENDAR_OVERRIDE_INVALID, '村级服务站沿用所属乡镇的工作日历，请在乡镇设置本地假日或工作日。');
  }
  const year = Number(body.date.slice(0, 4));
  if (year < 2000 || year > 2100) throw new DomainError(calendarErrors.CALENDAR_OVERRIDE_INVALID, '日期应在 2000–2100 年之间。');
  if (await repo.hasActiveOverride(tx, body.orgId, body.date)) {
    throw new DomainError(calendarErrors.CALENDAR_OVERRIDE_EXISTS, `${org.name} 在 ${body.date} 已有本地设置，请先删除再添加。`);
  }
  const id = await repo.insertOverride(tx, { ...body, createdBy: actor.staffId }, now);
  const override = id === null ? null : await repo.findActiveOverride(tx, id);
  if (!override)
    throw new DomainError(calendarErrors.CALENDAR_OVERRIDE_EXISTS, `${org.name} 在 ${body.date} 已有本地设置，请先删除再添加。`);
  return {
    status: 201,
    body: { override },
    audit: {
      action: 'calendar.override.create',
      targetType: 'calendar_override',
      targetId: override.id,
      orgId: override.orgId,
      summary: { date: override.date, kind: override.kind, name: override.name },
    },
  };
}

export async function removeOverride(
  tx: Tx,
  actor: Principal,
  id: string,
  version: number,
  now: Date,
): Promise<Change<{ removed: { id: string; date: string; orgId: string } }>> {
  const current = await repo.findActiveOverride(tx, id);
  if (!current || !actor.scopeOrgIds.includes(current.orgId)) {
    throw new DomainError(calendarErrors.CALENDAR_OVERRIDE_NOT_FOUND, '未找到该本地日历设置（可能已被删除）。');
  }
  if (!(await repo.markOverrideRemoved(tx, id, version, actor.staffId, now))) {
    const currentVersion = await repo.findOverrideVersion(tx, id);
    throw new DomainError(commonErrors.VERSION_CONFLICT, '该设置已被他人修改，请刷新后重试。', { currentVersion });
  }
  return {
    body: { removed: { id, date: current.date, orgId: current.orgId } },
    audit: {
      action: 'calendar.override.remove',
      targetType: 'calendar_override',
      targetId: id,
      orgId: current.orgId,
      summary: { date: current.date, kind: current.kind, name: current.name },
    },
  };
}

/** The national years the platform knows: from the package, and entered by administrators. */
export async function listNationalYears(tx: Tx): Promise<NationalYearView[]> {
  const stored = new Map((await repo.listStoredNationalYears(tx)).map((year) => [year.year, year]));
  const views: NationalYearView[] = [];
  for (const year of mergeNationalYears(packageNationalYears(), [...stored.values()])) {
    const entry = stored.get(year.year)?.entry;
    views.push({
      year: year.year,
      source: entry?.source ?? 'package',
      document: entry?.document ?? '',
      holidays: year.days.filter((day) => day.kind === 'holiday').length,
      adjustedWorkdays: year.days.filter((day) => day.kind === 'adjusted_workday').length,
      enteredAt: entry?.enteredAt ?? null,
      version: entry?.version ?? null,
    });
  }
  return views;
}

function daysOfBody(body: NationalYearBody): NationalDay[] {
  if ('days' in body) return body.days;
  const parsed = body.format === 'json' ? parseNationalJson(body.content, body.year) : parseNationalIcs(body.content, body.year);
  if (typeof parsed === 'string') throw new DomainError(calendarErrors.CALENDAR_YEAR_INVALID, `${parsed}。`);
  return parsed.filter((day) => day.date.startsWith(`${String(body.year)}-`));
}

/** Enters or imports a year of national days (county administrators); replaces what was entered before for that year. */
export async function enterNationalYear(
  tx: Tx,
  actor: Principal,
  body: NationalYearBody,
  now: Date,
): Promise<Change<{ year: NationalYearView }>> {
  if (packageNationalYears().has(body.year) && !body.replacePackageData) {
    throw new DomainError(
      calendarErrors.CALENDAR_YEAR_IN_PACKAGE,
      `${String(body.year)} 年的全国节假日已由日历数据包提供；如确认数据包有误需以通知原文更正，请勾选“替换数据包数据”后再提交。`,
    );
  }
  const days = daysOfBody(body);
  const problems = checkNationalYear(body.year, days);
  if (problems.length > 0)
    throw new DomainError(calendarErrors.CALENDAR_YEAR_INVALID, `${problems.slice(0, 5).join('；')}。`, { problems });
  const source = 'days' in body ? 'manual' : body.format;
  const previousDays = await repo.replaceNationalYear(
    tx,
    { year: body.year, source, document: body.document, enteredBy: actor.staffId, days },
    now,
  );
  const view = (await listNationalYears(tx)).find((year) => year.year === body.year);
  if (!view) throw new Error('national year vanished');
  return {
    status: 201,
    body: { year: view },
    audit: {
      action: 'calendar.national_year.enter',
      targetType: 'calendar_national_year',
      targetId: String(body.year),
      orgId: null,
      summary: {
        year: body.year,
        source,
        document: body.document,
        holidays: view.holidays,
        adjustedWorkdays: view.adjustedWorkdays,
        previousDays,
      },
    },
  };
}
