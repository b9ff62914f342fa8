import { defineConfig } from 'vitest/config';
import { SkippedTestsReporter } from './test/support/skipped-reporter.ts';

/** CI asks for a JSON report beside the usual output (YIZHAN_TEST_REPORT=<file>) to sum up its counts. */
const jsonReport = process.env.YIZHAN_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['src/web/**', 'test/e2e/**', 'node_modules/**'],
    reporters: [
      'default',
      new SkippedTestsReporter(),
      ...(jsonReport ? [['json', { outputFile: jsonReport }] as ['json', { outputFile: string }]] : []),
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
