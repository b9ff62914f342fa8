// ADR 0012: what storing 10 MB costs the event loop — one statement, chunks of 16 KiB–256 KiB as bytea or
// base64, a folder. Usage: node --import tsx bench/file-storage.bench.ts pglite|pg|fs (pg reads DATABASE_URL).
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { mkdirSync, rmSync } from 'node:fs';
import { open, writeFile, readFile } from 'node:fs/promises';
import { setImmediate as tick } from 'node:timers/promises';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { SYSTEM_SCOPE, type Db } from '../src/db/db.ts';

const SIZE = 10 * 1024 * 1024;
const content = randomBytes(SIZE);

async function timed(label: string, fn: (stat: (ms: number) => void) => Promise<void>) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  const stmts: number[] = [];
  h.enable();
  const t0 = performance.now();
  await fn((ms) => stmts.push(ms));
  const total = performance.now() - t0;
  h.disable();
  stmts.sort((a, b) => a - b);
  const mean = stmts.reduce((a, b) => a + b, 0) / (stmts.length || 1);
  process.stdout.write(
    `${label.padEnd(48)} total ${total.toFixed(0).padStart(6)} ms | stmts ${String(stmts.length).padStart(4)} mean ${mean.toFixed(1)} p99 ${(stmts[Math.floor(stmts.length * 0.99)] ?? 0).toFixed(1)} max ${(stmts.at(-1) ?? 0).toFixed(1)} ms | loop delay max ${(h.max / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms\n`,
  );
}

async function stmt(stat: (ms: number) => void, fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  stat(performance.now() - t);
  await tick();
}

async function run(db: Db, name: string) {
  process.stdout.write(`--- ${name}\n`);
  await db.transaction(SYSTEM_SCOPE, (tx) =>
    tx.exec(`drop table if exists m_whole; drop table if exists m_chunks;
    create table m_whole (id int primary key, content bytea); create table m_chunks (k int, seq int, data bytea, primary key (k, seq));`),
  );
  await timed('whole 10 MB insert (1 statement)', (s) =>
    stmt(s, () => db.transaction(SYSTEM_SCOPE, (tx) => tx.query('insert into m_whole values (1, $1)', [content]))),
  );
  await timed('whole 10 MB select', (s) =>
    stmt(s, () => db.transaction(SYSTEM_SCOPE, (tx) => tx.query('select content from m_whole where id = 1'))),
  );
  let k = 0;
  for (const size of [16384, 32768, 65536, 262144]) {
    for (const mode of ['bytea', 'base64']) {
      k += 1;
      const kk = k;
      await timed(`insert ${size / 1024} KiB chunks (${mode}), tx each`, async (s) => {
        for (let off = 0, seq = 0; off < SIZE; off += size, seq++) {
          const part = content.subarray(off, off + size);
          await stmt(s, () =>
            db.transaction(SYSTEM_SCOPE, (tx) =>
              mode === 'bytea'
                ? tx.query('insert into m_chunks values ($1, $2, $3)', [kk, seq, part])
                : tx.query(`insert into m_chunks values ($1, $2, decode($3, 'base64'))`, [kk, seq, part.toString('base64')]),
            ),
          );
        }
      });
      await timed(`select ${size / 1024} KiB chunks (${mode}), tx each`, async (s) => {
        for (let seq = 0; seq * size < SIZE; seq++) {
          await stmt(s, async () => {
            const r = await db.transaction(SYSTEM_SCOPE, (tx) =>
              tx.query<{ data: Uint8Array | string }>(
                mode === 'bytea'
                  ? 'select data from m_chunks where k = $1 and seq = $2'
                  : `select encode(data, 'base64') as data from m_chunks where k = $1 and seq = $2`,
                [kk, seq],
              ),
            );
            const d = r.rows[0]?.data;
            if (typeof d === 'string') Buffer.from(d, 'base64');
          });
        }
      });
    }
  }
  await timed('delete 160 chunks (16 per statement)', async (s) => {
    for (let i = 0; i < 10; i++)
      await stmt(s, () =>
        db.transaction(SYSTEM_SCOPE, (tx) =>
          tx.query('delete from m_chunks where k = 5 and seq >= $1 and seq < $2', [i * 16, i * 16 + 16]),
        ),
      );
  });
  await db.transaction(SYSTEM_SCOPE, (tx) => tx.exec('drop table m_whole; drop table m_chunks;'));
}

const which = process.argv[2] ?? 'pglite';
if (which === 'fs') {
  mkdirSync('.tmp/fsstore', { recursive: true });
  await timed('fs: write 10 MB in 64 KiB writes (fd)', async (s) => {
    const fh = await open('.tmp/fsstore/x', 'w');
    for (let off = 0; off < SIZE; off += 65536) await stmt(s, () => fh.write(content.subarray(off, off + 65536)));
    await fh.sync();
    await fh.close();
  });
  await timed('fs: write 10 MB one writeFile', (s) => stmt(s, () => writeFile('.tmp/fsstore/y', content)));
  await timed('fs: read 10 MB one readFile', (s) => stmt(s, () => readFile('.tmp/fsstore/y')));
  rmSync('.tmp/fsstore', { recursive: true });
} else if (which === 'pglite') {
  rmSync('.tmp/bench-file-storage', { recursive: true, force: true });
  const db = await openPglite('.tmp/bench-file-storage');
  await run(db, 'PGlite (persisted folder)');
  await db.close();
} else {
  const db = openPostgres(process.env.DATABASE_URL ?? '', { max: 2 });
  await run(db, 'PostgreSQL 15');
  await db.close();
}
