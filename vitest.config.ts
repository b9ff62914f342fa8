import { defineConfig } from 'vitest/config';
import { SkippedTestsReporter } from './test/support/skipped-reporter.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['src/web/**', 'test/e2e/**', 'node_modules/**'],
    reporters: ['default', new SkippedTestsReporter()],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
