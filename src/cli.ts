import type { Config } from './config.ts';
import type { Db } from './db/db.ts';

const USAGE = `用法 / usage:
  yizhan audit verify      校验审计哈希链、库外锚点和每个办件的事件链，报告第一处断点 / verify the audit trail
  yizhan seed --demo       向空数据库载入演示县 / load the demo county into an empty database
  yizhan migrate           应用数据库迁移 / apply migrations
  yizhan rollups rebuild   由办件事件重算办件汇总 / recompute the case rollups from the case events`;

const COMMANDS = ['audit verify', 'seed --demo', 'migrate', 'rollups rebuild'] as const;
type Command = (typeof COMMANDS)[number];

/**
 * Runs one command and returns its exit code. Each command imports only what it needs, so
 * `audit verify` starts without the demo catalog, PDF fonts or the web server (a CLI start was
 * 16–21 s under load when everything was loaded up front).
 */
export async function run(
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
  say = (line: string) => {
    process.stdout.write(`${line}\n`);
  },
): Promise<number> {
  const command = args.join(' ');
  if (!(COMMANDS as readonly string[]).includes(command)) {
    say(USAGE);
    return args.length === 0 || args[0] === 'help' || args[0] === '--help' ? 0 : 2;
  }
  const { ConfigError, loadConfig } = await import('./config.ts');
  const { openDatabase, loadAuditKey, StartupError } = await import('./runtime.ts');
  const { migrate } = await import('./db/migrate.ts');
  let config: Config;
  let db: Db;
  try {
    config = loadConfig(env);
    db = await openDatabase(config);
  } catch (error) {
    // What to fix, not a stack: a bad setting, an unreachable server, a folder a running server holds.
    if (error instanceof ConfigError || error instanceof StartupError) {
      say(error.message);
      return 1;
    }
    throw error;
  }
  try {
    await migrate(db);
    return await runCommand(command as Command, config, db, loadAuditKey(config), say);
  } finally {
    await db.close();
  }
}

async function runCommand(command: Command, config: Config, db: Db, auditKey: string, say: (line: string) => void): Promise<number> {
  switch (command) {
    case 'migrate':
      say('迁移完成 / migrations applied');
      return 0;
    case 'audit verify': {
      const { auditAnchorFileIn, verifyAuditTrail } = await import('./server/audit-trail.ts');
      const verdict = await verifyAuditTrail(db, auditKey, { anchorFile: auditAnchorFileIn(config.dataDir) });
      const anchorNote =
        verdict.externalAnchor === null
          ? '（本机未记录库外锚点 / no external anchor recorded here）'
          : `（库外锚点 #${String(verdict.externalAnchor)} / external anchor #${String(verdict.externalAnchor)}）`;
      if (verdict.firstBroken) {
        say(`审计链断裂 / audit chain BROKEN at #${String(verdict.firstBroken.seq)}: ${verdict.firstBroken.reason}`);
      } else {
        say(`审计链完整 / audit chain intact: ${String(verdict.checked)} 条记录 ${anchorNote}`);
      }
      const events = verdict.caseEvents;
      if (events.firstBroken) {
        say(
          `办件事件链断裂 / case event chain BROKEN: 办件 ${events.firstBroken.caseNo} 第 ${String(events.firstBroken.seq)} 个事件: ${events.firstBroken.reason}`,
        );
      } else {
        say(`办件事件链完整 / case event chains intact: ${String(events.cases)} 个办件，${String(events.events)} 个事件，均有审计记录`);
      }
      return verdict.ok ? 0 : 1;
    }
    case 'rollups rebuild': {
      const { rebuildCaseRollups } = await import('./modules/cases/index.ts');
      const { SYSTEM_SCOPE } = await import('./db/db.ts');
      const { rows } = await db.transaction(SYSTEM_SCOPE, (tx) => rebuildCaseRollups(tx, null));
      say(`办件汇总已重算 / case rollups rebuilt: ${String(rows)} 行 / rows`);
      return 0;
    }
    case 'seed --demo': {
      const { generateDemoPassword, isDatabaseEmpty, seedDemoCounty } = await import('./seed/seed.ts');
      const { createSystemClock } = await import('./shared/clock.ts');
      if (!(await isDatabaseEmpty(db))) {
        say('数据库不是空的，未载入演示数据 / database is not empty; nothing loaded');
        return 1;
      }
      const password = config.demoPassword ?? generateDemoPassword();
      await seedDemoCounty(db, password, auditKey, createSystemClock(config.clockStart).now());
      say(`已载入演示县 / demo county loaded. 密码 / password: ${password}`);
      return 0;
    }
  }
}
