/**
 * Deadline computation throughput: 20-working-day deadlines from random start dates 2020–2026 on
 * one core, through the calendar module's public functions. Target: over 1,000,000 per second.
 * Run: node --import tsx bench/deadline.bench.ts
 */
import { cpus } from 'node:os';
import { addWorkingDays, computeDeadline, WorkCalendar, type LocalOverride } from '../src/modules/calendar/index.ts';
import { packageNationalYears } from '../src/modules/calendar/national.ts';
import { businessDateFromDayNumber, dayNumberOf, type BusinessDate } from '../src/shared/business-date.ts';

const DAYS = 20;
const SAMPLES = 100_000;
const ROUNDS = 5;
const PER_ROUND = 2_000_000;

/** A small deterministic generator (mulberry32): the same start dates on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const first = dayNumberOf('2020-01-01' as BusinessDate);
const last = dayNumberOf('2026-12-31' as BusinessDate);
const next = random(20260101);
const starts: BusinessDate[] = Array.from({ length: SAMPLES }, () =>
  businessDateFromDayNumber(first + Math.floor(next() * (last - first + 1))),
);

const overrides: LocalOverride[] = [];
for (let year = 2020; year <= 2026; year++) {
  overrides.push({ date: `${String(year)}-04-20` as BusinessDate, kind: 'local_holiday', name: '壮族三月三', orgId: 'county' });
}
const calendar = new WorkCalendar({ orgId: 'township', national: packageNationalYears().values(), overrides });

function measure(label: string, compute: (start: BusinessDate) => string): number {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += compute(starts[i % SAMPLES] ?? starts[0] ?? ('2026-01-01' as BusinessDate)).length;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const began = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) sink += compute(starts[i % SAMPLES] ?? ('2026-01-01' as BusinessDate)).length;
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    rates.push(PER_ROUND / seconds);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  process.stdout.write(
    `${label.padEnd(44)} ${Math.round(median).toLocaleString('en-US').padStart(12)} per second (median of ${String(ROUNDS)} × ${PER_ROUND.toLocaleString('en-US')}; checksum ${String(sink % 997)})\n`,
  );
  return median;
}

process.stdout.write(`Node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} · ${process.platform}/${process.arch}\n`);
const plain = measure(`addWorkingDays(calendar, start, ${String(DAYS)})`, (start) => addWorkingDays(calendar, start, DAYS));
measure(`computeDeadline(calendar, start, ${String(DAYS)}) (+provisional)`, (start) => computeDeadline(calendar, start, DAYS).due);
process.stdout.write(plain > 1_000_000 ? 'target met: over 1,000,000 per second\n' : 'TARGET MISSED: under 1,000,000 per second\n');
process.exitCode = plain > 1_000_000 ? 0 : 1;
