import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { run } from '../../src/cli.ts';
import { appendAuditRecord, verifyAuditChain } from '../../src/modules/audit/index.ts';
import { openIsolatedDb, TEST_AUDIT_KEY } from '../support/test-env.ts';

/** R9: edits, deletions, reordering, forgery and a cut tail made directly in SQL are all reported. */
let db: Db;
const at = new Date('2026-10-15T01:00:00Z');

async function append(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await db.transaction(SYSTEM_SCOPE, (tx) =>
      appendAuditRecord(tx, TEST_AUDIT_KEY, at, {
        actorId: null,
        actorName: '测试',
        actorRole: 'system',
        orgId: null,
        action: 'test.append',
        targetType: 'test',
        targetId: String(i),
        summary: { i },
        clientIp: '',
      }),
    );
  }
}

const sql = (text: string, params: unknown[] = []) => db.transaction(SYSTEM_SCOPE, (tx) => tx.query(text, params));
const verify = () => verifyAuditChain(db, TEST_AUDIT_KEY);

beforeAll(async () => {
  db = await openIsolatedDb();
  await append(6);
});
afterAll(async () => db.close());

describe('audit chain against direct SQL tampering', () => {
  it('is intact after ordinary appends', async () => {
    expect(await verify()).toEqual({ ok: true, checked: 6 });
  });

  it('reports an edited row, and is whole again once restored', async () => {
    await sql(`update audit_log set summary = '{"i": 99}' where seq = 3`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    await sql(`update audit_log set summary = '{"i": 2}' where seq = 3`);
    expect((await verify()).ok).toBe(true);
  });

  it('reports a deleted row even after later appends', async () => {
    const saved = (await sql('select * from audit_log where seq = 2')).rows[0];
    await sql('delete from audit_log where seq = 2');
    await append(1);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    const row = saved as Record<string, unknown>;
    await sql(`insert into audit_log select * from json_populate_record(null::audit_log, $1::json)`, [JSON.stringify(row)]);
    expect((await verify()).ok).toBe(true);
  });

  it('reports two rows swapped', async () => {
    await sql('update audit_log set seq = 999999 where seq = 4');
    await sql('update audit_log set seq = 4 where seq = 5');
    await sql('update audit_log set seq = 5 where seq = 999999');
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    await sql('update audit_log set seq = 999999 where seq = 4');
    await sql('update audit_log set seq = 4 where seq = 5');
    await sql('update audit_log set seq = 5 where seq = 999999');
    expect((await verify()).ok).toBe(true);
  });

  it('reports a forged row whose hash was recomputed without the key', async () => {
    await sql(
      `update audit_log set action = 'staff.disable', hash = encode(sha256(convert_to(prev_hash || action, 'UTF8')), 'hex') where seq = 6`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 6 } });
  });

  it('reports a tail cut off the end, also after the next append', async () => {
    const fresh = await openIsolatedDb();
    const original = db;
    db = fresh;
    try {
      await append(4);
      await sql('delete from audit_log where seq >= 3');
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
      await append(1);
      expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    } finally {
      db = original;
      await fresh.close();
    }
  });
});

describe('npx yizhan audit verify', () => {
  it('exits 0 on an intact chain (a real start of the command) and 1 naming the broken row after tampering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhan-audit-'));
    try {
      const local = await openPglite(join(dir, 'pglite'));
      await migrate(local);
      await local.transaction(SYSTEM_SCOPE, async (tx) => {
        for (let i = 0; i < 3; i++) {
          await appendAuditRecord(tx, TEST_AUDIT_KEY, at, {
            actorId: null,
            actorName: 'cli',
            actorRole: 'system',
            orgId: null,
            action: 'test',
            targetType: '',
            targetId: '',
            summary: { i },
            clientIp: '',
          });
        }
      });
      await local.close();
      const env = { ...process.env, YIZHAN_DATA_DIR: dir, YIZHAN_AUDIT_KEY: TEST_AUDIT_KEY, DATABASE_URL: '' };
      const ok = await promisify(execFile)('node', ['bin/yizhan.js', 'audit', 'verify'], { env });
      expect(ok.stdout).toContain('审计链完整');

      const again = await openPglite(join(dir, 'pglite'));
      await again.transaction(SYSTEM_SCOPE, (tx) => tx.query(`update audit_log set actor_name = 'x' where seq = 2`));
      await again.close();
      // The same command in this process: what it prints and returns, without a second start.
      const lines: string[] = [];
      const code = await run(['audit', 'verify'], env, (line) => lines.push(line));
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain('#2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
