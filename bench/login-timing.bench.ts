/**
 * Sign-in timing (R5): an unknown user name must cost what a wrong password costs, or response
 * times tell an attacker which user names exist. Interleaves the two kinds of failed sign-in over
 * HTTP and compares their medians; then the same for a locked real name against a locked unknown name
 * (both refused unhashed). Target: each ratio of medians within 0.8–1.25 (exits 1 outside).
 * The unit tests prove the cause (one argon2 verification with the same parameters on every path);
 * this measures the effect, which a shared CI machine is too noisy to assert on.
 * Run: node --import tsx bench/login-timing.bench.ts
 *      DATABASE_URL=postgres://… node --import tsx bench/login-timing.bench.ts  (a throwaway database is created)
 */
import { migrate } from '../src/db/migrate.ts';
import { openBenchDb } from './bench-db.ts';
import { seedDemoCounty } from '../src/seed/seed.ts';
import { createHeavyWork } from '../src/kernel/heavy-work.ts';
import { buildApp } from '../src/server/app.ts';
import { DEFAULT_SECURITY_POLICY } from '../src/kernel/context.ts';
import { createSystemClock } from '../src/shared/clock.ts';
import { auditTrailOf } from '../src/modules/audit/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const PASSWORD = 'Bench@2026pass';
const say = (line: string) => process.stdout.write(`${line}\n`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const { db, drop, engine } = await openBenchDb();
  try {
    await migrate(db);
    const clock = createSystemClock();
    const auditKey = 'bench-audit-key-0123456789abcdef0123456789';
    await seedDemoCounty(db, PASSWORD, auditKey, clock.now());
    // A lock would cut the wrong-password path short after five tries; the bench measures the failure itself.
    const security = { ...DEFAULT_SECURITY_POLICY, maxFailedLogins: 1_000_000 };
    const app = await buildApp({
      db,
      clock,
      config: { isProduction: true },
      auditKey,
      audit: auditTrailOf(auditKey),
      security,
      heavy: createHeavyWork(),
    });
    await app.ready();
    let request = 0;
    const time = async (username: string) => {
      request += 1;
      const remoteAddress = `10.${String(request >> 16)}.${String((request >> 8) & 255)}.${String(request & 255)}`;
      const started = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'Wrong#pass9' },
        remoteAddress,
      });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 401) throw new Error(`expected 401, got ${String(response.statusCode)}`);
      return elapsed;
    };
    for (let i = 0; i < 5; i++) await time('window1');
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      unknown.push(await time(`ghost_${String(i)}`));
      wrong.push(await time('window1'));
    }
    const ratio = median(unknown) / median(wrong);
    say(
      `${engine}: ${String(ROUNDS)} rounds; median unknown user ${median(unknown).toFixed(1)} ms, wrong password ${median(wrong).toFixed(1)} ms, ratio ${ratio.toFixed(2)} (target 0.8–1.25)`,
    );
    await app.close();
    if (ratio < 0.8 || ratio > 1.25) process.exitCode = 1;

    // The locked state (R13): a locked real name and a locked unknown name must answer alike too.
    const locking = await buildApp({
      db,
      clock,
      config: { isProduction: true },
      auditKey,
      audit: auditTrailOf(auditKey),
      security: DEFAULT_SECURITY_POLICY,
      heavy: createHeavyWork(),
    });
    await locking.ready();
    const timeLocked = async (username: string) => {
      request += 1;
      const remoteAddress = `10.${String(request >> 16)}.${String((request >> 8) & 255)}.${String(request & 255)}`;
      const started = performance.now();
      const response = await locking.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'Wrong#pass9' },
        remoteAddress,
      });
      const elapsed = performance.now() - started;
      return { elapsed, status: response.statusCode };
    };
    for (let i = 0; i < DEFAULT_SECURITY_POLICY.maxFailedLogins; i++) {
      await timeLocked('window2');
      await timeLocked('ghost_locked');
    }
    const lockedUnknown: number[] = [];
    const lockedReal: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const [ghost, real] = [await timeLocked('ghost_locked'), await timeLocked('window2')];
      if (ghost.status !== 423 || real.status !== 423)
        throw new Error(`expected 423 for both, got ${String(ghost.status)} and ${String(real.status)}`);
      lockedUnknown.push(ghost.elapsed);
      lockedReal.push(real.elapsed);
    }
    const lockedRatio = median(lockedUnknown) / median(lockedReal);
    say(
      `${engine}: locked; median unknown user ${median(lockedUnknown).toFixed(2)} ms, real user ${median(lockedReal).toFixed(2)} ms, ratio ${lockedRatio.toFixed(2)} (target 0.8–1.25)`,
    );
    await locking.close();
    if (lockedRatio < 0.8 || lockedRatio > 1.25) process.exitCode = 1;
  } finally {
    await drop();
  }
}

await main();
