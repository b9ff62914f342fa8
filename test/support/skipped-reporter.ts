import type { Reporter, TestModule } from 'vitest/node';

/**
 * Names every skipped test at the end of a run. On PGlite (no DATABASE_URL) the tests of locking,
 * in-flight requests, outages and row-level security are skipped — PGlite is one session and would
 * run them one after another — and a reader must see which, not only how many.
 */
export class SkippedTestsReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.result().state === 'skipped') skipped.push(`${test.module.moduleId.replace(`${process.cwd()}/`, '')} › ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    const where = process.env.DATABASE_URL
      ? ''
      : '（PGlite：以下测试需要 PostgreSQL 服务器，设置 DATABASE_URL 后运行 / these need a PostgreSQL server: set DATABASE_URL）';
    process.stdout.write(`\n跳过 ${String(skipped.length)} 个测试 / ${String(skipped.length)} tests skipped${where}:\n`);
    for (const name of skipped) process.stdout.write(`  - ${name}\n`);
  }
}
