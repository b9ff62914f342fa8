import { loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { verifyAuditChain } from './modules/audit/index.ts';
import { loadAuditKey, openDatabase } from './runtime.ts';
import { createSystemClock } from './shared/clock.ts';
import { generateDemoPassword, isDatabaseEmpty, seedDemoCounty } from './seed/seed.ts';

const USAGE = `用法 / usage:
  yizhan audit verify      校验审计哈希链，报告第一处断链 / verify the audit chain
  yizhan seed --demo       向空数据库载入演示县 / load the demo county into an empty database
  yizhan migrate           应用数据库迁移 / apply migrations`;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function run(args: string[]): Promise<number> {
  const command = args.join(' ');
  if (!['audit verify', 'seed --demo', 'migrate'].includes(command)) {
    say(USAGE);
    return args.length === 0 || args[0] === 'help' || args[0] === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    switch (command) {
      case 'migrate':
        say('迁移完成 / migrations applied');
        return 0;
      case 'audit verify': {
        const verdict = await verifyAuditChain(db, loadAuditKey(config));
        if (verdict.ok) {
          say(`审计链完整 / audit chain intact: ${String(verdict.checked)} 条记录`);
          return 0;
        }
        say(`审计链断裂 / audit chain BROKEN at #${String(verdict.firstBroken?.seq)}: ${verdict.firstBroken?.reason ?? ''}`);
        return 1;
      }
      default: {
        if (!(await isDatabaseEmpty(db))) {
          say('数据库不是空的，未载入演示数据 / database is not empty; nothing loaded');
          return 1;
        }
        const password = config.demoPassword ?? generateDemoPassword();
        await seedDemoCounty(db, password, loadAuditKey(config), createSystemClock(config.clockStart).now());
        say(`已载入演示县 / demo county loaded. 密码 / password: ${password}`);
        return 0;
      }
    }
  } finally {
    await db.close();
  }
}

process.exitCode = await run(process.argv.slice(2));
