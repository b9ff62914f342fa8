import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { loadAuditKey, openDatabase, StartupError } from './runtime.ts';
import { runWarningJob } from './modules/cases/index.ts';
import { runAgencyWarningJob } from './modules/agency/index.ts';
import { runComplaintWarningJob } from './modules/complaints/index.ts';
import { deliverNotices, webhookSender } from './modules/notices/index.ts';
import { recordExternalAnchor } from './modules/audit/index.ts';
import { purgeOrphanFileContent } from './modules/files/index.ts';
import { purgeSignInThrottles } from './modules/auth/index.ts';
import { runQueueDayEnd } from './modules/queue/index.ts';
import { runDefaultRatingJob } from './modules/ratings/index.ts';
import { createHeavyWork } from './kernel/heavy-work.ts';
import { buildApp } from './server/app.ts';
import { auditAnchorFileIn } from './server/audit-trail.ts';
import { purgeIdempotencyRecords } from './kernel/change.ts';
import { workflowDeps } from './server/deps.ts';
import { startJobs } from './server/jobs.ts';
import { createSystemClock } from './shared/clock.ts';
import { generateDemoPassword, isDatabaseEmpty, seedDemoCounty } from './seed/seed.ts';
import { auditTrailOf } from './modules/audit/index.ts';
import { runOrderEscalationJob } from './modules/supervision/index.ts';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const clock = createSystemClock(config.clockStart);
  // Connection losses are logged once the logger exists; before that start-up itself reports them.
  let logConnectionError: (error: Error) => void = () => undefined;
  const db = await openDatabase(config, {
    onConnectionError: (error) => {
      logConnectionError(error);
    },
  });
  const applied = await migrate(db);
  if (applied.length > 0) say(`数据库迁移完成 / migrations applied: ${applied.join(', ')}`);
  const auditKey = loadAuditKey(config);

  if (await isDatabaseEmpty(db)) {
    const password = config.demoPassword ?? generateDemoPassword();
    await seedDemoCounty(db, password, auditKey, clock.now());
    const note = join(config.dataDir, 'demo-credentials.txt');
    writeFileSync(
      note,
      `一站演示县账户 / Yizhan demo accounts\n用户名 / users: admin, director1, window1, window2, agent1, supervisor (及其他)\n密码 / password: ${password}\n`,
      { mode: 0o600 },
    );
    say('已载入演示县（田林县）/ demo county loaded.');
    if (config.demoPassword === undefined) say(`演示账户密码 / demo password (shown once, also in ${note}): ${password}`);
  }

  const heavy = createHeavyWork();
  const auditAnchorFile = auditAnchorFileIn(config.dataDir);
  const { caseDeps, agencyDeps } = workflowDeps();
  const app = await buildApp(
    { db, clock, config, auditKey, audit: auditTrailOf(auditKey), auditAnchorFile, security: config.security, heavy },
    { logger: { level: config.logLevel }, serveWeb: true, trustProxy: config.trustProxy, allowedOrigins: config.allowedOrigins },
  );
  logConnectionError = (error) => {
    app.log.warn({ err: error }, '数据库连接中断 / database connection lost');
  };
  const sender = config.smsWebhookUrl === undefined ? null : webhookSender(config.smsWebhookUrl);
  const stopJobs = startJobs(
    [
      { name: 'warnings', everyMs: 60_000, run: (now) => runWarningJob(db, now, caseDeps, auditKey) },
      { name: 'agency-warnings', everyMs: 60_000, run: (now) => runAgencyWarningJob(db, now, agencyDeps, auditKey) },
      { name: 'complaint-warnings', everyMs: 60_000, run: (now) => runComplaintWarningJob(db, now, auditKey) },
      { name: 'notices', everyMs: 15_000, run: (now) => deliverNotices(db, now, sender) },
      { name: 'audit-anchor', everyMs: 60_000, run: (now) => recordExternalAnchor(db, auditKey, auditAnchorFile, now) },
      { name: 'idempotency-retention', everyMs: 3_600_000, run: (now) => purgeIdempotencyRecords(db, now, config.idempotencyDays) },
      { name: 'file-orphans', everyMs: 3_600_000, run: (now) => purgeOrphanFileContent(db, now) },
      { name: 'sign-in-throttle-retention', everyMs: 3_600_000, run: (now) => purgeSignInThrottles(db, config.security, now) },
      { name: 'order-escalation', everyMs: 60_000, run: (now) => runOrderEscalationJob(db, now, auditKey) },
      { name: 'queue-day-end', everyMs: 300_000, run: (now) => runQueueDayEnd(db, now) },
      { name: 'default-ratings', everyMs: 3_600_000, run: (now) => runDefaultRatingJob(db, now, auditKey) },
    ],
    clock,
    app.log,
  );
  const shutdown = async () => {
    stopJobs();
    await app.close();
    await recordExternalAnchor(db, auditKey, auditAnchorFile, clock.now()).catch(() => undefined);
    await heavy.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  say(`一站已启动 / Yizhan is running: http://${config.host}:${String(config.port)}/ (数据库 ${db.engine})`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof StartupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
