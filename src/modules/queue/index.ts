/**
 * 取号叫号 (queue): the hall — service categories (queueCategory) with ticket prefixes and the windows
 * that serve them, tickets from the kiosk, the phone and the lobby guide, calling at a window with a
 * fair priority policy, no-shows (noShow) and rejoin, transfers, the hall and window screens
 * (hallScreen) pushed live over SSE, and the rating pad (ratingPad) whose ratings are bound to the
 * ticket, its cases and the clerk; hall figures from hourly rollups (figures/), with an .xlsx export.
 */
export { queueRoutes } from './routes.ts';
/** Day end: tickets of past days still open are voided (run by a background job). */
export { runQueueDayEnd } from './jobs.ts';
/** The demo hall of 乐里镇: categories, window assignments and a morning of tickets. */
export { seedDemoHall } from './demo.ts';
/** Pure rules the web shares: the fair ordering, a ticket's acts and labels, masked names, rating levels. */
export { PRIORITY_GROUPS, PRIORITY_LABELS, pickNext, type PriorityGroup } from './priority.rules.ts';
export { RATING_LEVELS, RATING_LABELS, TICKET_STATUS_LABELS, maskName, type RatingLevel, type TicketStatus } from './ticket.rules.ts';
export type { TicketView, DisplayView, RatingView, CategoryView, HallWindowView } from './schemas.ts';
/** 电子监察: people waiting now in the halls of some orgs, per org. */
export { countWaitingByOrg } from './tickets-repo.ts';
/**
 * 短信验证码 for any public form of a center (预约, 投诉): send one (rate-limited, hashed, 10 minutes), use it
 * once (five tries; a wrong one throws with `extra.reason === PHONE_CODE_WRONG`, to be counted by
 * `countWrongPhoneCode` in a transaction of its own, since the refused request rolls back).
 */
export { issuePhoneCode, usePhoneCode, countWrongPhoneCode, WRONG_CODE as PHONE_CODE_WRONG } from './appointments/phone-codes.ts';
