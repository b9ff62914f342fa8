import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { hashPassword } from '../auth/index.ts';
import { insertWindow } from '../org/index.ts';
import { insertStaff } from '../staff/index.ts';
import { createManualClock } from '../../shared/clock.ts';
import { createCounty, createTownship, TEST_PASSWORD, type TownshipFixture } from '../../../test/support/factories.ts';
import { isPostgres, openIsolatedDb, TEST_AUDIT_KEY, type TestEnv } from '../../../test/support/test-env.ts';

/**
 * Two windows never get the same ticket, across server processes: two real servers (src/main.ts)
 * on one PostgreSQL database, 300 tickets taken through both, four clerks at four windows each
 * calling 100 times (two clerks per server, all at once) and finishing what they get → every
 * ticket served exactly once, 100 calls find nobody waiting.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TICKETS = 300;
const CALLS = 100;

let db: Db & { url?: string };
let town: TownshipFixture;
const servers: { child: ChildProcess; base: string; dataDir: string }[] = [];
const clerks: { username: string; windowId: string }[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

async function startServer(url: string): Promise<{ child: ChildProcess; base: string; dataDir: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'yizhan-hall-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      YIZHAN_DATA_DIR: dataDir,
      YIZHAN_AUDIT_KEY: TEST_AUDIT_KEY,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, dataDir };
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('hall test server did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Answer {
  status: number;
  body: { token?: string; ticket?: { id: string } | null; code?: string };
}

async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = (await response.json()) as Answer['body'];
    // A transaction that lost a serialization race may be refused 409 TRANSACTION_CONFLICT: sent again, as a client would.
    if (response.status === 409 && parsed.code === 'TRANSACTION_CONFLICT' && attempt < 5) continue;
    return { status: response.status, body: parsed };
  }
}

describe.runIf(isPostgres())('calling from two server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    db = await openIsolatedDb();
    const env = { db, clock: createManualClock(new Date()) } as unknown as TestEnv;
    const county = await createCounty(env);
    town = await createTownship(env, county.county);
    const hash = await hashPassword(TEST_PASSWORD);
    await db.transaction(SYSTEM_SCOPE, async (tx) => {
      clerks.push({ username: town.window.username, windowId: town.windowId });
      for (const number of ['2', '3', '4']) {
        const windowId = await insertWindow(tx, { orgId: town.township.id, number, name: `综合窗口${number}` }, new Date());
        const username = `hall${number}_${randomUUID().slice(0, 6)}`;
        await insertStaff(
          tx,
          {
            orgId: town.township.id,
            username,
            name: `窗口${number}`,
            role: 'window_staff',
            phone: '',
            departmentId: null,
            windowId,
            passwordHash: hash,
            mustChangePassword: false,
          },
          new Date(),
        );
        clerks.push({ username, windowId });
      }
    });
    if (!db.url) throw new Error('no database url');
    servers.push(await startServer(db.url), await startServer(db.url));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      rmSync(server.dataDir, { recursive: true, force: true });
    }
    await db.close();
  }, 60_000);

  it(`4 windows × ${String(CALLS)} calls on ${String(TICKETS)} tickets: every ticket served exactly once`, async () => {
    const [a, b] = servers;
    if (!a || !b) throw new Error('servers missing');
    const director = await api(a.base, 'POST', '/api/auth/login', {
      username: town.director.username,
      password: TEST_PASSWORD,
    });
    const created = await api(
      a.base,
      'POST',
      '/api/queue/categories',
      { orgId: town.township.id, code: 'general', name: '综合业务', prefix: 'A', windowIds: clerks.map((clerk) => clerk.windowId) },
      director.body.token,
    );
    expect(created.status).toBe(201);
    for (let start = 0; start < TICKETS; start += 20) {
      const batch = Array.from({ length: Math.min(20, TICKETS - start) }, (_unused, index) =>
        api((start + index) % 2 === 0 ? a.base : b.base, 'POST', '/api/public/queue/tickets', {
          org: town.township.code,
          category: 'general',
        }),
      );
      for (const taken of await Promise.all(batch)) expect(taken.status).toBe(201);
    }
    const sessions = await Promise.all(
      clerks.map(async (clerk, index) => {
        const server = index % 2 === 0 ? a : b;
        const login = await api(server.base, 'POST', '/api/auth/login', {
          username: clerk.username,
          password: TEST_PASSWORD,
        });
        return { ...clerk, base: server.base, token: login.body.token ?? '' };
      }),
    );
    const started = Date.now();
    const results = await Promise.all(
      sessions.map(async (clerk) => {
        const got: string[] = [];
        let empty = 0;
        for (let call = 0; call < CALLS; call++) {
          const next = await api(clerk.base, 'POST', `/api/queue/windows/${clerk.windowId}/call-next`, {}, clerk.token);
          expect(next.status, JSON.stringify(next.body)).toBe(200);
          const ticket = next.body.ticket;
          if (!ticket) {
            empty += 1;
            continue;
          }
          got.push(ticket.id);
          const finished = await api(clerk.base, 'POST', `/api/queue/tickets/${ticket.id}/finish`, {}, clerk.token);
          expect(finished.status).toBe(200);
        }
        return { got, empty };
      }),
    );
    const served = results.flatMap((result) => result.got);
    process.stdout.write(
      `hall concurrency (2 processes, PostgreSQL): ${String(served.length)} tickets served by 4 windows in ${String(Date.now() - started)} ms, per window ${results.map((result) => String(result.got.length)).join('/')}, empty calls ${String(results.reduce((sum, result) => sum + result.empty, 0))}\n`,
    );
    expect(served).toHaveLength(TICKETS);
    expect(new Set(served).size).toBe(TICKETS);
    expect(results.reduce((sum, result) => sum + result.empty, 0)).toBe(4 * CALLS - TICKETS);
    const rows = await db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ status: string; count: number }>(
        'select status, count(*)::int as count from queue_tickets where org_id = $1 group by status',
        [town.township.id],
      ),
    );
    expect(rows.rows).toEqual([{ status: 'finished', count: TICKETS }]);
    const rollup = await db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ served: number; called: number }>(
        'select sum(served)::int as served, sum(called)::int as called from queue_rollups where org_id = $1',
        [town.township.id],
      ),
    );
    expect(rollup.rows[0]).toEqual({ served: TICKETS, called: TICKETS });
  }, 300_000);
});
