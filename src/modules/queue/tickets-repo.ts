import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { PriorityGroup } from './priority.rules.ts';
import type { TicketStatus } from './ticket.rules.ts';

/** All SQL of tickets, the per-day category counters, the hall screen's reads and the rollups. */

export interface Ticket {
  id: string;
  orgId: string;
  categoryId: string;
  businessDate: BusinessDate;
  seq: number;
  ticketNo: string;
  channel: 'kiosk' | 'phone' | 'staff' | 'appointment';
  priority: PriorityGroup | null;
  applicantName: string;
  applicantIdNumber: string;
  phone: string;
  status: TicketStatus;
  issuedAt: Date;
  queuedAt: Date;
  targetWindowId: string | null;
  windowId: string | null;
  staffId: string | null;
  staffName: string;
  windowNumber: string;
  firstCalledAt: Date | null;
  calledAt: Date | null;
  callCount: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  rejoins: number;
  transfers: number;
  outcome: 'case' | 'consultation' | 'none' | null;
  caseIds: string[];
  consultation: string;
  appointmentId: string | null;
  isNotifiedAhead: boolean;
  version: number;
}

const TICKET_COLUMNS = `t.id, t.org_id as "orgId", t.category_id as "categoryId", to_char(t.business_date, 'YYYY-MM-DD') as "businessDate",
  t.seq, t.ticket_no as "ticketNo", t.channel, t.priority, t.applicant_name as "applicantName",
  t.applicant_id_number as "applicantIdNumber", t.phone, t.status, t.issued_at as "issuedAt", t.queued_at as "queuedAt",
  t.target_window_id as "targetWindowId", t.window_id as "windowId", t.staff_id as "staffId", t.staff_name as "staffName",
  t.window_number as "windowNumber", t.first_called_at as "firstCalledAt", t.called_at as "calledAt", t.call_count as "callCount",
  t.started_at as "startedAt", t.finished_at as "finishedAt", t.rejoins, t.transfers, t.outcome, t.case_ids as "caseIds",
  t.consultation, t.appointment_id as "appointmentId", t.is_notified_ahead as "isNotifiedAhead", t.version`;

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toTicket(row: Ticket): Ticket {
  return {
    ...row,
    issuedAt: new Date(row.issuedAt),
    queuedAt: new Date(row.queuedAt),
    firstCalledAt: dateOrNull(row.firstCalledAt),
    calledAt: dateOrNull(row.calledAt),
    startedAt: dateOrNull(row.startedAt),
    finishedAt: dateOrNull(row.finishedAt),
  };
}

export async function findTicket(tx: Tx, id: string): Promise<Ticket | null> {
  const row = (await tx.query<Ticket>(`select ${TICKET_COLUMNS} from queue_tickets t where t.id = $1`, [id])).rows[0];
  return row ? toTicket(row) : null;
}

/** The ticket, locked until commit (every act on a ticket takes it first). */
export async function lockTicket(tx: Tx, id: string): Promise<Ticket | null> {
  const row = (await tx.query<Ticket>(`select ${TICKET_COLUMNS} from queue_tickets t where t.id = $1 for update`, [id])).rows[0];
  return row ? toTicket(row) : null;
}

/**
 * Takes a waiting ticket for a window: locked, or null when another transaction holds it or it is no
 * longer waiting. SKIP LOCKED: two windows never wait on, or get, the same ticket.
 */
export async function claimWaitingTicket(tx: Tx, id: string): Promise<Ticket | null> {
  const row = (
    await tx.query<Ticket>(
      `select ${TICKET_COLUMNS} from queue_tickets t where t.id = $1 and t.status = 'waiting' for update skip locked`,
      [id],
    )
  ).rows[0];
  return row ? toTicket(row) : null;
}

export interface WaitingTicket {
  id: string;
  seq: number;
  categoryId: string;
  isPriority: boolean;
  queuedAt: number;
  targetWindowId: string | null;
  phone: string;
  ticketNo: string;
  isNotifiedAhead: boolean;
}

/** Today's waiting tickets of these categories, in queue order (the partial index holds only these). */
export async function listWaiting(tx: Tx, categoryIds: readonly string[], date: BusinessDate): Promise<WaitingTicket[]> {
  if (categoryIds.length === 0) return [];
  const rows = (
    await tx.query<Omit<WaitingTicket, 'queuedAt'> & { queuedAt: Date | string }>(
      `select id, seq, category_id as "categoryId", priority is not null as "isPriority", queued_at as "queuedAt",
              target_window_id as "targetWindowId", phone, ticket_no as "ticketNo", is_notified_ahead as "isNotifiedAhead"
         from queue_tickets where category_id = any($1::uuid[]) and status = 'waiting' and business_date = $2
        order by queued_at, seq, id`,
      [categoryIds, date],
    )
  ).rows;
  return rows.map((row) => ({ ...row, queuedAt: new Date(row.queuedAt).getTime() }));
}

/**
 * The day rows of these categories, created if missing and locked in id order (so two windows
 * sharing categories never deadlock): the fair policy's counts, by category.
 */
export async function lockCategoryDays(
  tx: Tx,
  orgId: string,
  categoryIds: readonly string[],
  date: BusinessDate,
): Promise<Map<string, number>> {
  const sorted = [...categoryIds].sort();
  await tx.query(
    `insert into queue_category_days (category_id, business_date, org_id)
     select unnest($1::uuid[]), $2, $3 on conflict do nothing`,
    [sorted, date, orgId],
  );
  const rows = (
    await tx.query<{ categoryId: string; count: number }>(
      `select category_id as "categoryId", normal_since_priority as count from queue_category_days
        where category_id = any($1::uuid[]) and business_date = $2 order by category_id for update`,
      [sorted, date],
    )
  ).rows;
  return new Map(rows.map((row) => [row.categoryId, row.count]));
}

export async function setNormalSincePriority(tx: Tx, categoryId: string, date: BusinessDate, count: number): Promise<void> {
  await tx.query('update queue_category_days set normal_since_priority = $3 where category_id = $1 and business_date = $2', [
    categoryId,
    date,
    count,
  ]);
}

/** The next ticket number of a category today (the day row is locked until commit). */
export async function nextSeq(tx: Tx, orgId: string, categoryId: string, date: BusinessDate): Promise<number | null> {
  const row = (
    await tx.query<{ seq: number }>(
      `insert into queue_category_days (category_id, business_date, org_id, last_seq) values ($1, $2, $3, 1)
       on conflict (category_id, business_date) do update set last_seq = queue_category_days.last_seq + 1
       where queue_category_days.last_seq < 9999
       returning last_seq as seq`,
      [categoryId, date, orgId],
    )
  ).rows[0];
  return row?.seq ?? null;
}

export interface NewTicket {
  orgId: string;
  categoryId: string;
  businessDate: BusinessDate;
  seq: number;
  ticketNo: string;
  channel: Ticket['channel'];
  priority: PriorityGroup | null;
  applicantName: string;
  applicantIdNumber: string;
  phone: string;
  appointmentId: string | null;
  /** Waiting (kiosk, phone, staff, check-in) or already called (a walk-in served at once). */
  at: Date;
}

export async function insertTicket(tx: Tx, ticket: NewTicket): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into queue_tickets (org_id, category_id, business_date, seq, ticket_no, channel, priority, applicant_name,
          applicant_id_number, phone, status, issued_at, queued_at, appointment_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'waiting', $11, $11, $12) returning id`,
      [
        ticket.orgId,
        ticket.categoryId,
        ticket.businessDate,
        ticket.seq,
        ticket.ticketNo,
        ticket.channel,
        ticket.priority,
        ticket.applicantName,
        ticket.applicantIdNumber,
        ticket.phone,
        ticket.at,
        ticket.appointmentId,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('ticket insert returned nothing');
  return row.id;
}

/** The columns an act may set on a ticket (the row is locked by the act first). */
export interface TicketPatch {
  status?: TicketStatus;
  categoryId?: string;
  queuedAt?: Date;
  targetWindowId?: string | null;
  windowId?: string | null;
  staffId?: string | null;
  staffName?: string;
  windowNumber?: string;
  firstCalledAt?: Date;
  calledAt?: Date | null;
  callCount?: number;
  startedAt?: Date | null;
  finishedAt?: Date;
  rejoins?: number;
  transfers?: number;
  outcome?: 'case' | 'consultation' | 'none';
  caseIds?: string[];
  consultation?: string;
}

const PATCH_COLUMNS: Record<keyof TicketPatch, string> = {
  status: 'status',
  categoryId: 'category_id',
  queuedAt: 'queued_at',
  targetWindowId: 'target_window_id',
  windowId: 'window_id',
  staffId: 'staff_id',
  staffName: 'staff_name',
  windowNumber: 'window_number',
  firstCalledAt: 'first_called_at',
  calledAt: 'called_at',
  callCount: 'call_count',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  rejoins: 'rejoins',
  transfers: 'transfers',
  outcome: 'outcome',
  caseIds: 'case_ids',
  consultation: 'consultation',
};

export async function updateTicket(tx: Tx, id: string, patch: TicketPatch): Promise<void> {
  const params: unknown[] = [id];
  const sets: string[] = [];
  for (const key of Object.keys(patch) as (keyof TicketPatch)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${PATCH_COLUMNS[key]} = $${String(params.length)}`);
  }
  sets.push('version = version + 1');
  await tx.query(`update queue_tickets set ${sets.join(', ')} where id = $1`, params);
}

export async function markNotifiedAhead(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query('update queue_tickets set is_notified_ahead = true where id = any($1::uuid[])', [ids]);
}

/** Waiting tickets per category today (kiosk, screen, the categories API). */
export async function countWaiting(tx: Tx, orgId: string, date: BusinessDate): Promise<Map<string, number>> {
  const rows = (
    await tx.query<{ categoryId: string; waiting: number }>(
      `select t.category_id as "categoryId", count(*)::int as waiting from queue_tickets t
        where t.org_id = $1 and t.status = 'waiting' and t.business_date = $2 group by t.category_id`,
      [orgId, date],
    )
  ).rows;
  return new Map(rows.map((row) => [row.categoryId, row.waiting]));
}

/** People waiting now in the halls of these orgs (the supervision overview), per org. */
export async function countWaitingByOrg(tx: Tx, orgIds: readonly string[], date: BusinessDate): Promise<Map<string, number>> {
  const rows = (
    await tx.query<{ orgId: string; waiting: number }>(
      `select t.org_id as "orgId", count(*)::int as waiting from queue_tickets t
        where t.org_id = any ($1::uuid[]) and t.status = 'waiting' and t.business_date = $2 group by t.org_id`,
      [orgIds, date],
    )
  ).rows;
  return new Map(rows.map((row) => [row.orgId, row.waiting]));
}

/** Service times (seconds) of the category's most recent finished tickets, for the wait estimate. */
export async function listRecentServiceSeconds(tx: Tx, categoryId: string, limit: number): Promise<number[]> {
  const rows = (
    await tx.query<{ seconds: number }>(
      `select extract(epoch from finished_at - coalesce(started_at, called_at))::int as seconds from queue_tickets
        where category_id = $1 and status = 'finished' and finished_at is not null order by finished_at desc limit $2`,
      [categoryId, limit],
    )
  ).rows;
  return rows.map((row) => row.seconds);
}

/** Today's tickets of a center, newest first (the clerk's list; the no-shows to rejoin). */
export async function listTicketsOfDay(
  tx: Tx,
  orgId: string,
  date: BusinessDate,
  status: TicketStatus | undefined,
  limit: number,
): Promise<Ticket[]> {
  const rows = (
    await tx.query<Ticket>(
      `select ${TICKET_COLUMNS} from queue_tickets t where t.org_id = $1 and t.business_date = $2 and ($3::text is null or t.status = $3)
        order by t.issued_at desc limit $4`,
      [orgId, date, status ?? null, limit],
    )
  ).rows;
  return rows.map(toTicket);
}

/** Today's latest calls at a center (the hall screen's list). */
export async function listRecentCalls(tx: Tx, orgId: string, date: BusinessDate, limit: number): Promise<Ticket[]> {
  const rows = (
    await tx.query<Ticket>(
      `select ${TICKET_COLUMNS} from queue_tickets t where t.org_id = $1 and t.business_date = $2 and t.called_at is not null
        order by t.called_at desc limit $3`,
      [orgId, date, limit],
    )
  ).rows;
  return rows.map(toTicket);
}

/** The next few ticket numbers of each category (queue order; transferred ones are not announced). */
export async function listNextNumbers(tx: Tx, orgId: string, date: BusinessDate, perCategory: number): Promise<Map<string, string[]>> {
  const rows = (
    await tx.query<{ categoryId: string; ticketNo: string }>(
      `select "categoryId", "ticketNo" from (
         select t.category_id as "categoryId", t.ticket_no as "ticketNo",
                row_number() over (partition by t.category_id order by t.queued_at, t.seq, t.id) as n
           from queue_tickets t
          where t.org_id = $1 and t.status = 'waiting' and t.business_date = $2 and t.target_window_id is null) ranked
        where n <= $3 order by "categoryId", n`,
      [orgId, date, perCategory],
    )
  ).rows;
  const result = new Map<string, string[]>();
  for (const row of rows) result.set(row.categoryId, [...(result.get(row.categoryId) ?? []), row.ticketNo]);
  return result;
}

/** Tickets of past days still open, by batch, for the day-end job (each is locked, skipping busy ones). */
export async function expireTicketsBefore(tx: Tx, date: BusinessDate, limit: number): Promise<{ id: string; orgId: string }[]> {
  return (
    await tx.query<{ id: string; orgId: string }>(
      `update queue_tickets set status = 'expired', version = version + 1 where id in (
         select id from queue_tickets where status in ('waiting', 'called', 'serving') and business_date < $1
          limit $2 for update skip locked)
       returning id, org_id as "orgId"`,
      [date, limit],
    )
  ).rows;
}

/** Windows left pointing at a ticket that is no longer theirs to serve. */
export async function clearWindowsOfTickets(tx: Tx, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length > 0)
    await tx.query('update queue_windows set current_ticket_id = null, version = version + 1 where current_ticket_id = any($1::uuid[])', [
      ticketIds,
    ]);
}

// ---- rollups ----

export interface RollupKey {
  orgId: string;
  date: BusinessDate;
  hour: number;
  categoryId: string;
  windowId: string | null;
  staffId: string | null;
}

export type RollupDelta = Partial<
  Record<
    | 'issued'
    | 'called'
    | 'waitSeconds'
    | 'served'
    | 'serviceSeconds'
    | 'noShows'
    | 'cases'
    | 'consultations'
    | 'booked'
    | 'checkedIn'
    | 'bookingNoShows'
    | 'ratings'
    | 'ratingPoints',
    number
  >
>;

const NONE = '00000000-0000-0000-0000-000000000000';
const DELTA_COLUMNS: Record<keyof RollupDelta, string> = {
  issued: 'issued',
  called: 'called',
  waitSeconds: 'wait_seconds',
  served: 'served',
  serviceSeconds: 'service_seconds',
  noShows: 'no_shows',
  cases: 'cases',
  consultations: 'consultations',
  booked: 'booked',
  checkedIn: 'checked_in',
  bookingNoShows: 'booking_no_shows',
  ratings: 'ratings',
  ratingPoints: 'rating_points',
};

/** Adds to the hour's rollup row in the transaction of the act (hall figures never read tickets). */
export async function addToRollup(tx: Tx, key: RollupKey, delta: RollupDelta): Promise<void> {
  const entries = (Object.entries(delta) as [keyof RollupDelta, number][]).filter(([, value]) => value !== 0);
  if (entries.length === 0) return;
  const columns = entries.map(([name]) => DELTA_COLUMNS[name]);
  const params: unknown[] = [key.orgId, key.date, key.hour, key.categoryId, key.windowId ?? NONE, key.staffId ?? NONE];
  const values = entries.map(([, value]) => {
    params.push(value);
    return `$${String(params.length)}`;
  });
  await tx.query(
    `insert into queue_rollups (org_id, business_date, hour, category_id, window_id, staff_id, ${columns.join(', ')})
     values ($1, $2, $3, $4, $5, $6, ${values.join(', ')})
     on conflict (org_id, business_date, hour, category_id, window_id, staff_id)
     do update set ${columns.map((column) => `${column} = queue_rollups.${column} + excluded.${column}`).join(', ')}`,
    params,
  );
}

/** A center's hall screens hear of every change at commit (LISTEN/NOTIFY; PGlite delivers in-process). */
export async function notifyHall(tx: Tx, orgId: string): Promise<void> {
  await tx.query(`select pg_notify('yizhan_hall', $1)`, [orgId]);
}
