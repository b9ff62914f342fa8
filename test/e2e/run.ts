// Browser tests: the real server on a fresh embedded database, driven in Debian's chromium.
import { adminTests } from './admin.e2e.ts';
import { agencyConsoleTests } from './agency-console.e2e.ts';
import { agentTests } from './agent.e2e.ts';
import { budgetTests } from './budget.e2e.ts';
import { caseTests } from './cases.e2e.ts';
import { complaintTests } from './complaints.e2e.ts';
import { consoleTests } from './console.e2e.ts';
import { appointmentTests } from './appointments.e2e.ts';
import { extensionTests } from './extension.e2e.ts';
import { hallTests } from './hall.e2e.ts';
import { launchBrowser, startServer, takeCspViolations } from './harness.ts';
import { listTests } from './lists.e2e.ts';
import { ordersTests } from './orders.e2e.ts';
import { plainWordsTests } from './plain-words.e2e.ts';
import { portalTests } from './portal.e2e.ts';
import { ratingTests } from './ratings.e2e.ts';
import { securityTests } from './security.e2e.ts';
import { serverClockTests } from './server-clock.e2e.ts';
import { situationTests } from './situations.e2e.ts';
import { walkthroughTests } from './walkthrough.e2e.ts';
import { stepsTests } from './steps.e2e.ts';
import { supervisionTests } from './supervision.e2e.ts';
import { synonymTests } from './synonyms.e2e.ts';
import { tourTests } from './tour.e2e.ts';
import { verificationTests } from './verification.e2e.ts';

// E2E_ONLY=text runs only the tests whose name contains it (while working on one page).
const only = process.env.E2E_ONLY ?? '';
const tests = [
  ...consoleTests,
  ...adminTests,
  ...budgetTests,
  ...caseTests,
  ...situationTests,
  ...listTests,
  ...stepsTests,
  ...extensionTests,
  ...walkthroughTests,
  ...verificationTests,
  ...ordersTests,
  ...ratingTests,
  ...agencyConsoleTests,
  ...agentTests,
  ...serverClockTests,
  ...tourTests,
  ...portalTests,
  ...synonymTests,
  ...hallTests,
  ...appointmentTests,
  ...supervisionTests,
  ...complaintTests,
  ...securityTests,
  ...plainWordsTests,
].filter((test) => test.name.includes(only));
let passed = 0;
let failed = 0;
const server = await startServer();
try {
  const browser = await launchBrowser();
  try {
    for (const test of tests) {
      const started = Date.now();
      try {
        takeCspViolations();
        await test.run(browser, server);
        const violations = takeCspViolations();
        if (violations.length > 0)
          throw new Error(`Content-Security-Policy refused something (R13):\n      ${violations.join('\n      ')}`);
        passed += 1;
        process.stdout.write(`  ✓ ${test.name} (${String(Date.now() - started)} ms)\n`);
      } catch (error) {
        failed += 1;
        process.stdout.write(`  ✗ ${test.name}\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
    }
  } finally {
    await browser.close();
  }
} finally {
  // Always, even when the browser cannot start: no server is left running.
  await server.stop();
}
process.stdout.write(`${String(passed)} passed, ${String(failed)} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
