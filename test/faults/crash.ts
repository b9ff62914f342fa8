// R1 (and R11 on the way): clerks submit cases while the server is killed with SIGKILL and
// PostgreSQL is stopped the hard way; every submission is retried with its key until acknowledged;
// then the database is counted. See test/faults/README.md.
//
//   node --import tsx test/faults/crash.ts            the full run (40 clients × 60, 2 kills, 1 stop)
//   node --import tsx test/faults/crash.ts --short    the CI run
//   … --broken=sync-commit-off | --broken=idempotency-race   must fail
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { isBrokenBuild, prepareBuild, type BrokenBuild } from './broken.ts';
import { checkDatabase, createDatabase, dropDatabase, markerOf, settingSeenBy, type Verdict } from './check.ts';
import { createCluster, findPostgresBin, type Cluster } from './cluster.ts';
import { Ledger, newTally, sendUntilAcknowledged, Sessions, type SendContext, type Submission } from './load.ts';
import { freePort, SupervisedServer } from './server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'Crash@2026run';
/** Window clerks of the demo county (乐里镇 ×2, 旧州镇, 潞城瑶族乡): several townships, several counters. */
const CLERKS = ['window1', 'window1b', 'window2', 'window3'];
const ITEM = 'GLJT-001';

const { values: flags } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    clients: { type: 'string' },
    submissions: { type: 'string' },
    'server-kills': { type: 'string' },
    'pg-stops': { type: 'string' },
    'outage-seconds': { type: 'string', default: '3' },
    broken: { type: 'string' },
    /** A PostgreSQL server to make a throwaway database on, when no PostgreSQL binaries are here (no stop then). */
    postgres: { type: 'string' },
    /** Another checkout to run (e.g. an older commit), instead of this tree. */
    tree: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const numberFlag = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const clients = numberFlag(flags.clients, flags.short ? 8 : 40);
const perClient = numberFlag(flags.submissions, flags.short ? 15 : 60);
const serverKills = numberFlag(flags['server-kills'], flags.short ? 1 : 2);
const wantedStops = numberFlag(flags['pg-stops'], 1);
const outageMs = Number(flags['outage-seconds']) * 1000;
const broken: BrokenBuild | undefined =
  flags.broken === undefined ? undefined : isBrokenBuild(flags.broken) ? flags.broken : fail(`unknown --broken=${flags.broken}`);
const deadlineMs = (flags.short ? 100 : 900) * 1000;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);
const since = (at: number) => Math.round(performance.now() - at);

interface OutageFigures {
  outageMs: number;
  survived: boolean;
  healthDuringOutage: string;
  unavailableDuringOutage: number;
  healthRecoveredMs: number | null;
  firstAckAfterMs: number | null;
}

const runId = randomUUID().slice(0, 8);
const scratch = join(ROOT, '.tmp', `faults-${runId}`);
mkdirSync(scratch, { recursive: true });
const startedAt = performance.now();
const deadline = startedAt + deadlineMs;

let cluster: Cluster | undefined;
let external: { adminUrl: string; name: string } | undefined;
let databaseUrl: string;
const bin = flags.postgres === undefined ? findPostgresBin() : undefined;
if (bin !== undefined) {
  cluster = await createCluster(join(scratch, 'pg'), bin, await freePort());
  await cluster.start();
  await createDatabase(cluster.url('postgres'), 'yizhan_crash');
  databaseUrl = cluster.url('yizhan_crash');
} else if (flags.postgres !== undefined) {
  external = { adminUrl: flags.postgres, name: `yizhan_crash_${runId}` };
  await createDatabase(external.adminUrl, external.name);
  const url = new URL(flags.postgres);
  url.pathname = `/${external.name}`;
  databaseUrl = url.toString();
} else {
  fail(
    'no PostgreSQL binaries found (/usr/lib/postgresql/<version>/bin or PG_BIN); pass --postgres=<url> to use a server without stopping it',
  );
}
const pgStops = cluster ? wantedStops : 0;

async function releaseDatabase(): Promise<void> {
  if (cluster) await cluster.stop().catch(() => undefined);
  if (external) await dropDatabase(external.adminUrl, external.name).catch(() => undefined);
}
/** A failure before the run proper still stops the cluster it started. */
async function orRelease<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await releaseDatabase();
    throw error;
  }
}

const build = await orRelease(() => prepareBuild(broken, flags.tree ?? ROOT, scratch));
const serverEnv: Record<string, string> = {
  ...(Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value !== undefined && name !== 'PGOPTIONS')) as Record<
    string,
    string
  >),
  DATABASE_URL: databaseUrl,
  YIZHAN_DATA_DIR: join(scratch, 'data'),
  YIZHAN_DEMO_PASSWORD: PASSWORD,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'test',
  ...build.env,
};
if (broken === 'sync-commit-off') {
  const seen = await orRelease(() => settingSeenBy(databaseUrl, serverEnv, 'synchronous_commit'));
  if (seen !== 'off') fail(`PGOPTIONS did not reach the connection (synchronous_commit = ${seen})`);
}

say(`R1 crash harness, run ${runId}: ${build.description}${flags.tree === undefined ? '' : ` (tree ${flags.tree})`}`);
say(
  `  ${String(clients)} clients × ${String(perClient)} submissions, ${String(serverKills)} server kills, ${String(pgStops)} PostgreSQL stops; scratch ${scratch}`,
);

const server = new SupervisedServer({ root: build.root, env: serverEnv, port: await freePort(), logDir: scratch, startedAt });
await orRelease(() => server.start());

const tally = newTally();
const ledger = new Ledger(startedAt);
const sessions = new Sessions(server.baseUrl, PASSWORD, tally, deadline);
const context: SendContext = { baseUrl: server.baseUrl, sessions, ledger, tally, deadline };
await orRelease(() => Promise.all(CLERKS.map((clerk) => sessions.token(clerk))));

const submissions: Submission[] = [];
let doubleSends = 0;
const total = clients * perClient;
const submissionOf = (client: number, n: number): Submission => {
  const key = `r1-${runId}-c${String(client)}-n${String(n)}`;
  const body = {
    itemCode: ITEM,
    applicant: { type: 'person', name: '黄阿婆', idNumber: '451029194001010020', phone: '13977600001', address: markerOf(runId, key) },
    channel: 'window',
    materials: [{ name: '申请人居民身份证', received: true }],
  };
  return { key, username: CLERKS[client % CLERKS.length] ?? 'window1', body: JSON.stringify(body) };
};

async function runClient(client: number): Promise<void> {
  for (let n = 0; n < perClient; n += 1) {
    const submission = submissionOf(client, n);
    submissions.push(submission);
    // One in ten is sent twice with its key: at once by even clients, back to back by odd ones.
    if (n % 10 === client % 10) {
      doubleSends += 1;
      if (client % 2 === 0) {
        await Promise.all([sendUntilAcknowledged(context, submission), sendUntilAcknowledged(context, submission)]);
      } else {
        await sendUntilAcknowledged(context, submission);
        await sendUntilAcknowledged(context, submission);
      }
    } else {
      await sendUntilAcknowledged(context, submission);
    }
  }
}

const outages: OutageFigures[] = [];
const faultLog: string[] = [];

async function stopPostgres(target: Cluster): Promise<void> {
  const exitsBefore = server.unexpectedExits.length;
  const unavailableBefore = tally.unavailable;
  const stoppedAt = performance.now();
  await target.stopImmediate();
  faultLog.push(
    `${String(since(startedAt))} ms: PostgreSQL stopped (-m immediate) at ${String(ledger.acknowledged)}/${String(total)} acknowledged`,
  );
  await sleep(Math.min(1000, outageMs));
  const probeAt = performance.now();
  const health = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
    (response) => `${String(response.status)} in ${String(since(probeAt))} ms`,
    () => `no answer (${String(since(probeAt))} ms)`,
  );
  await sleep(Math.max(0, outageMs - (performance.now() - stoppedAt)));
  await target.start();
  const upAt = performance.now();
  faultLog.push(`${String(since(startedAt))} ms: PostgreSQL accepting connections again`);
  let healthRecoveredMs: number | null = null;
  while (performance.now() - upAt < 60_000) {
    const isOk = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (isOk) {
      healthRecoveredMs = since(upAt);
      break;
    }
    await sleep(50);
  }
  await server.settled();
  const upOffset = upAt - startedAt;
  const firstAckAfter = async () => {
    for (let waited = 0; waited < 30_000; waited += 50) {
      const at = ledger.ackTimes.find((time) => time > upOffset);
      if (at !== undefined) return Math.round(at - upOffset);
      if (ledger.acknowledged === total) return null;
      await sleep(50);
    }
    return null;
  };
  outages.push({
    outageMs: Math.round(upAt - stoppedAt),
    survived: server.unexpectedExits.slice(exitsBefore).length === 0,
    healthDuringOutage: health,
    unavailableDuringOutage: tally.unavailable - unavailableBefore,
    healthRecoveredMs,
    firstAckAfterMs: await firstAckAfter(),
  });
}

/** The faults, spread over the run by progress so each lands under load: kill, stop, kill. */
async function runFaults(): Promise<void> {
  const events: ('kill' | 'stop')[] = [];
  for (let i = 0; i < Math.max(serverKills, pgStops); i += 1) {
    if (i < serverKills) events.push('kill');
    if (i < pgStops) events.push('stop');
  }
  for (const [index, event] of events.entries()) {
    const threshold = ((index + 1) / (events.length + 1)) * total;
    while (ledger.acknowledged < threshold && performance.now() < deadline) await sleep(20);
    await server.settled();
    if (event === 'kill') {
      faultLog.push(
        `${String(since(startedAt))} ms: server killed (SIGKILL) at ${String(ledger.acknowledged)}/${String(total)} acknowledged`,
      );
      const killedAt = performance.now();
      await server.killAndRestart();
      faultLog.push(`${String(since(startedAt))} ms: server restarted (${String(since(killedAt))} ms after the kill)`);
    } else if (cluster) {
      await stopPostgres(cluster);
    }
  }
}

let verdict: Verdict | undefined;
const changedOnFinalRetry: string[] = [];
try {
  await Promise.all([Promise.all(Array.from({ length: clients }, (_, client) => runClient(client))), runFaults()]);
  const loadMs = since(startedAt);
  await server.settled();
  // Every key once more: an acknowledged key must answer with the same case, and make no new one.
  const pending = [...submissions];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const before = new Set(ledger.acks.get(next.key) ?? []);
        const id = await sendUntilAcknowledged(context, next);
        if (id !== undefined && before.size > 0 && !before.has(id))
          changedOnFinalRetry.push(`${next.key}: ${[...before].join(',')} → ${id}`);
      }
    }),
  );
  verdict = await checkDatabase(databaseUrl, runId, ledger);
  report(loadMs, verdict);
} finally {
  await server.stop();
  await releaseDatabase();
}
if (process.exitCode === undefined && !flags.keep) rmSync(scratch, { recursive: true, force: true });

function report(loadMs: number, result: Verdict): void {
  const neverAcknowledged = submissions.filter((submission) => !ledger.acks.has(submission.key)).length;
  const died = server.unexpectedExits.filter((exit) => exit.wasServing);
  const violations: string[] = [];
  const check = (count: number, what: string) => {
    if (count > 0) violations.push(`${String(count)} ${what}`);
  };
  check(result.lost, 'lost acknowledgements (acknowledged, not in the database)');
  check(result.duplicateKeys, 'keys with duplicate rows');
  check(result.unacknowledgedRows, 'rows never acknowledged');
  check(result.conflictingAcks, 'keys acknowledged with two different cases');
  check(changedOnFinalRetry.length, 'keys answered with another case on the final retry');
  check(result.halfApplied, 'half-applied cases');
  check(neverAcknowledged, 'submissions never acknowledged');
  check(tally.serverErrors, 'answers ≥ 500 other than 503');
  for (const [index, outage] of outages.entries()) {
    if (!outage.survived)
      violations.push(`R11: server exited when PostgreSQL stopped (stop ${String(index + 1)}); restarted to finish the count`);
    else if (outage.healthRecoveredMs === null)
      violations.push(`R11: server did not recover by itself within 60 s of PostgreSQL's restart (stop ${String(index + 1)})`);
  }
  const otherDeaths = died.length - outages.filter((outage) => !outage.survived).length;
  check(otherDeaths, 'unexpected server exits outside the PostgreSQL stop');

  const figures = {
    run: runId,
    build: build.description,
    submissions: total,
    doubleSends,
    sends: tally.sends,
    retries: tally.retries,
    connectionErrors: tally.connectionErrors,
    unavailable503: tally.unavailable,
    inFlight409: tally.inFlight,
    serverErrors5xx: tally.serverErrors,
    refusals: tally.refusals,
    signIns: tally.signIns,
    serverKills: server.kills,
    serverRestarts: server.startMs.length - 1,
    serverStartMs: server.startMs.map(Math.round),
    postgresStops: outages.length,
    outages,
    loadMs,
    rows: result.rows,
    lost: result.lost,
    duplicates: result.duplicateKeys,
    unacknowledgedRows: result.unacknowledgedRows,
    conflictingAcks: result.conflictingAcks,
    changedOnFinalRetry: changedOnFinalRetry.length,
    halfApplied: result.halfApplied,
    neverAcknowledged,
    violations,
  };
  writeFileSync(join(scratch, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  say('');
  for (const line of faultLog) say(`  ${line}`);
  say('');
  say(
    `  submissions ${String(total)} (${String(doubleSends)} double-sends), ${String(tally.sends)} sends, ${String(tally.retries)} retries in ${String(Math.round(loadMs / 100) / 10)} s`,
  );
  say(
    `  seen: ${String(tally.connectionErrors)} connection errors, ${String(tally.unavailable)} × 503, ${String(tally.inFlight)} × 409 in flight, ${String(tally.serverErrors)} × other 5xx, ${String(tally.refusals)} refusals, ${String(tally.signIns)} sign-ins`,
  );
  say(
    `  server: ${String(server.kills)} kills, ${String(figures.serverRestarts)} restarts (start ${server.startMs.map((ms) => `${String(Math.round(ms))} ms`).join(', ')}), ${String(died.length)} unexpected exits`,
  );
  for (const outage of outages) {
    say(
      `  PostgreSQL stop: ${String(outage.outageMs)} ms down; server ${outage.survived ? 'kept running' : 'EXITED'}; /api/health during it ${outage.healthDuringOutage}; ` +
        `${String(outage.unavailableDuringOutage)} × 503; recovered: health ${outage.healthRecoveredMs === null ? 'never' : `${String(outage.healthRecoveredMs)} ms`}, ` +
        `first acknowledgement ${outage.firstAckAfterMs === null ? 'none' : `${String(outage.firstAckAfterMs)} ms`} after PostgreSQL was back`,
    );
  }
  say(
    `  database: ${String(result.rows)} rows; lost ${String(result.lost)}, duplicates ${String(result.duplicateKeys)}, unacknowledged ${String(result.unacknowledgedRows)}, half-applied ${String(result.halfApplied)}; never acknowledged ${String(neverAcknowledged)}`,
  );
  for (const line of [
    ...result.examples,
    ...tally.samples,
    ...died.map((exit) => `server exit (code ${String(exit.code)}, signal ${String(exit.signal)}):\n${exit.lastOutput}`),
  ])
    say(`    ${line}`);
  say('');
  if (violations.length === 0) {
    say('R1: PASS — 0 lost, 0 duplicates, 0 unacknowledged rows');
  } else {
    say(`R1: FAIL\n${violations.map((violation) => `  - ${violation}`).join('\n')}`);
    say(`  logs and figures kept in ${scratch}`);
    process.exitCode = 1;
  }
}
