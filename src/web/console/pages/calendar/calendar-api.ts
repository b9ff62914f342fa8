import { api, queryString } from '../../../shared/api.ts';

/** The calendar endpoints as the year page uses them (shapes from src/modules/calendar/schemas.ts). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday' | 'local_holiday' | 'local_workday';
export const DAY_KINDS: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'adjusted_workday', 'local_holiday', 'local_workday'];

export interface CalendarDay {
  date: string;
  workday: boolean;
  kind: DayKind;
  name?: string;
  provisional: boolean;
}

export interface Override {
  id: string;
  orgId: string;
  orgName: string;
  orgKind: 'county' | 'township' | 'village';
  date: string;
  kind: 'local_holiday' | 'local_workday';
  name: string;
  note: string;
  version: number;
}

export interface Deadline {
  start: string;
  days: number;
  due: string;
  provisional: boolean;
}

export interface NationalYear {
  year: number;
  source: 'package' | 'manual' | 'json' | 'ics';
  document: string;
  holidays: number;
  adjustedWorkdays: number;
  enteredAt: string | null;
  version: number | null;
}

export async function fetchYear(year: number, orgCode: string): Promise<{ days: CalendarDay[]; provisional: boolean }> {
  return api.get(`/api/calendar/days${queryString({ from: `${String(year)}-01-01`, to: `${String(year)}-12-31`, org: orgCode })}`);
}

export async function fetchOverrides(orgId: string, year: number): Promise<Override[]> {
  return (await api.get<{ overrides: Override[] }>(`/api/calendar/overrides${queryString({ orgId, year })}`)).overrides;
}

export async function fetchDeadline(start: string, days: number, orgCode: string): Promise<Deadline> {
  return api.get(`/api/calendar/deadline${queryString({ start, days, org: orgCode })}`);
}

export async function fetchNationalYears(): Promise<NationalYear[]> {
  return (await api.get<{ years: NationalYear[] }>('/api/calendar/national-years')).years;
}

export function addOverride(
  body: { orgId: string; date: string; kind: Override['kind']; name: string; note: string },
  key: string,
): Promise<{ override: Override }> {
  return api.post('/api/calendar/overrides', body, key);
}

export function removeOverride(override: Override, key: string): Promise<unknown> {
  return api.delete(`/api/calendar/overrides/${override.id}${queryString({ version: override.version })}`, key);
}

export function importNationalYear(
  body: { year: number; document: string; replacePackageData: boolean; format: 'json' | 'ics'; content: string },
  key: string,
): Promise<{ year: NationalYear }> {
  return api.post('/api/calendar/national-years', body, key);
}

/** Month grid rows (Monday first): null pads the days before the 1st and after the last. */
export function monthCells(year: number, month: number, days: ReadonlyMap<string, CalendarDay>): (CalendarDay | null)[] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (first.getUTCDay() + 6) % 7;
  const cells: (CalendarDay | null)[] = Array.from({ length: pad }, () => null);
  for (let day = 1; day <= length; day++) {
    const date = `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    cells.push(days.get(date) ?? null);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  return cells;
}
