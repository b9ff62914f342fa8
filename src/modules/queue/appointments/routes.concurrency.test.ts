import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { createTestEnv, isPostgres, type TestEnv } from '../../../../test/support/test-env.ts';

/**
 * A slot is never oversold: 40 citizens with verified phones book the same slot of capacity 3 at
 * once on PostgreSQL (each request on its own pooled connection) → exactly 3 bookings, 37 refusals.
 */
const CITIZENS = 40;
const CAPACITY = 3;

let env: TestEnv;
let town: TownshipFixture;

describe.runIf(isPostgres())('concurrent bookings on PostgreSQL', () => {
  beforeAll(async () => {
    env = await createTestEnv({ isolated: true });
    const county = await createCounty(env);
    town = await createTownship(env, county.county);
    const director = await signIn(env, town.director.username);
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/queue/categories',
      headers: changeHeaders(director),
      payload: {
        orgId: town.township.id,
        code: 'general',
        name: '综合业务',
        prefix: 'A',
        windowIds: [town.windowId],
        slotCapacity: CAPACITY,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
  }, 120_000);
  afterAll(async () => env.close());

  it(`${String(CITIZENS)} bookings at once into a slot for ${String(CAPACITY)}: exactly ${String(CAPACITY)} succeed`, async () => {
    const org = town.township.code;
    const phones = Array.from({ length: CITIZENS }, (_, index) => `1380000${String(1000 + index)}`);
    const codes = new Map<string, string>();
    for (const phone of phones) {
      const sent = await env.app.inject({
        method: 'POST',
        url: '/api/public/queue/appointments/codes',
        headers: { 'idempotency-key': randomUUID() },
        payload: { org, phone },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const row = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
        tx.query<{ message: string }>('select message from outbox where recipient = $1 order by created_at desc limit 1', [phone]),
      );
      codes.set(phone, /验证码为 (\d{6})/.exec(row.rows[0]?.message ?? '')?.[1] ?? '');
    }
    const answers = await Promise.all(
      phones.map((phone) =>
        env.app.inject({
          method: 'POST',
          url: '/api/public/queue/appointments',
          headers: { 'idempotency-key': randomUUID() },
          payload: { org, category: 'general', date: '2026-10-16', from: '10:00', phone, code: codes.get(phone) },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(CAPACITY);
    expect(
      answers.filter((answer) => answer.statusCode !== 201).every((answer) => answer.json<{ code: string }>().code === 'QUEUE_SLOT_FULL'),
    ).toBe(true);
    const stored = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ count: number }>(
        `select count(*)::int as count from queue_appointments where org_id = $1 and on_date = '2026-10-16' and slot_from = '10:00' and status = 'booked'`,
        [town.township.id],
      ),
    );
    expect(stored.rows[0]?.count).toBe(CAPACITY);
  }, 120_000);
});
