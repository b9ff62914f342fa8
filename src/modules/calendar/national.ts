import { createRequire } from 'node:module';
import { isBusinessDate, weekdayOf } from '../../shared/business-date.ts';
import type { NationalDay, NationalKind, NationalYear } from './rules.ts';

/**
 * The national calendar (国务院办公厅 部分节假日安排的通知, one per year) from the maintained
 * chinese-days package. Years the package lacks are not guessed: they are unknown until an
 * administrator enters or imports them (stored in calendar_national_years / calendar_national_days).
 */

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packageYears: ReadonlyMap<number, NationalYear> | undefined;

/** "Spring Festival,春节,4" → "春节". */
function chineseNameOf(value: string): string {
  const parts = value.split(',');
  return (parts[1] ?? parts[0] ?? '').trim() || '节假日';
}

/** Builds per-year tables from a chinese-days style `{holidays, workdays}` object. */
export function nationalYearsFromChineseDays(data: ChineseDaysData, source: NationalYear['source']): Map<number, NationalYear> {
  const byYear = new Map<number, NationalDay[]>();
  const add = (date: string, kind: NationalKind, value: string) => {
    if (!isBusinessDate(date)) return;
    const year = Number(date.slice(0, 4));
    const list = byYear.get(year) ?? [];
    list.push({ date, kind, name: chineseNameOf(value) });
    byYear.set(year, list);
  };
  for (const [date, value] of Object.entries(data.holidays)) add(date, 'holiday', value);
  for (const [date, value] of Object.entries(data.workdays)) add(date, 'adjusted_workday', value);
  const result = new Map<number, NationalYear>();
  for (const [year, days] of byYear) {
    days.sort((a, b) => (a.date < b.date ? -1 : 1));
    result.set(year, { year, source, days });
  }
  return result;
}

/** The years chinese-days knows, read once per process. */
export function packageNationalYears(): ReadonlyMap<number, NationalYear> {
  if (packageYears === undefined) {
    const require = createRequire(import.meta.url);
    packageYears = nationalYearsFromChineseDays(require('chinese-days/dist/chinese-days.json') as ChineseDaysData, 'package');
  }
  return packageYears;
}

/** Package years, with years an administrator entered taking precedence (a correction of the package, or a year it lacks). */
export function mergeNationalYears(fromPackage: ReadonlyMap<number, NationalYear>, fromAdmin: readonly NationalYear[]): NationalYear[] {
  const merged = new Map(fromPackage);
  for (const year of fromAdmin) merged.set(year.year, year);
  return [...merged.values()].sort((a, b) => a.year - b.year);
}

/**
 * Checks an entered year before it becomes law for every deadline: dates inside the year, no date
 * twice, names given, and every 调休 working day on a weekend (the notices only ever move weekends).
 * Returns the problems in Chinese; an empty list means the year can be stored.
 */
export function checkNationalYear(year: number, days: readonly { date: string; kind: NationalKind; name: string }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const day of days) {
    if (!isBusinessDate(day.date)) {
      problems.push(`日期 ${day.date} 不是有效日期（应为 YYYY-MM-DD）`);
      continue;
    }
    if (Number(day.date.slice(0, 4)) !== year) problems.push(`日期 ${day.date} 不在 ${String(year)} 年内`);
    if (seen.has(day.date)) problems.push(`日期 ${day.date} 重复出现`);
    seen.add(day.date);
    if (day.name.trim() === '') problems.push(`日期 ${day.date} 缺少节日名称`);
    const weekday = weekdayOf(day.date);
    if (day.kind === 'adjusted_workday' && weekday !== 0 && weekday !== 6) {
      problems.push(`调休上班日 ${day.date} 不是周六或周日，请核对通知原文`);
    }
  }
  if (!days.some((day) => day.kind === 'holiday')) problems.push(`${String(year)} 年没有任何法定节假日，请核对导入内容`);
  return problems;
}

/** Parses an import in JSON: `{"days":[{date,kind,name}]}`, a bare array of those, or chinese-days' `{holidays, workdays}`. */
export function parseNationalJson(text: string, year: number): NationalDay[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'JSON 格式有误，无法解析';
  }
  const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.days) ? value.days : null;
  if (list !== null) {
    const days: NationalDay[] = [];
    for (const item of list) {
      if (!isRecord(item) || typeof item.date !== 'string' || typeof item.name !== 'string') return '每一项应包含 date、kind、name';
      if (item.kind !== 'holiday' && item.kind !== 'adjusted_workday') return `日期 ${item.date} 的 kind 应为 holiday 或 adjusted_workday`;
      if (!isBusinessDate(item.date)) return `日期 ${item.date} 不是有效日期（应为 YYYY-MM-DD）`;
      days.push({ date: item.date, kind: item.kind, name: item.name.trim() });
    }
    return days;
  }
  if (isRecord(value) && isRecord(value.holidays) && isRecord(value.workdays)) {
    const data: ChineseDaysData = { holidays: stringsOf(value.holidays), workdays: stringsOf(value.workdays) };
    return [...(nationalYearsFromChineseDays(data, 'admin').get(year)?.days ?? [])];
  }
  return 'JSON 应为 {"days":[{"date":"YYYY-MM-DD","kind":"holiday|adjusted_workday","name":"春节"}]} 或 chinese-days 的 {holidays, workdays} 格式';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringsOf(record: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (typeof value === 'string') result[key] = value;
  return result;
}
