// The load side of the P11 benchmark, forked by bench/heavy-work.bench.ts so that its clock and event
// loop are not the server's: it polls GET /api/health every 10 ms while the heavy requests run.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ItemContent } from '../src/modules/catalog/index.ts';
import { catalogWorkbook, paddedPdf } from './heavy-work-fixtures.ts';

const address = process.argv[2] ?? '';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const UPLOAD_BYTES = 10 * 1024 * 1024 - 64 * 1024;
const POLL_MS = 10;
const PASSWORD = process.env.BENCH_PASSWORD ?? '';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Heavy {
  name: string;
  status: number;
  ms: number;
}
export interface Latencies {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
export interface PhaseResult {
  phase: string;
  heavy: Heavy[];
  health: Latencies;
  /** A route that never touches the database (404): the event loop alone. */
  probe: Latencies;
  failures: number;
}
export type LoadMessage =
  { type: 'mark'; phase: string; edge: 'start' | 'end' } | { type: 'result'; phases: PhaseResult[] } | { type: 'log'; line: string };

const send = (message: LoadMessage) => process.send?.(message);
const ask = (message: LoadMessage) =>
  new Promise<void>((resolve) => {
    process.once('message', () => {
      resolve();
    });
    send(message);
  });

async function signIn(username: string): Promise<{ token: string; orgId: string }> {
  const response = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${username}: ${String(response.status)} ${await response.text()}`);
  const body = (await response.json()) as { token: string; user: { orgId: string } };
  return { token: body.token, orgId: body.user.orgId };
}

type Session = { token: string };
async function call(session: Session | null, method: string, path: string, body?: unknown, type = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (method !== 'GET') headers['idempotency-key'] = randomUUID();
  if (body !== undefined) headers['content-type'] = type;
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body);
  return fetch(`${address}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
}
async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${String(response.status)} ${await response.text()}`);
  return (await response.json()) as T;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/**
 * Sends GET `path` every 10 ms until stopped, each request on its own schedule (not waiting for the
 * one before, as independent clients would): a stall shows in every poll that arrives during it.
 */
function poll(path: string) {
  const samples: { sent: number; done: number; ok: boolean }[] = [];
  const pending = new Set<Promise<void>>();
  const state = { stopped: false };
  const running = (async () => {
    let due = performance.now();
    while (!state.stopped) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      const request = fetch(`${address}${path}`).then(
        async (response) => {
          await response.arrayBuffer();
          samples.push({ sent, done: performance.now(), ok: response.status < 500 });
        },
        () => {
          samples.push({ sent, done: performance.now(), ok: false });
        },
      );
      pending.add(request);
      void request.finally(() => pending.delete(request));
      due += POLL_MS;
    }
    await Promise.all(pending);
  })();
  return {
    async stop(from: number, to: number) {
      state.stopped = true;
      await running;
      const inside = samples.filter((s) => s.sent >= from && s.sent <= to);
      return { latency: latencies(inside.map((s) => s.done - s.sent)), failures: inside.filter((s) => !s.ok).length };
    },
  };
}

async function timed(name: string, request: () => Promise<Response>): Promise<Heavy> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  const heavy = { name, status: response.status, ms: performance.now() - started };
  send({ type: 'log', line: `  ${name}: ${String(heavy.status)} in ${heavy.ms.toFixed(0)} ms` });
  return heavy;
}

async function phase(name: string, work: () => Promise<Heavy>[]): Promise<PhaseResult> {
  await ask({ type: 'mark', phase: name, edge: 'start' });
  // BENCH_NO_HEALTH=1 leaves /api/health out (on PGlite it waits for the database's one session), to see the loop alone.
  const health = poll(process.env.BENCH_NO_HEALTH ? '/api/bench-probe-404?health=off' : '/api/health');
  const probe = poll('/api/bench-probe-404');
  await sleep(500);
  const from = performance.now();
  const heavy = await Promise.all(work());
  const to = performance.now();
  await sleep(300);
  const [h, p] = [await health.stop(from, to), await probe.stop(from, to)];
  await ask({ type: 'mark', phase: name, edge: 'end' });
  return { phase: name, heavy, health: h.latency, probe: p.latency, failures: h.failures };
}

const admin = await signIn('admin');
const clerk = await signIn('window1');
const county = '451029000000';
const { items: samples } = await json<{ items: ItemContent[] }>(await call(admin, 'GET', `/api/items/export.json?orgId=${admin.orgId}`));
const alone = await catalogWorkbook(samples, ROWS, 'PA');
const together = await catalogWorkbook(samples, ROWS, 'PB');
const upload = await paddedPdf(UPLOAD_BYTES);
send({
  type: 'log',
  line: `fixtures: ${String(ROWS)}-row workbooks of ${(alone.length / 1e6).toFixed(1)} MB, a ${(upload.length / 1e6).toFixed(1)} MB PDF`,
});

const applicant = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' };
const guide = await json<{ materials: { name: string }[] }>(await call(null, 'GET', `/api/public/items/ZJD-001?org=${county}`));
const materials = guide.materials.map(({ name }) => ({ name, received: true }));
const accepted = await json<{ id: string; version: number }>(
  await call(clerk, 'POST', '/api/cases', { itemCode: 'ZJD-001', applicant, materials }),
);
await json(await call(clerk, 'POST', `/api/cases/${accepted.id}/accept`, { version: accepted.version }));
const incomplete = await json<{ id: string; version: number }>(
  await call(clerk, 'POST', '/api/cases', { itemCode: 'ZJD-001', applicant, materials: materials.slice(0, 1) }),
);
await json(
  await call(clerk, 'POST', `/api/cases/${incomplete.id}/request-supplement`, {
    version: incomplete.version,
    materials: [
      { name: '申请人居民身份证', reason: '未提供' },
      { name: '户口簿', reason: '未提供户主页' },
    ],
  }),
);

const pdfs: [string, () => Promise<Response>][] = [
  ['guide.pdf ZJD-001', () => call(null, 'GET', `/api/public/items/ZJD-001/guide.pdf?org=${county}`)],
  ['notice-checklist.pdf DB-001', () => call(null, 'GET', `/api/public/items/DB-001/notice-checklist.pdf?org=${county}`)],
  ['受理通知书', () => call(clerk, 'GET', `/api/cases/${accepted.id}/notices/accepted`)],
  ['一次性告知书', () => call(clerk, 'GET', `/api/cases/${incomplete.id}/notices/supplement`)],
];
// A server that has printed once: worker threads started, fonts read (the first print of a fresh process is not the steady state).
for (const [, request] of pdfs) await (await request()).arrayBuffer();

const phases: PhaseResult[] = [];
send({ type: 'log', line: `import alone (${String(ROWS)} rows, publish):` });
phases.push(
  await phase('import alone', () => [
    timed(`import ${String(ROWS)} rows`, () => call(admin, 'POST', `/api/items/import?orgId=${admin.orgId}&publish=true`, alone, XLSX)),
  ]),
);
send({ type: 'log', line: 'all at once (4 PDFs, an import, a 10 MB upload):' });
// BENCH_ONLY=pdfs,import,upload runs a part of the mix, to see which part a stall comes from.
const only = new Set((process.env.BENCH_ONLY ?? 'pdfs,import,upload').split(','));
phases.push(
  await phase('all at once', () => [
    ...(only.has('pdfs') ? pdfs.map(([name, request]) => timed(name, request)) : []),
    ...(only.has('import')
      ? [
          timed(`import ${String(ROWS)} rows`, () =>
            call(admin, 'POST', `/api/items/import?orgId=${admin.orgId}&publish=true`, together, XLSX),
          ),
        ]
      : []),
    ...(only.has('upload')
      ? [timed('upload 10 MB PDF', () => call(clerk, 'POST', '/api/files?name=x.pdf', upload, 'application/pdf'))]
      : []),
  ]),
);
send({ type: 'result', phases });
process.disconnect();
