import type { Tx } from '../../db/db.ts';
import type { CategoryView, DeviceView, SettingsView } from './schemas.ts';
import type { RatingLevel } from './ticket.rules.ts';

/** All SQL of the hall's setup (settings, categories), the windows' running state, pads and ratings. */

export type Settings = Omit<SettingsView, 'orgId' | 'version'>;

export const DEFAULT_SETTINGS: Settings = {
  normalPerPriority: 3,
  elderlyAge: 70,
  rejoinLimit: 1,
  rejoinAfter: 3,
  smsAhead: 3,
  slotMinutes: 30,
  bookingDays: 7,
  noShowLimit: 3,
  noShowDays: 90,
  banDays: 30,
  announcements: [],
};

const SETTINGS_COLUMNS: Record<keyof Settings, string> = {
  normalPerPriority: 'normal_per_priority',
  elderlyAge: 'elderly_age',
  rejoinLimit: 'rejoin_limit',
  rejoinAfter: 'rejoin_after',
  smsAhead: 'sms_ahead',
  slotMinutes: 'slot_minutes',
  bookingDays: 'booking_days',
  noShowLimit: 'no_show_limit',
  noShowDays: 'no_show_days',
  banDays: 'ban_days',
  announcements: 'announcements',
};

/** A center's settings; the defaults (version 0) until its director saves them. */
export async function findSettings(tx: Tx, orgId: string): Promise<SettingsView> {
  const select = (Object.entries(SETTINGS_COLUMNS) as [keyof Settings, string][])
    .map(([key, column]) => `${column} as "${key}"`)
    .join(', ');
  const row = (await tx.query<SettingsView>(`select org_id as "orgId", ${select}, version from queue_settings where org_id = $1`, [orgId]))
    .rows[0];
  return row ?? { orgId, ...DEFAULT_SETTINGS, version: 0 };
}

/** Saves a patch if the settings still have `version` (0: none saved yet); false when someone saved first. */
export async function saveSettings(tx: Tx, orgId: string, version: number, patch: Partial<Settings>, now: Date): Promise<boolean> {
  const entries = (Object.entries(patch) as [keyof Settings, unknown][]).filter(([, value]) => value !== undefined);
  if (version === 0) {
    const merged: Settings = { ...DEFAULT_SETTINGS, ...Object.fromEntries(entries) };
    const keys = Object.keys(SETTINGS_COLUMNS) as (keyof Settings)[];
    const result = await tx.query(
      `insert into queue_settings (org_id, ${keys.map((key) => SETTINGS_COLUMNS[key]).join(', ')}, updated_at)
       values ($1, ${keys.map((_key, index) => `$${String(index + 2)}`).join(', ')}, $${String(keys.length + 2)})
       on conflict (org_id) do nothing`,
      [orgId, ...keys.map((key) => merged[key]), now],
    );
    return result.rowCount > 0;
  }
  const params: unknown[] = [orgId, version, now];
  const sets = entries.map(([key, value]) => {
    params.push(value);
    return `${SETTINGS_COLUMNS[key]} = $${String(params.length)}`;
  });
  const result = await tx.query(
    `update queue_settings set ${[...sets, 'version = version + 1', 'updated_at = $3'].join(', ')} where org_id = $1 and version = $2`,
    params,
  );
  return result.rowCount > 0;
}

// ---- categories ----

const CATEGORY_SELECT = `select c.id, c.org_id as "orgId", c.code, c.name, c.prefix, c.description, c.sort, c.slot_capacity as "slotCapacity",
  c.status, c.version,
  coalesce((select array_agg(w.window_id order by w.window_id) from queue_window_categories w where w.category_id = c.id), '{}') as "windowIds"
  from queue_categories c`;

export async function listCategories(tx: Tx, orgId: string, isActiveOnly: boolean): Promise<CategoryView[]> {
  return (
    await tx.query<CategoryView>(
      `${CATEGORY_SELECT} where c.org_id = $1 and ($2::boolean is false or c.status = 'active') order by c.sort, c.prefix`,
      [orgId, isActiveOnly],
    )
  ).rows;
}

export async function findCategory(tx: Tx, id: string): Promise<CategoryView | null> {
  return (await tx.query<CategoryView>(`${CATEGORY_SELECT} where c.id = $1`, [id])).rows[0] ?? null;
}

export async function findCategoryByCode(tx: Tx, orgId: string, code: string): Promise<CategoryView | null> {
  return (await tx.query<CategoryView>(`${CATEGORY_SELECT} where c.org_id = $1 and c.code = $2`, [orgId, code])).rows[0] ?? null;
}

/** Another active category of the center already uses the prefix, or any uses the code. */
export async function isCategoryTaken(
  tx: Tx,
  orgId: string,
  code: string | null,
  prefix: string | null,
  exceptId: string | null,
): Promise<boolean> {
  const result = await tx.query(
    `select 1 from queue_categories where org_id = $1 and ($4::uuid is null or id <> $4)
        and (code = $2 or (prefix = $3 and status = 'active')) limit 1`,
    [orgId, code, prefix, exceptId],
  );
  return result.rows.length > 0;
}

export async function insertCategory(
  tx: Tx,
  category: { orgId: string; code: string; name: string; prefix: string; description: string; sort: number; slotCapacity: number },
  now: Date,
): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into queue_categories (org_id, code, name, prefix, description, sort, slot_capacity, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [category.orgId, category.code, category.name, category.prefix, category.description, category.sort, category.slotCapacity, now],
    )
  ).rows[0];
  if (!row) throw new Error('category insert returned nothing');
  return row.id;
}

export async function updateCategory(
  tx: Tx,
  id: string,
  version: number,
  patch: Partial<{ name: string; prefix: string; description: string; sort: number; slotCapacity: number; status: 'active' | 'inactive' }>,
): Promise<boolean> {
  const columns = {
    name: 'name',
    prefix: 'prefix',
    description: 'description',
    sort: 'sort',
    slotCapacity: 'slot_capacity',
    status: 'status',
  };
  const params: unknown[] = [id, version];
  const sets: string[] = [];
  for (const [key, column] of Object.entries(columns)) {
    const value = patch[key as keyof typeof patch];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${String(params.length)}`);
  }
  sets.push('version = version + 1');
  return (await tx.query(`update queue_categories set ${sets.join(', ')} where id = $1 and version = $2`, params)).rowCount > 0;
}

export async function findCategoryVersion(tx: Tx, id: string): Promise<number | null> {
  return (await tx.query<{ version: number }>('select version from queue_categories where id = $1', [id])).rows[0]?.version ?? null;
}

export async function replaceCategoryWindows(tx: Tx, categoryId: string, orgId: string, windowIds: readonly string[]): Promise<void> {
  await tx.query('delete from queue_window_categories where category_id = $1', [categoryId]);
  if (windowIds.length > 0)
    await tx.query(`insert into queue_window_categories (window_id, category_id, org_id) select unnest($1::uuid[]), $2, $3`, [
      [...new Set(windowIds)],
      categoryId,
      orgId,
    ]);
}

/** The active categories a window serves. */
export async function listCategoriesOfWindow(tx: Tx, windowId: string): Promise<CategoryView[]> {
  return (
    await tx.query<CategoryView>(
      `${CATEGORY_SELECT} join queue_window_categories wc on wc.category_id = c.id
        where wc.window_id = $1 and c.status = 'active' order by c.sort, c.prefix`,
      [windowId],
    )
  ).rows;
}

/** Windows open (or paused) for each category: the wait estimate divides by them. */
export async function countOpenWindowsOf(tx: Tx, categoryId: string): Promise<number> {
  const row = (
    await tx.query<{ count: number }>(
      `select count(*)::int as count from queue_window_categories wc join queue_windows w on w.window_id = wc.window_id
        where wc.category_id = $1 and w.status = 'open'`,
      [categoryId],
    )
  ).rows[0];
  return row?.count ?? 0;
}

// ---- the windows' running state ----

export interface HallWindow {
  windowId: string;
  orgId: string;
  number: string;
  name: string;
  status: 'closed' | 'open' | 'paused';
  staffId: string | null;
  staffName: string;
  pauseReason: string;
  currentTicketId: string | null;
  changedAt: Date;
  version: number;
}

const WINDOW_COLUMNS = `window_id as "windowId", org_id as "orgId", number, name, status, staff_id as "staffId", staff_name as "staffName",
  pause_reason as "pauseReason", current_ticket_id as "currentTicketId", changed_at as "changedAt", version`;

/** The window's hall row, created (closed) on first use with the number and name it has now, and locked. */
export async function lockHallWindow(
  tx: Tx,
  window: { id: string; orgId: string; number: string; name: string },
  now: Date,
): Promise<HallWindow> {
  const lock = () => tx.query<HallWindow>(`select ${WINDOW_COLUMNS} from queue_windows where window_id = $1 for update`, [window.id]);
  const existing = (await lock()).rows[0];
  if (existing && existing.number === window.number && existing.name === window.name) return existing;
  await tx.query(
    `insert into queue_windows (window_id, org_id, number, name, changed_at) values ($1, $2, $3, $4, $5)
     on conflict (window_id) do update set number = excluded.number, name = excluded.name`,
    [window.id, window.orgId, window.number, window.name, now],
  );
  const row = (await lock()).rows[0];
  if (!row) throw new Error('hall window vanished');
  return row;
}

export async function findHallWindow(tx: Tx, windowId: string): Promise<HallWindow | null> {
  return (await tx.query<HallWindow>(`select ${WINDOW_COLUMNS} from queue_windows where window_id = $1`, [windowId])).rows[0] ?? null;
}

export async function listHallWindows(tx: Tx, orgId: string): Promise<HallWindow[]> {
  return (await tx.query<HallWindow>(`select ${WINDOW_COLUMNS} from queue_windows where org_id = $1 order by number`, [orgId])).rows;
}

export async function findWindowOfStaff(tx: Tx, staffId: string): Promise<HallWindow | null> {
  return (await tx.query<HallWindow>(`select ${WINDOW_COLUMNS} from queue_windows where staff_id = $1`, [staffId])).rows[0] ?? null;
}

/** The window a clerk is signed in to now (open or paused), locked. */
export async function lockWindowOfStaff(tx: Tx, staffId: string): Promise<HallWindow | null> {
  return (
    (await tx.query<HallWindow>(`select ${WINDOW_COLUMNS} from queue_windows where staff_id = $1 for update`, [staffId])).rows[0] ?? null
  );
}

export async function updateHallWindow(
  tx: Tx,
  windowId: string,
  patch: Partial<Pick<HallWindow, 'status' | 'staffId' | 'staffName' | 'pauseReason' | 'currentTicketId'>>,
  now: Date,
): Promise<void> {
  const columns = {
    status: 'status',
    staffId: 'staff_id',
    staffName: 'staff_name',
    pauseReason: 'pause_reason',
    currentTicketId: 'current_ticket_id',
  };
  const params: unknown[] = [windowId, now];
  const sets: string[] = [];
  for (const [key, column] of Object.entries(columns)) {
    const value = patch[key as keyof typeof patch];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${String(params.length)}`);
  }
  sets.push('changed_at = $2', 'version = version + 1');
  await tx.query(`update queue_windows set ${sets.join(', ')} where window_id = $1`, params);
}

// ---- rating pads and ratings ----

interface DeviceRow {
  id: string;
  orgId: string;
  windowId: string;
  name: string;
  pairedAt: Date | null;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  pairingExpiresAt: Date | null;
  version: number;
}

const DEVICE_COLUMNS = `id, org_id as "orgId", window_id as "windowId", name, paired_at as "pairedAt", last_seen_at as "lastSeenAt",
  revoked_at as "revokedAt", pairing_expires_at as "pairingExpiresAt", version`;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toDevice(row: DeviceRow): DeviceView & { orgId: string } {
  return {
    id: row.id,
    orgId: row.orgId,
    windowId: row.windowId,
    name: row.name,
    isPaired: row.pairedAt !== null,
    pairedAt: iso(row.pairedAt),
    lastSeenAt: iso(row.lastSeenAt),
    isRevoked: row.revokedAt !== null,
    pairingExpiresAt: iso(row.pairingExpiresAt),
    version: row.version,
  };
}

export async function insertDevice(
  tx: Tx,
  device: { orgId: string; windowId: string; name: string; pairingCodeHash: string; pairingExpiresAt: Date; createdBy: string },
  now: Date,
): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into queue_devices (org_id, window_id, name, pairing_code_hash, pairing_expires_at, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [device.orgId, device.windowId, device.name, device.pairingCodeHash, device.pairingExpiresAt, device.createdBy, now],
    )
  ).rows[0];
  if (!row) throw new Error('device insert returned nothing');
  return row.id;
}

export async function findDevice(tx: Tx, id: string): Promise<(DeviceView & { orgId: string }) | null> {
  const row = (await tx.query<DeviceRow>(`select ${DEVICE_COLUMNS} from queue_devices where id = $1`, [id])).rows[0];
  return row ? toDevice(row) : null;
}

export async function listDevices(tx: Tx, orgId: string): Promise<DeviceView[]> {
  return (await tx.query<DeviceRow>(`select ${DEVICE_COLUMNS} from queue_devices where org_id = $1 order by created_at`, [orgId])).rows.map(
    toDevice,
  );
}

/** Pairs the device whose unexpired code matches: stores the token's hash, forgets the code. Returns the device id. */
export async function pairDevice(
  tx: Tx,
  orgId: string,
  codeHash: string,
  tokenHash: string,
  now: Date,
): Promise<{ id: string; windowId: string } | null> {
  return (
    (
      await tx.query<{ id: string; windowId: string }>(
        `update queue_devices set token_hash = $3, paired_at = $4, last_seen_at = $4, pairing_code_hash = null, pairing_expires_at = null,
            version = version + 1
          where org_id = $1 and pairing_code_hash = $2 and pairing_expires_at > $4 and revoked_at is null
          returning id, window_id as "windowId"`,
        [orgId, codeHash, tokenHash, now],
      )
    ).rows[0] ?? null
  );
}

/** A paired, not revoked device by its token's hash (looked up before any scope is known, as sessions are). */
export async function findDeviceByToken(tx: Tx, tokenHash: string): Promise<{ id: string; orgId: string; windowId: string } | null> {
  return (
    (
      await tx.query<{ id: string; orgId: string; windowId: string }>(
        `select id, org_id as "orgId", window_id as "windowId" from queue_devices where token_hash = $1 and revoked_at is null`,
        [tokenHash],
      )
    ).rows[0] ?? null
  );
}

export async function touchDevice(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query(
    `update queue_devices set last_seen_at = $2 where id = $1 and (last_seen_at is null or last_seen_at < $2::timestamptz - interval '1 minute')`,
    [id, now],
  );
}

export async function revokeDevice(tx: Tx, id: string, version: number, now: Date): Promise<boolean> {
  return (
    (
      await tx.query(
        `update queue_devices set revoked_at = $3, token_hash = null, pairing_code_hash = null, version = version + 1
          where id = $1 and version = $2 and revoked_at is null`,
        [id, version, now],
      )
    ).rowCount > 0
  );
}

export interface Rating {
  id: string;
  orgId: string;
  ticketId: string;
  ticketNo: string;
  windowId: string;
  windowNumber: string;
  staffId: string;
  staffName: string;
  caseIds: string[];
  level: RatingLevel;
  ratedAt: Date;
}

export async function insertRating(
  tx: Tx,
  rating: {
    orgId: string;
    ticketId: string;
    windowId: string;
    staffId: string;
    caseIds: string[];
    level: RatingLevel;
    deviceId: string | null;
  },
  now: Date,
): Promise<string | null> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into queue_ratings (org_id, ticket_id, window_id, staff_id, case_ids, level, device_id, rated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (ticket_id) do nothing returning id`,
      [rating.orgId, rating.ticketId, rating.windowId, rating.staffId, rating.caseIds, rating.level, rating.deviceId, now],
    )
  ).rows[0];
  return row?.id ?? null;
}

const RATING_SELECT = `select r.id, r.org_id as "orgId", r.ticket_id as "ticketId", t.ticket_no as "ticketNo", r.window_id as "windowId",
  t.window_number as "windowNumber", r.staff_id as "staffId", t.staff_name as "staffName", r.case_ids as "caseIds", r.level, r.rated_at as "ratedAt"
  from queue_ratings r join queue_tickets t on t.id = r.ticket_id`;

export async function findRatingOfTicket(tx: Tx, ticketId: string): Promise<Rating | null> {
  return (await tx.query<Rating>(`${RATING_SELECT} where r.ticket_id = $1`, [ticketId])).rows[0] ?? null;
}

/** Ratings bound to a case (through the ticket that became it), in the caller's scope. */
export async function listRatingsOfCase(tx: Tx, caseId: string, orgIds: readonly string[]): Promise<Rating[]> {
  return (
    await tx.query<Rating>(`${RATING_SELECT} where r.case_ids @> array[$1::uuid] and r.org_id = any($2::uuid[]) order by r.rated_at`, [
      caseId,
      orgIds,
    ])
  ).rows;
}

/** Which of these tickets have been rated. */
export async function listRatedTicketIds(tx: Tx, ticketIds: readonly string[]): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = (await tx.query<{ id: string }>('select ticket_id as id from queue_ratings where ticket_id = any($1::uuid[])', [ticketIds]))
    .rows;
  return new Set(rows.map((row) => row.id));
}
