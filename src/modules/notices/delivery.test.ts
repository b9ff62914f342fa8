import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { deliverNotices, webhookSender } from './index.ts';

/** The SMS gateway lies outside the product: a local HTTP server stands in for it at the network edge. */
let env: TestEnv;
let town: TownshipFixture;
let gateway: Server;
let gatewayUrl = '';
let gatewayStatus = 200;
const received: { to: string; text: string }[] = [];

beforeAll(async () => {
  // Delivery drains every pending notice in the database: on a shared one it would send other files' notices too.
  env = await createTestEnv({ isolated: true });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (gatewayStatus === 200) received.push(JSON.parse(body) as { to: string; text: string });
      response.statusCode = gatewayStatus;
      response.end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const address = gateway.address();
  gatewayUrl = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}/sms`;
});
afterAll(async () => {
  gateway.close();
  await env.close();
});

async function enqueue(message: string): Promise<string> {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const row = await tx.query<{ id: string }>(
      `insert into outbox (org_id, channel, recipient, message, status, next_attempt_at, created_at)
       values ($1, 'console', '13977612345', $2, 'pending', $3, $3) returning id`,
      [town.township.id, message, env.clock.now()],
    );
    return row.rows[0]?.id ?? '';
  });
}

const statusOf = (id: string) =>
  env.db.transaction(
    SYSTEM_SCOPE,
    async (tx) =>
      (
        await tx.query<{ status: string; attempts: number; channel: string }>(
          'select status, attempts, channel from outbox where id = $1',
          [id],
        )
      ).rows[0],
  );

describe('notices to applicants', () => {
  it('without a gateway a notice is recorded for the console; staff see it with the phone masked', async () => {
    const id = await enqueue('【一站】您申请的事项已受理');
    expect(await deliverNotices(env.db, env.clock.now(), null)).toMatchObject({ sent: 1 });
    expect(await statusOf(id)).toEqual({ status: 'sent', attempts: 1, channel: 'console' });
    const list = await env.app.inject({ method: 'GET', url: '/api/notices', headers: await signIn(env, town.window.username) });
    expect(list.json<{ notices: { message: string; recipient: string }[] }>().notices[0]).toMatchObject({
      message: '【一站】您申请的事项已受理',
      recipient: '139****2345',
    });
  });

  it('posts to the SMS gateway, retries with backoff when it fails, and gives up after 6 attempts', async () => {
    gatewayStatus = 503;
    const id = await enqueue('【一站】请补正材料');
    const sender = webhookSender(gatewayUrl);
    expect(await deliverNotices(env.db, env.clock.now(), sender)).toMatchObject({ failed: 1 });
    expect(await statusOf(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await deliverNotices(env.db, env.clock.now(), sender)).toMatchObject({ sent: 0, failed: 0 });
    gatewayStatus = 200;
    expect(await deliverNotices(env.db, new Date(env.clock.now().getTime() + 61_000), sender)).toMatchObject({ sent: 1 });
    expect(await statusOf(id)).toEqual({ status: 'sent', attempts: 2, channel: 'webhook' });
    expect(received.at(-1)).toMatchObject({ to: '13977612345', text: '【一站】请补正材料' });

    gatewayStatus = 500;
    const doomed = await enqueue('【一站】已办结');
    let at = env.clock.now().getTime();
    for (let i = 0; i < 6; i++) {
      await deliverNotices(env.db, new Date(at), sender);
      at += 60 * 60_000;
    }
    expect(await statusOf(doomed)).toMatchObject({ status: 'failed', attempts: 6 });
  });
});
