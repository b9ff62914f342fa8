import { randomUUID } from 'node:crypto';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import type { TownshipFixture } from './factories.ts';
import type { TestEnv } from './test-env.ts';

/**
 * R4: the hall objects of a world, made through the real API (categories, tickets, a call, a finish
 * with the world's case, a paired pad and its rating, settings), plus the appointment rows no route
 * of this world writes yet. Each name carries the world's tag.
 */
export interface HallWorld {
  categoryId: string;
  categoryVersion: number;
  /** Finished with the world's case and rated on the pad. */
  ratedTicketId: string;
  /** Called at the township's window, by its clerk: the ticket acts aim at it. */
  liveTicketId: string;
  deviceId: string;
  deviceVersion: number;
  settingsVersion: number;
  /** An opened 非工作日预约 session (version 1). */
  sessionId: string;
}

type Auth = { authorization: string };

export async function buildHallWorld(
  env: TestEnv,
  town: TownshipFixture,
  auths: { director: Auth; clerk: Auth },
  tag: string,
  caseId: string,
): Promise<HallWorld> {
  const call = async <T>(
    auth: Auth | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await env.app.inject({
      method,
      url,
      headers: { ...(auth ?? {}), ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (response.statusCode >= 300) throw new Error(`hall fixture ${method} ${url} → ${String(response.statusCode)} ${response.body}`);
    return response.json<T>();
  };
  const org = town.township.code;
  const settings = await call<{ settings: { version: number } }>(auths.director, 'PUT', '/api/queue/settings', {
    orgId: town.township.id,
    version: 0,
    announcements: [`${tag}公告`],
  });
  const category = await call<{ category: { id: string; version: number } }>(auths.director, 'POST', '/api/queue/categories', {
    orgId: town.township.id,
    code: 'general',
    name: `${tag}综合`,
    prefix: 'A',
    windowIds: [town.windowId],
  });
  const rated = await call<{ id: string }>(null, 'POST', '/api/public/queue/tickets', {
    org,
    category: 'general',
    name: `${tag}群众`,
    phone: '13977619001',
  });
  await call(auths.clerk, 'POST', `/api/queue/windows/${town.windowId}/call-next`);
  await call(auths.clerk, 'POST', `/api/queue/tickets/${rated.id}/finish`, { caseIds: [caseId] });
  const device = await call<{ device: { id: string }; pairingCode: string }>(auths.director, 'POST', '/api/queue/devices', {
    windowId: town.windowId,
    name: `${tag}评价器`,
  });
  const paired = await call<{ token: string }>(null, 'POST', '/api/public/queue/pads/pair', { org, code: device.pairingCode });
  await call(null, 'POST', '/api/public/queue/pads/ratings', { ticketId: rated.id, level: 'satisfied' }, { 'x-hall-device': paired.token });
  const live = await call<{ id: string }>(null, 'POST', '/api/public/queue/tickets', { org, category: 'general', name: `${tag}等候` });
  await call(auths.clerk, 'POST', `/api/queue/windows/${town.windowId}/call-next`);
  await call(null, 'POST', '/api/public/queue/tickets', { org, category: 'general' });
  const devices = await call<{ devices: { id: string; version: number }[] }>(
    auths.director,
    'GET',
    `/api/queue/devices?orgId=${town.township.id}`,
  );
  // Rows no route of this world writes yet: an opened session, a booking and a phone code.
  const sessionId = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const at = env.clock.now();
    const session = await tx.query<{ id: string }>(
      `insert into queue_appointment_sessions (org_id, kind, on_date, from_time, to_time, capacity, note, created_at)
       values ($1, 'non_working_day', '2026-10-17', '09:00', '12:00', 4, $2, $3) returning id`,
      [town.township.id, `${tag}周六`, at],
    );
    await tx.query(
      `insert into queue_appointments (org_id, category_id, kind, on_date, slot_from, slot_to, applicant_name, phone, code, created_at, changed_at)
       values ($1, $2, 'online', '2026-10-16', '09:00', '09:30', $3, '13977619002', '123456', $4, $4)`,
      [town.township.id, category.category.id, `${tag}预约人`, at],
    );
    await tx.query(
      `insert into queue_phone_codes (org_id, phone, code_hash, expires_at, created_at) values ($1, '13977619002', 'x', $2, $2)`,
      [town.township.id, at],
    );
    return session.rows[0]?.id ?? '';
  });
  return {
    categoryId: category.category.id,
    categoryVersion: category.category.version,
    ratedTicketId: rated.id,
    liveTicketId: live.id,
    deviceId: device.device.id,
    deviceVersion: devices.devices.find((one) => one.id === device.device.id)?.version ?? 1,
    settingsVersion: settings.settings.version,
    sessionId,
  };
}
