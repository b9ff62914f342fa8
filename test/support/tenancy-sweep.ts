import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/kernel/context.ts';
import type { ProbeRequest, ProbeTable, ProbeTarget, RouteSpec } from './tenancy-probe-kit.ts';
import type { TenantWorld } from './tenancy-world.ts';

/** R4: runs the probe table against the route table, actor by actor, and says what each answer proves. */

export interface Actor {
  label: string;
  role: Role;
  auth: { authorization: string };
  home: ProbeTarget['home'];
  /** The world this actor is a stranger to (its township and its county level: even its own county's objects are outside a township's scope). */
  target: TenantWorld;
  /** Ids, numbers and names that must never reach this actor. */
  foreignMarkers: ReadonlySet<string>;
}

export interface RoleFigures {
  actor: string;
  role: Role;
  probes: number;
  scopeRefusals: number;
  roleRefusals: number;
  cleanReads: number;
  /** Probes answered 400 VALIDATION_FAILED: each is also a failure (it never reached the scope check). */
  validationStops: number;
  skipped: number;
  failures: number;
}

export interface SweepResult {
  figures: RoleFigures;
  failures: string[];
}

/** Routes the app has registered that the OpenAPI document does not list: the documentation itself. */
const UNDOCUMENTED = [/^\/api\/docs(\/|$)/, /^\/api\/openapi\.json$/];

/**
 * The route table: every operation of /api/openapi.json, checked against the routes the app has
 * registered (so a route hidden from the document cannot slip past either).
 */
export async function routeTable(app: FastifyInstance): Promise<{ routes: string[]; undocumented: string[]; unregistered: string[] }> {
  const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  const routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const documented = new Set(routes);
  const registered = registeredRoutes(app);
  const undocumented = registered
    .filter((route) => !documented.has(route) && !route.startsWith('HEAD '))
    .filter((route) => !UNDOCUMENTED.some((pattern) => pattern.test(route.split(' ')[1] ?? '')));
  // Every documented route must be found in the tree as well, or the tree was misread.
  const unregistered = routes.filter((route) => !registered.includes(route));
  return { routes, undocumented, unregistered };
}

/** Reads Fastify's route tree (`printRoutes`) into `METHOD /path/{param}` lines. */
export function registeredRoutes(app: FastifyInstance): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) found.push(`${method} ${path}`);
  }
  if (found.length === 0) throw new Error('could not read the route tree');
  return found;
}

async function textOf(response: LightMyRequestResponse, kind: 'json' | 'xlsx'): Promise<string> {
  if (kind === 'json') return response.body;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [book.title, book.subject];
  book.eachSheet((sheet) => {
    cells.push(sheet.name);
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text);
      });
    });
  });
  return cells.join('\n');
}

/** Does the probe address the route it stands for? (A wrong path would get the router's 404, not the scope check's.) */
export function addresses(key: string, request: ProbeRequest): boolean {
  const [method, path = ''] = key.split(' ');
  const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/?]+')}(\\?|$)`);
  return method === request.method && pattern.test(request.url);
}

function isAllowed(spec: Extract<RouteSpec, { roles: unknown }>, role: Role): boolean {
  return spec.roles === 'any' || spec.roles.includes(role);
}

export function inject(app: FastifyInstance, request: ProbeRequest, auth?: { authorization: string }) {
  const isChange = request.method !== 'GET';
  const hasBody = request.payload !== undefined;
  return app.inject({
    method: request.method,
    url: request.url,
    headers: {
      ...auth,
      ...(isChange ? { 'idempotency-key': randomUUID() } : {}),
      ...(hasBody ? { 'content-type': request.contentType ?? 'application/json' } : {}),
    },
    ...(hasBody ? { payload: Buffer.isBuffer(request.payload) ? request.payload : JSON.stringify(request.payload) } : {}),
  });
}

/** Sends every probe of every route as one actor; each answer is a proof, or a failure saying why not. */
export async function sweepAs(app: FastifyInstance, actor: Actor, routes: readonly string[], table: ProbeTable): Promise<SweepResult> {
  const figures: RoleFigures = {
    actor: actor.label,
    role: actor.role,
    probes: 0,
    scopeRefusals: 0,
    roleRefusals: 0,
    cleanReads: 0,
    validationStops: 0,
    skipped: 0,
    failures: 0,
  };
  const failures: string[] = [];
  for (const key of routes) {
    const spec = table[key];
    if (!spec || 'public' in spec) continue;
    const allowed = isAllowed(spec, actor.role);
    for (const probe of spec.probes) {
      if (allowed && 'skip' in probe.answer) {
        figures.skipped += 1;
        continue;
      }
      const request = probe.request({ w: actor.target, home: actor.home });
      if (!addresses(key, request)) {
        failures.push(`${key}: the probe sends ${request.method} ${request.url}, another route`);
        continue;
      }
      const response = await inject(app, request, actor.auth);
      figures.probes += 1;
      const problem = verdictOf(response, allowed ? probe.answer : { refuse: 'FORBIDDEN' });
      const leak = await leakIn(response, request, actor.foreignMarkers, 'read' in probe.answer && allowed ? probe.answer.read : 'json');
      const failure = problem.failure ?? (leak ? `leaked ${leak}` : undefined);
      if (failure) {
        figures.failures += 1;
        if (problem.failure?.startsWith('stopped at validation')) figures.validationStops += 1;
        failures.push(
          `${key} as ${actor.label} (${request.method} ${request.url}): ${failure} — ${String(response.statusCode)} ${response.body.slice(0, 300)}`,
        );
      } else if (problem.kind === 'read') figures.cleanReads += 1;
      else if (allowed) figures.scopeRefusals += 1;
      else figures.roleRefusals += 1;
    }
  }
  return { figures, failures };
}

function verdictOf(
  response: LightMyRequestResponse,
  answer: { refuse: string } | { read: string } | { skip: string },
): { kind?: 'read' | 'refusal'; failure?: string } {
  const status = response.statusCode;
  if (status >= 500) return { failure: 'server error' };
  const code = response.headers['content-type']?.toString().startsWith('application/problem+json')
    ? response.json<{ code?: string }>().code
    : undefined;
  // A probe refused by validation never reached the scope check: that proves nothing, so it fails.
  if (code === 'VALIDATION_FAILED' || (status === 400 && code === undefined))
    return { failure: 'stopped at validation: the probe did not reach the scope check' };
  if ('read' in answer)
    return status === 200 ? { kind: 'read' } : { failure: `expected a clean read (200), got ${code ?? String(status)}` };
  if ('refuse' in answer) {
    if (status < 400) return { failure: `SUCCEEDED (${String(status)}) on another tenant's object` };
    return code === answer.refuse ? { kind: 'refusal' } : { failure: `expected ${answer.refuse}, got ${code ?? String(status)}` };
  }
  return { failure: 'skipped probe was sent' };
}

/**
 * A marker of the other tenant in the answer. A refusal may echo an id the probe itself sent (the
 * URL or body names it); anything else — a name, another id — is a leak.
 */
async function leakIn(
  response: LightMyRequestResponse,
  request: ProbeRequest,
  markers: ReadonlySet<string>,
  kind: 'json' | 'xlsx',
): Promise<string | undefined> {
  const sent = `${request.url} ${Buffer.isBuffer(request.payload) ? '' : JSON.stringify(request.payload ?? '')}`;
  const text = response.statusCode === 200 ? await textOf(response, kind) : response.body;
  return [...markers].find((marker) => text.includes(marker) && !(response.statusCode !== 200 && sent.includes(marker)));
}

/** Public routes: sent without any sign-in, once, aimed at the world's township. */
export async function probePublic(
  app: FastifyInstance,
  routes: readonly string[],
  table: ProbeTable,
  target: ProbeTarget,
): Promise<{ sent: number; failures: string[] }> {
  const failures: string[] = [];
  let sent = 0;
  for (const key of routes) {
    const spec = table[key];
    if (!spec || !('public' in spec) || !spec.request) continue;
    const request = spec.request(target);
    const asks = [request, ...(spec.hidden ?? []).map((hidden) => hidden.request(target))];
    for (const asked of asks)
      if (!addresses(key, asked)) failures.push(`${key}: the probe sends ${asked.method} ${asked.url}, another route`);
    const response = await inject(app, request);
    sent += 1;
    if (response.statusCode !== 200) failures.push(`${key} (public): ${String(response.statusCode)} ${response.body.slice(0, 200)}`);
    for (const hidden of spec.hidden ?? []) {
      const asked = hidden.request(target);
      const answer = await inject(app, asked);
      sent += 1;
      const code = answer.statusCode >= 400 ? answer.json<{ code?: string }>().code : undefined;
      const shown = (hidden.absent?.(target.w) ?? []).find((text) => answer.body.includes(text));
      if (hidden.refuse !== undefined ? code !== hidden.refuse : answer.statusCode !== 200 || shown !== undefined) {
        failures.push(
          `${key} (public, ${asked.url}): unpublished data ${shown ?? ''} or not refused — ${String(answer.statusCode)} ${answer.body.slice(0, 200)}`,
        );
      }
    }
  }
  return { sent, failures };
}

const CONTROL_PREFERENCE: readonly Role[] = ['director', 'window_staff', 'agent', 'reviewer', 'county_admin', 'supervisor'];

/**
 * The control: every probe sent again by the objects' own staff (an allowed role of the target
 * world). It must not get the stranger's refusal, nor fail validation: so the stranger's refusal came
 * from the scope check on a real object, not from a wrong id or a bad body. It changes the target
 * world, so it runs after the fingerprint was compared.
 */
export async function controlProbes(
  app: FastifyInstance,
  owners: readonly Actor[],
  routes: readonly string[],
  table: ProbeTable,
): Promise<{ sent: number; answers: Record<string, number>; failures: string[] }> {
  const failures: string[] = [];
  const answers: Record<string, number> = {};
  let sent = 0;
  for (const key of routes) {
    const spec = table[key];
    if (!spec || 'public' in spec) continue;
    for (const probe of spec.probes) {
      if ('skip' in probe.answer) continue;
      const eligible = probe.level === 'county' ? owners.filter((owner) => owner.home.orgId === owner.target.county.county.id) : owners;
      const owner = CONTROL_PREFERENCE.map((role) => eligible.find((candidate) => candidate.role === role && isAllowed(spec, role))).find(
        Boolean,
      );
      if (!owner) {
        failures.push(`${key}: no owner of the target world may use it, so no control`);
        continue;
      }
      const request = probe.request({ w: owner.target, home: owner.home });
      if (!addresses(key, request)) {
        failures.push(`${key}: the probe sends ${request.method} ${request.url}, another route`);
        continue;
      }
      const response = await inject(app, request, owner.auth);
      sent += 1;
      const code = response.headers['content-type']?.toString().startsWith('application/problem+json')
        ? response.json<{ code?: string }>().code
        : undefined;
      const answer = code ?? String(response.statusCode);
      answers[answer] = (answers[answer] ?? 0) + 1;
      if (process.env.TENANCY_DEBUG && response.statusCode >= 300)
        process.stdout.write(`control ${key} ${owner.role}: ${response.body.slice(0, 160)}\n`);
      const failure =
        response.statusCode >= 500
          ? 'server error'
          : code === 'VALIDATION_FAILED' || (response.statusCode === 400 && code === undefined)
            ? 'invalid request: the probe builder is wrong'
            : code === 'UNAUTHENTICATED'
              ? 'the owner was signed out by an earlier control: reorder or retarget the probes'
              : 'refuse' in probe.answer && code === probe.answer.refuse
                ? `the owner got the stranger's refusal too: the probe proves nothing about scope`
                : 'read' in probe.answer && response.statusCode !== 200
                  ? 'the owner could not read it'
                  : undefined;
      if (failure)
        failures.push(
          `${key} as the owner's ${owner.role} (${request.method} ${request.url}): ${failure} — ${String(response.statusCode)} ${response.body.slice(0, 300)}`,
        );
    }
  }
  return { sent, answers, failures };
}
