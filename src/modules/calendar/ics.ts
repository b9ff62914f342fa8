import { addCalendarDays, businessDateOf, isBusinessDate, type BusinessDate } from '../../shared/business-date.ts';
import type { CalendarDay, DayKind, NationalDay } from './rules.ts';

/**
 * iCalendar (RFC 5545): the feed of an org's holidays and working weekends, and a small parser
 * for importing a year of national data (all-day VEVENTs with DTSTART/DTEND;VALUE=DATE and
 * SUMMARY such as "春节(休)" / "春节(班)", the convention of the chinese-days feeds).
 */

type SpecialKind = Exclude<DayKind, 'workday' | 'weekend'>;

const CATEGORY: Record<SpecialKind, string> = {
  holiday: '法定节假日',
  adjusted_workday: '调休上班',
  local_holiday: '本地假日',
  local_workday: '本地工作日',
};

function isOffKind(kind: SpecialKind): boolean {
  return kind === 'holiday' || kind === 'local_holiday';
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** Content lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const charSize = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + charSize > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += charSize;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (date: BusinessDate) => date.replace(/-/g, '');

function stampOf(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface IcsFeed {
  /** Calendar name shown by the subscribing client. */
  name: string;
  /** Used in event UIDs, e.g. the org's division code. */
  uidPrefix: string;
  /** Non-ordinary days in date order (holidays, 调休, local days); ordinary days are ignored. */
  days: readonly CalendarDay[];
  now: Date;
}

/** Builds the feed: consecutive days of the same kind and name become one all-day event. */
export function buildIcs(feed: IcsFeed): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Yizhan//Working-day calendar//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
    'REFRESH-INTERVAL;VALUE=DURATION:P1D',
  ];
  const stamp = stampOf(feed.now);
  let index = 0;
  const days = feed.days.filter((day) => day.kind !== 'workday' && day.kind !== 'weekend');
  while (index < days.length) {
    const first = days[index];
    if (first === undefined) break;
    const kind = first.kind as SpecialKind;
    let last = first;
    while (index + 1 < days.length) {
      const next = days[index + 1];
      if (next?.kind !== first.kind || next.name !== first.name || next.date !== addCalendarDays(last.date, 1)) break;
      last = next;
      index++;
    }
    index++;
    const name = first.name ?? CATEGORY[kind];
    lines.push(
      'BEGIN:VEVENT',
      `UID:${feed.uidPrefix}-${kind}-${compact(first.date)}@yizhan`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(first.date)}`,
      `DTEND;VALUE=DATE:${compact(addCalendarDays(last.date, 1))}`,
      `SUMMARY:${escapeText(`${name}(${isOffKind(kind) ? '休' : '班'})`)}`,
      `CATEGORIES:${escapeText(CATEGORY[kind])}`,
      `X-YIZHAN-KIND:${kind}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

function parseProperty(line: string): Property | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const [name = '', ...params] = line.slice(0, colon).split(';');
  const record: Record<string, string> = {};
  for (const param of params) {
    const [key = '', value = ''] = param.split('=');
    record[key.toUpperCase()] = value;
  }
  return { name: name.toUpperCase(), params: record, value: line.slice(colon + 1) };
}

/** A DATE (YYYYMMDD) or DATE-TIME value as a Beijing business date; UTC times are converted. */
function dateOf(property: Property): BusinessDate | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(property.value.trim());
  if (!match) return null;
  const date = `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`;
  if (!isBusinessDate(date)) return null;
  if (match[7] === 'Z') {
    return businessDateOf(new Date(`${date}T${match[4] ?? '00'}:${match[5] ?? '00'}:${match[6] ?? '00'}Z`));
  }
  return date;
}

const WORK_MARK = /[(（]\s*班\s*[)）]|调休上班|上班/;
const MARKS = /[(（]\s*[休班]\s*[)）]|调休上班|放假|上班/g;

/**
 * Reads the national days of one year from an iCalendar text. Kind: `X-YIZHAN-KIND` when present,
 * otherwise a SUMMARY marked "(班)" or containing 上班 is a 调休 working day and any other event a
 * holiday. Returns the days or a Chinese description of the first problem found.
 */
export function parseNationalIcs(text: string, year: number): NationalDay[] | string {
  const lines = text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  if (!lines.some((line) => line.trim().toUpperCase() === 'BEGIN:VCALENDAR')) return '不是 iCalendar 文件（缺少 BEGIN:VCALENDAR）';
  const days = new Map<string, NationalDay>();
  let event: Property[] | null = null;
  let eventCount = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line.toUpperCase() === 'BEGIN:VEVENT') {
      event = [];
      continue;
    }
    if (line.toUpperCase() === 'END:VEVENT') {
      if (event === null) continue;
      eventCount++;
      const problem = addEvent(event, year, days);
      if (problem) return problem;
      event = null;
      continue;
    }
    if (event !== null) {
      const property = parseProperty(line);
      if (property) event.push(property);
    }
  }
  if (eventCount === 0) return '文件中没有任何事件（VEVENT）';
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function addEvent(event: Property[], year: number, days: Map<string, NationalDay>): string | null {
  const find = (name: string) => event.find((property) => property.name === name);
  const startProperty = find('DTSTART');
  const start = startProperty ? dateOf(startProperty) : null;
  if (start === null) return '有事件缺少有效的 DTSTART（应为 VALUE=DATE 的日期）';
  const endProperty = find('DTEND');
  const end = endProperty ? dateOf(endProperty) : addCalendarDays(start, 1);
  if (end === null || end <= start) return `事件 ${start} 的 DTEND 无效`;
  const summary = unescapeText(find('SUMMARY')?.value ?? '').trim();
  const declared = find('X-YIZHAN-KIND')?.value.trim();
  if (declared !== undefined && declared !== 'holiday' && declared !== 'adjusted_workday') {
    return `事件 ${start} 的 X-YIZHAN-KIND 为 ${declared}，全国日历只接受 holiday 或 adjusted_workday`;
  }
  const kind = declared ?? (WORK_MARK.test(summary) ? 'adjusted_workday' : 'holiday');
  const name = summary.replace(MARKS, '').trim() || (kind === 'holiday' ? '节假日' : '调休上班');
  for (let day = start; day < end; day = addCalendarDays(day, 1)) {
    if (Number(day.slice(0, 4)) !== year) continue;
    const previous = days.get(day);
    if (previous && previous.kind !== kind) return `日期 ${day} 同时被标为放假和上班`;
    days.set(day, { date: day, kind, name });
  }
  return null;
}
