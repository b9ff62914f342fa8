import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../support/factories.ts';
import { holdAuditChain, untilWaiting, type HeldLock } from '../support/locks.ts';
import { createTestEnv, isPostgres, type TestEnv } from '../support/test-env.ts';

/** R6: odd and hostile requests found by an outside test, each answered as problem+json below 500. */
let env: TestEnv;
let town: TownshipFixture;
let agent: { authorization: string };
let director: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  agent = await signIn(env, town.agent.username);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(response.body) as { code: string; title: string };
  expect(body.code).toBe(code);
  expect(body.title).toMatch(/[\u4e00-\u9fff]/);
}

describe('hostile input (R6)', () => {
  it('refuses deeply nested JSON before the idempotency fingerprint sees it (5,000 and 200,000 levels)', async () => {
    // A route without a body schema: the body reaches runChange's fingerprint unvalidated.
    for (const payload of [`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, `${'['.repeat(200_000)}${']'.repeat(200_000)}`]) {
      const response = await env.app.inject({
        method: 'POST',
        url: '/api/agency/devices',
        headers: { ...changeHeaders(agent), 'content-type': 'application/json' },
        payload,
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.json<{ detail: string }>().detail).toContain('嵌套过深');
    }
  });

  it('answers an over-long path parameter and a broken URL as problem+json in Chinese', async () => {
    expectProblem(await env.app.inject({ method: 'GET', url: `/api/cases/${'a'.repeat(500)}`, headers: director }), 414, 'URI_TOO_LONG');
    expectProblem(await env.app.inject({ method: 'GET', url: '/api/cases/%E0%A4%A', headers: director }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a ledger month whose next month is no date (found by the fuzzer: 9999-12 was a 500)', async () => {
    for (const url of ['/api/agency/fees?month=9999-12', '/api/agency/declines?month=0000-01']) {
      const response = await env.app.inject({ method: 'GET', url, headers: director });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body).toContain('2000–2099');
    }
  });
});

describe('on a real socket', () => {
  let served: TestEnv;
  let port = 0;
  let clerk: { authorization: string };
  beforeAll(async () => {
    // Its own database: the test holds the audit chain lock, which every change of a shared database waits on.
    served = await createTestEnv({ isolated: true });
    const { county } = await createCounty(served);
    const township = await createTownship(served, county);
    clerk = await signIn(served, township.window.username);
    port = Number(new URL(await served.app.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(async () => served.close());

  /** Sends raw bytes; resolves with everything the server wrote before the socket closed. */
  const exchange = (request: string, hangUpWhen?: () => Promise<void>) =>
    new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(request);
        if (hangUpWhen) void hangUpWhen().then(() => socket.destroy());
      });
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('close', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });

  it('answers headers too large for the HTTP parser as problem+json', async () => {
    const answer = await exchange(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(answer).toContain('application/problem+json');
    expect(answer).toContain('HEADERS_TOO_LARGE');
  });

  it.runIf(isPostgres())('keeps the change of a client that hangs up mid-request, so its retry replays it (PostgreSQL)', async () => {
    const key = randomUUID();
    const body = JSON.stringify({
      itemCode: 'GLJT-001',
      applicant: { type: 'person', name: '黄阿婆', idNumber: '451029194001010020', phone: '13977600001' },
      materials: [{ name: '申请人居民身份证', received: true }],
    });
    // The change waits on the audit chain's lock, just before it reads the client's address; the
    // client hangs up while it waits, and only then is the lock released.
    const chain = await holdAuditChain(served);
    const answered = exchange(
      `POST /api/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${clerk.authorization}\r\nIdempotency-Key: ${key}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\n\r\n${body}`,
      async () => {
        await untilWaiting(chain, 1);
      },
    );
    expect(await answered).toBe('');
    await chain.release();
    const stored = async () =>
      served.db.transaction(
        SYSTEM_SCOPE,
        async (tx) => (await tx.query('select status_code from idempotency_keys where key = $1', [key])).rows.length,
      );
    const started = performance.now();
    while ((await stored()) === 0 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stored()).toBe(1);
    const retry = await served.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...changeHeaders(clerk, key), 'content-type': 'application/json' },
      payload: body,
    });
    expect(retry.statusCode).toBe(201);
  });
});

describe.runIf(isPostgres())('a natural key taken by a concurrent request (PostgreSQL)', () => {
  it('answers 409 with the module’s code when the username is taken between the check and the insert', async () => {
    const username = `race_${randomUUID().slice(0, 8)}`;
    // A second session inserts the username and keeps its transaction open: the request's check
    // does not see it, its insert waits on the unique index, and fails once the other commits.
    const other = new pg.Client({ connectionString: env.databaseUrl });
    await other.connect();
    await other.query('begin');
    await other.query(
      `insert into staff (org_id, username, name, role, phone, password_hash, must_change_password, created_at, updated_at)
       select org_id, $1, '并发', role, '', password_hash, true, now(), now() from staff where id = $2`,
      [username, town.window.id],
    );
    const pending = env.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: changeHeaders(director),
      payload: { orgId: town.township.id, username, name: '韦小红', role: 'window_staff', password: 'Tianlin@2026new' },
    });
    const lock: HeldLock = {
      waiters: async () =>
        (
          await other.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
          )
        ).rows[0]?.n ?? 0,
      release: async () => {
        await other.query('commit');
        await other.end();
      },
    };
    await untilWaiting(lock, 1);
    await lock.release();
    const response = await pending;
    expectProblem(response, 409, 'STAFF_USERNAME_TAKEN');
  });
});
