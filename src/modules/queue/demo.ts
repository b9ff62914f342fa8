import type { Tx } from '../../db/db.ts';
import { addCalendarDays, businessDateOf, instantAt, type BusinessDate } from '../../shared/business-date.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { findOrgByCode, listWindows } from '../org/index.ts';
import { recordPadRating } from '../ratings/index.ts';
import { findCredentials } from '../staff/index.ts';
import { seedDemoAppointments } from './appointments/demo.ts';
import * as repo from './repo.ts';
import { RATING_LEVELS, RATING_POINTS, formatTicketNo } from './ticket.rules.ts';
import { rollupKeyAt } from './tickets.ts';
import * as tickets from './tickets-repo.ts';

/** The demo hall: 乐里镇便民服务中心 (the township the demo accounts work in). */
const DEMO_CENTER = '451029100000';

/** 业务类别 with the windows (by number) that serve them. */
const DEMO_CATEGORIES = [
  { code: 'general', name: '综合业务', prefix: 'A', windows: ['1', '5'], description: '党政、综合服务、综治等事项' },
  { code: 'social', name: '民政人社', prefix: 'B', windows: ['2', '1'], description: '低保、救助、养老、就业、社保' },
  { code: 'health', name: '医保卫健', prefix: 'C', windows: ['3'], description: '医保参保、报销、生育登记' },
  { code: 'land', name: '国土村规', prefix: 'D', windows: ['4'], description: '宅基地、建房、农业农村' },
] as const;

/** Who staffed each window on the demo morning. */
const CLERK_OF_WINDOW: Record<string, string> = { '1': 'window1', '2': 'window1b', '3': 'director1', '4': 'director1', '5': 'window1' };
const NAMES = ['韦', '黄', '罗', '李', '农', '岑', '陆', '覃', '杨', '梁', '蒙', '班'];

/** A small deterministic sequence, so every demo database has the same morning. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Categories and window assignments in 乐里镇, the previous working day's morning of tickets (served,
 * some no-shows, ratings: the director's figures have a morning to show), and a few people waiting
 * now at 医保卫健 and 国土村规.
 */
export async function seedDemoHall(tx: Tx, now: Date): Promise<void> {
  const center = await findOrgByCode(tx, DEMO_CENTER);
  if (!center) return;
  const windows = new Map((await listWindows(tx, [center.id])).map((window) => [window.number, window]));
  const categories = new Map<string, { id: string; prefix: string; windows: string[] }>();
  for (const [sort, category] of DEMO_CATEGORIES.entries()) {
    const id = await repo.insertCategory(tx, { orgId: center.id, ...category, sort, slotCapacity: 2 }, now);
    const windowIds = category.windows.flatMap((number) => (windows.get(number) ? [windows.get(number)?.id ?? ''] : []));
    await repo.replaceCategoryWindows(tx, id, center.id, windowIds);
    categories.set(category.code, { id, prefix: category.prefix, windows: [...category.windows] });
  }
  await repo.saveSettings(
    tx,
    center.id,
    0,
    { announcements: ['办理业务请先取号，按叫号到对应窗口。', '70 岁以上老人凭身份证优先办理。'] },
    now,
  );
  const clerks = new Map<string, { id: string; name: string }>();
  for (const username of new Set(Object.values(CLERK_OF_WINDOW))) {
    const found = await findCredentials(tx, { username });
    if (found) clerks.set(username, { id: found.id, name: found.name });
  }
  const calendar = await loadWorkCalendar(tx, center.id);
  const today = businessDateOf(now);
  let day = addCalendarDays(today, -1);
  while (!calendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
  await seedMorning(tx, center.id, day, categories, windows, clerks);
  await seedDemoAppointments(tx, center.id, new Map([...categories].map(([code, category]) => [code, category.id])), now);
  // Waiting now: a few tickets issued in the last half hour at the two counters nobody has opened yet.
  const codes = ['health', 'health', 'land', 'health', 'land'];
  for (const [index, code] of codes.entries()) {
    const category = categories.get(code);
    if (!category) continue;
    const at = new Date(now.getTime() - (codes.length - index) * 4 * 60_000);
    const seq = await tickets.nextSeq(tx, center.id, category.id, today);
    if (seq === null) continue;
    await tickets.insertTicket(tx, {
      orgId: center.id,
      categoryId: category.id,
      businessDate: today,
      seq,
      ticketNo: formatTicketNo(category.prefix, seq),
      channel: index % 2 === 0 ? 'kiosk' : 'phone',
      priority: index === 3 ? 'elderly' : null,
      applicantName: `${NAMES[index] ?? '韦'}${index % 2 === 0 ? '秀' : '志'}${index % 3 === 0 ? '英' : '强'}`,
      applicantIdNumber: '',
      phone: '',
      appointmentId: null,
      at,
    });
    await tickets.addToRollup(tx, rollupKeyAt(center.id, category.id, at, null, null), { issued: 1 });
  }
}

async function seedMorning(
  tx: Tx,
  orgId: string,
  day: BusinessDate,
  categories: Map<string, { id: string; prefix: string; windows: string[] }>,
  windows: Map<string, { id: string; number: string }>,
  clerks: Map<string, { id: string; name: string }>,
): Promise<void> {
  const next = sequence(20_261_015);
  const codes = ['general', 'social', 'general', 'health', 'social', 'land', 'general', 'social'];
  const freeAt = new Map<string, number>();
  for (let index = 0; index < 42; index++) {
    const code = codes[index % codes.length] ?? 'general';
    const category = categories.get(code);
    if (!category) continue;
    const issuedAt = new Date(instantAt(day, '08:30').getTime() + index * 5 * 60_000 + Math.floor(next() * 240) * 1000);
    const windowNumber = category.windows[index % category.windows.length] ?? '1';
    const window = windows.get(windowNumber);
    const clerk = clerks.get(CLERK_OF_WINDOW[windowNumber] ?? 'window1');
    if (!window || !clerk) continue;
    const calledAt = new Date(Math.max(issuedAt.getTime() + 60_000, freeAt.get(window.id) ?? 0) + Math.floor(next() * 300) * 1000);
    const isNoShow = index % 13 === 7;
    const finishedAt = new Date(calledAt.getTime() + (isNoShow ? 120 : 240 + Math.floor(next() * 660)) * 1000);
    freeAt.set(window.id, finishedAt.getTime());
    const seq = await tickets.nextSeq(tx, orgId, category.id, day);
    if (seq === null) continue;
    const id = await tickets.insertTicket(tx, {
      orgId,
      categoryId: category.id,
      businessDate: day,
      seq,
      ticketNo: formatTicketNo(category.prefix, seq),
      channel: index % 3 === 0 ? 'phone' : 'kiosk',
      priority: index % 9 === 4 ? 'elderly' : null,
      applicantName: `${NAMES[index % NAMES.length] ?? '韦'}${index % 2 === 0 ? '春' : '明'}${index % 4 === 0 ? '兰' : '华'}`,
      applicantIdNumber: '',
      phone: '',
      appointmentId: null,
      at: issuedAt,
    });
    const base = {
      windowId: window.id,
      staffId: clerk.id,
      staffName: clerk.name,
      windowNumber,
      firstCalledAt: calledAt,
      calledAt,
      callCount: 1,
    };
    const wait = { called: 1, waitSeconds: Math.round((calledAt.getTime() - issuedAt.getTime()) / 1000) };
    await tickets.addToRollup(tx, rollupKeyAt(orgId, category.id, issuedAt, null, null), { issued: 1 });
    await tickets.addToRollup(tx, rollupKeyAt(orgId, category.id, calledAt, window.id, clerk.id), wait);
    if (isNoShow) {
      await tickets.updateTicket(tx, id, { ...base, status: 'no_show' });
      await tickets.addToRollup(tx, rollupKeyAt(orgId, category.id, finishedAt, window.id, clerk.id), { noShows: 1 });
      continue;
    }
    const outcome = index % 4 === 3 ? 'consultation' : 'none';
    await tickets.updateTicket(tx, id, {
      ...base,
      status: 'finished',
      startedAt: calledAt,
      finishedAt,
      outcome,
      consultation: outcome === 'consultation' ? '咨询办理材料' : '',
    });
    const served = {
      served: 1,
      serviceSeconds: Math.round((finishedAt.getTime() - calledAt.getTime()) / 1000),
      consultations: outcome === 'consultation' ? 1 : 0,
    };
    await tickets.addToRollup(tx, rollupKeyAt(orgId, category.id, finishedAt, window.id, clerk.id), served);
    if (index % 10 < 7) {
      const level = RATING_LEVELS[index % 10 < 5 ? 0 : index % 10 === 5 ? 1 : 2];
      const ratedAt = new Date(finishedAt.getTime() + 20_000);
      await repo.insertRating(
        tx,
        { orgId, ticketId: id, windowId: window.id, staffId: clerk.id, caseIds: [], level, deviceId: null },
        ratedAt,
      );
      // 一次一评: the same touch in the county's 好差评 record, as the pad writes it.
      await recordPadRating(
        tx,
        {
          orgId,
          ticketId: id,
          ticketNo: formatTicketNo(category.prefix, seq),
          caseIds: [],
          level,
          staffId: clerk.id,
          windowNumber,
          raterName: null,
          raterPhone: null,
        },
        ratedAt,
      );
      await tickets.addToRollup(tx, rollupKeyAt(orgId, category.id, ratedAt, window.id, clerk.id), {
        ratings: 1,
        ratingPoints: RATING_POINTS[level],
      });
    }
  }
}
