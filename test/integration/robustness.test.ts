import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import { signIn } from '../support/factories.ts';
import { arbitraryOf, type JsonSchema } from '../support/fuzz-arbitraries.ts';
import { buildWorld, type TenantWorld } from '../support/tenancy-world.ts';
import { createTestEnv, type TestEnv } from '../support/test-env.ts';

/**
 * R6: ≥ 1,000 generated requests per operation of /api/openapi.json, shaped by each operation's own
 * schemas (path, query, body: mostly valid, some at the edges, one value in eight from TARGETS' nasty
 * corpus), as five roles of a township full of real objects → no 5xx, every refusal problem+json with
 * a Chinese title, no stack trace, SQL or path in a body. YIZHAN_FUZZ_RUNS and YIZHAN_FUZZ_SEED
 * change the count and the seed (both printed).
 */
const RUNS = Number(process.env.YIZHAN_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.YIZHAN_FUZZ_SEED ?? 20261207);
const IN_PARALLEL = 8;
/** One operation only, as "GET /api/cases" (to chase a failure). */
const ONLY = process.env.YIZHAN_FUZZ_ONLY;
const INTERNALS = /at \S+ \(|node_modules|\/work\/|\bselect\b.+\bfrom\b|syntax error at|violates .* constraint|TypeError|ReferenceError/i;

interface Operation {
  method: string;
  path: string;
  params: Record<string, JsonSchema>;
  query: JsonSchema;
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

let env: TestEnv;
let world: TenantWorld;
let operations: Operation[];
const sessions = new Map<string, { username: string; authorization: string }>();
const passwordHashes = new Map<string, string>();

/** Every uuid among the world's objects: generated ids point at real rows of the fuzzer's own tenant. */
function idsOf(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) found.add(value);
  else if (value instanceof Set) for (const item of value) idsOf(item, found);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) idsOf(item, found);
  return found;
}

/** The fixture's accounts back in working order, and a session for each (a fuzzed request may disable, lock or sign one out). */
async function refreshSessions(): Promise<void> {
  await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    // A fuzzed password change or reset may have succeeded: the fixture's own password comes back.
    await tx.query(
      `update staff set status = 'active', locked_until = null, failed_attempts = 0, must_change_password = false,
         password_hash = original.password_hash
       from unnest($1::uuid[], $2::text[]) as original (id, password_hash) where staff.id = original.id`,
      [[...passwordHashes.keys()], [...passwordHashes.values()]],
    );
    await tx.query('delete from sign_in_throttles');
  });
  for (const [role, session] of sessions) {
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: session.authorization } });
    if (me.statusCode !== 200) sessions.set(role, { ...session, ...(await signIn(env, session.username)) });
  }
}

function operationsOf(spec: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const query: JsonSchema = {
        type: 'object',
        properties: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        required: parameters.filter((p) => p.in === 'query' && p.required === true).map((p) => p.name),
      };
      const params = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
      const body = operation.requestBody?.content?.['application/json']?.schema;
      return { method: method.toUpperCase(), path, params, query, body };
    }),
  );
}

/** Percent-encodes like a browser; a lone surrogate becomes raw invalid UTF-8, which a server must survive too. */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function urlOf(operation: Operation, params: Record<string, unknown>, query: unknown): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => encode(params[name] ?? 'x') || 'x');
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return `${path}?q=${encode(query)}`;
  const pairs = Object.entries(query).map(([key, value]) => `${encode(key)}=${encode(value)}`);
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

beforeAll(async () => {
  // Its own database: refreshSessions clears every sign-in throttle, which other files' tests count on.
  env = await createTestEnv({ isolated: true });
  world = await buildWorld(env);
  for (const [role, username] of [
    ['director', world.town.director.username],
    ['window_staff', world.town.window.username],
    ['agent', world.town.agent.username],
    ['county_admin', world.county.admin.username],
    ['supervisor', world.county.supervisor.username],
  ] as const) {
    sessions.set(role, { username, ...(await signIn(env, username)) });
  }
  const staffIds = [world.town.director.id, world.town.window.id, world.town.agent.id, world.county.admin.id, world.county.supervisor.id];
  const rows = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
    tx.query<{ id: string; password_hash: string }>('select id, password_hash from staff where id = any ($1::uuid[])', [staffIds]),
  );
  for (const row of rows.rows) passwordHashes.set(row.id, row.password_hash);
  operations = operationsOf((await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()).filter(
    (operation) => ONLY === undefined || `${operation.method} ${operation.path}` === ONLY,
  );
}, 120_000);
afterAll(async () => env.close());

/** The operations are fuzzed in this many parts, each a test of its own with its own time limit. */
const PARTS = 8;

describe('generated requests on every operation (R6)', () => {
  it.each(Array.from({ length: PARTS }, (_, part) => part))(
    `≥ ${String(RUNS)} requests per operation from its own schemas, as five roles: no 5xx, problem+json in Chinese, no internals (part %i of ${String(PARTS)})`,
    async (part) => {
      const context = { ids: [...idsOf(world)] };
      const roles = [...sessions.keys()];
      const byClass = new Map<string, number>();
      const failures: string[] = [];
      const mine = [...operations.entries()].filter(([index]) => index % PARTS === part);
      for (const [index, operation] of mine) {
        await refreshSessions();
        const request = fc.record({
          role: fc.constantFrom(...roles),
          params: fc.record(
            Object.fromEntries(Object.entries(operation.params).map(([name, schema]) => [name, arbitraryOf(schema, context)])),
          ),
          query: arbitraryOf(operation.query, context),
          body: operation.body ? arbitraryOf(operation.body, context) : fc.option(fc.jsonValue({ maxDepth: 2 })),
          address: fc.integer({ min: 1, max: 250 }),
        });
        const samples = fc.sample(request, { numRuns: RUNS, seed: SEED + index });
        for (let start = 0; start < samples.length; start += IN_PARALLEL) {
          await Promise.all(
            samples.slice(start, start + IN_PARALLEL).map(async (sample) => {
              const url = urlOf(operation, sample.params, sample.query);
              const response = await env.app.inject({
                method: operation.method as 'GET',
                url,
                // Sign-in throttling is per address: fuzzed sign-ins come from addresses of their own.
                remoteAddress: `10.77.0.${String(sample.address)}`,
                headers: {
                  authorization: sessions.get(sample.role)?.authorization ?? '',
                  'idempotency-key': randomUUID(),
                  ...(operation.method === 'GET' ? {} : { 'content-type': 'application/json' }),
                },
                ...(operation.method === 'GET' || sample.body === undefined ? {} : { payload: JSON.stringify(sample.body) }),
              });
              const status = response.statusCode;
              const statusClass = `${String(Math.floor(status / 100))}xx`;
              byClass.set(statusClass, (byClass.get(statusClass) ?? 0) + 1);
              const what = `${operation.method} ${url.slice(0, 300)} as ${sample.role} → ${String(status)} ${response.body.slice(0, 300)}`;
              if (status >= 500) failures.push(what);
              else if (status >= 400) {
                const isProblem = String(response.headers['content-type']).includes('application/problem+json');
                const title = isProblem ? (response.json<{ title?: string }>().title ?? '') : '';
                if (!isProblem || !/[\u4e00-\u9fff]/.test(title) || INTERNALS.test(response.body)) failures.push(what);
              }
            }),
          );
        }
      }
      const total = [...byClass.values()].reduce((sum, n) => sum + n, 0);
      process.stdout.write(
        `R6 fuzz part ${String(part)}: seed ${String(SEED)}, ${String(mine.length)} of ${String(operations.length)} operations × ${String(RUNS)} = ${String(total)} requests; ` +
          `${[...byClass.entries()]
            .sort()
            .map(([name, n]) => `${name} ${String(n)}`)
            .join(', ')}; failures ${String(failures.length)}\n`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      expect(total).toBe(mine.length * RUNS);
    },
    600_000,
  );

  it('survives malformed transport: invalid UTF-8, deep nesting, 1e309, huge headers', async () => {
    const cases: { payload: string | Buffer; headers?: Record<string, string> }[] = [
      { payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
      { payload: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
      { payload: '{"username":1e309,"password":"x"}' },
      { payload: '{"username":"a","password":"b"}', headers: { 'x-huge': 'h'.repeat(60_000) } },
      { payload: '{"username":"a\\u0000","password":"\\ud800"}' },
    ];
    for (const item of cases) {
      const response = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', ...item.headers },
        payload: item.payload,
      });
      expect(response.statusCode, response.body).toBeLessThan(500);
      expect(response.body).not.toMatch(INTERNALS);
    }
  });
});
