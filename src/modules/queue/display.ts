import type { Tx } from '../../db/db.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { isRatingOpen } from './calling.ts';
import * as repo from './repo.ts';
import type { DisplayView } from './schemas.ts';
import { maskName } from './ticket.rules.ts';
import * as tickets from './tickets-repo.ts';

/** Calls the hall screen lists (the newest first) and next numbers per category it announces. */
const RECENT_CALLS = 8;
const NEXT_NUMBERS = 3;

/**
 * 综合屏·窗口屏: the current and recent calls with masked names (张*), every window's state, the
 * waiting count and next numbers per category, and the center's announcements. Public: no ticket
 * id, phone or full name is in it.
 */
export async function displayOf(tx: Tx, center: { id: string; code: string; name: string }, now: Date): Promise<DisplayView> {
  const today = businessDateOf(now);
  const [categories, waiting, next, calls, windows, settings] = [
    await repo.listCategories(tx, center.id, true),
    await tickets.countWaiting(tx, center.id, today),
    await tickets.listNextNumbers(tx, center.id, today, NEXT_NUMBERS),
    await tickets.listRecentCalls(tx, center.id, today, RECENT_CALLS),
    await repo.listHallWindows(tx, center.id),
    await repo.findSettings(tx, center.id),
  ];
  const names = new Map(categories.map((category) => [category.id, category.name]));
  const currentIds = windows.flatMap((window) => (window.currentTicketId === null ? [] : [window.currentTicketId]));
  const current = new Map<string, tickets.Ticket>();
  for (const id of currentIds) {
    const ticket = calls.find((call) => call.id === id) ?? (await tickets.findTicket(tx, id));
    if (ticket) current.set(id, ticket);
  }
  const rated = await repo.listRatedTicketIds(tx, currentIds);
  return {
    org: { code: center.code, name: center.name },
    now: now.toISOString(),
    calls: calls
      .filter((call) => call.calledAt !== null && call.windowNumber !== '')
      .map((call) => ({
        ticketNo: call.ticketNo,
        categoryName: names.get(call.categoryId) ?? '',
        windowNumber: call.windowNumber,
        maskedName: maskName(call.applicantName),
        status: call.status,
        calledAt: call.calledAt?.toISOString() ?? '',
        callCount: call.callCount,
      })),
    windows: windows
      .filter((window) => window.status !== 'closed' || window.currentTicketId !== null)
      .map((window) => {
        const ticket = window.currentTicketId === null ? null : (current.get(window.currentTicketId) ?? null);
        return {
          number: window.number,
          name: window.name,
          status: window.status,
          staffName: window.staffName,
          pauseReason: window.pauseReason,
          current: ticket ? { ticketNo: ticket.ticketNo, status: ticket.status, maskedName: maskName(ticket.applicantName) } : null,
          isAwaitingRating: ticket !== null && isRatingOpen(ticket, now) && !rated.has(ticket.id),
        };
      }),
    categories: categories.map((category) => ({
      code: category.code,
      name: category.name,
      prefix: category.prefix,
      waiting: waiting.get(category.id) ?? 0,
      next: next.get(category.id) ?? [],
    })),
    announcements: settings.announcements,
  };
}
