import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import { recordExternalAnchor } from '../../src/modules/audit/index.ts';
import { runWarningJob } from '../../src/modules/cases/index.ts';
import { verifyAuditTrail } from '../../src/server/audit-trail.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-env.ts';

/**
 * R9 beyond the chain itself (audit-tamper.test.ts): an emptied or replaced log, a case's broken
 * event chain, and the warning job's changes, each audited as the system. One throwaway database:
 * the tampering is deployment-wide.
 */
let env: TestEnv;
let town: TownshipFixture;
let clerk: { authorization: string };
let dir: string;
let anchorFile: string;

const sql = (text: string, params: unknown[] = []) => env.db.transaction(SYSTEM_SCOPE, (tx) => tx.query(text, params));
const verify = () => verifyAuditTrail(env.db, env.ctx.auditKey, { anchorFile });

async function openAndAccept(): Promise<{ id: string; caseNo: string; version: number }> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: {
      itemCode: 'LB-001',
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
      materials: [{ name: '申请人居民身份证', received: true }],
    },
  });
  const { id, version } = opened.json<{ id: string; version: number }>();
  env.clock.advance(60_000);
  const accepted = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/accept`,
    headers: changeHeaders(clerk),
    payload: { version },
  });
  env.clock.advance(60_000);
  return accepted.json<{ id: string; caseNo: string; version: number }>();
}

/** Saves the listed rows and returns a function that puts them back exactly. */
async function saveRows(table: string, where: string, params: unknown[]): Promise<() => Promise<void>> {
  const rows = (await sql(`select * from ${table} where ${where}`, params)).rows;
  return async () => {
    await sql(`delete from ${table} where ${where}`, params);
    for (const row of rows)
      await sql(`insert into ${table} select * from json_populate_record(null::${table}, $1::json)`, [JSON.stringify(row)]);
  };
}

beforeAll(async () => {
  env = await createTestEnv({ isolated: true, now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
  dir = mkdtempSync(join(tmpdir(), 'yizhan-anchor-'));
  anchorFile = join(dir, 'audit-anchor.json');
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await env.close();
});

describe('the audit trail as a whole (R9)', () => {
  it('is intact after ordinary work, every case event traced to its audit record', async () => {
    await openAndAccept();
    await openAndAccept();
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: true, caseEvents: { ok: true, cases: 2, events: 4 } });
  });

  it('records the warning job’s changes as the system: one audit record per change', async () => {
    const accepted = await openAndAccept();
    // LB-001 promises 20 working days: on 2026-11-11 one working day is left (预警).
    const run = await runWarningJob(env.db, new Date('2026-11-11T09:00:00+08:00'), env.caseDeps, env.ctx.auditKey);
    expect(run.raised).toBeGreaterThanOrEqual(1);
    const events = (await sql(`select seq, at from case_events where case_id = $1 and act = 'warning'`, [accepted.id])).rows;
    expect(events).toHaveLength(1);
    const audits = (
      await sql(`select actor_role, actor_name, action, summary from audit_log where target_id = $1 and action like 'supervision.%'`, [
        accepted.id,
      ])
    ).rows;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_role: 'system',
      actor_name: '电子监察（系统）',
      action: 'supervision.warning',
      summary: { caseNo: accepted.caseNo, level: 'pre' },
    });
    expect((await verify()).ok).toBe(true);
  });

  it('finds an emptied log: the audit rows and their anchor deleted while cases remain', async () => {
    const restoreLog = await saveRows('audit_log', 'true', []);
    const restoreAnchor = await saveRows('audit_anchor', 'true', []);
    await sql('delete from audit_log');
    await sql('delete from audit_anchor');
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toBeUndefined(); // an empty chain is a valid chain …
    expect(verdict.caseEvents.firstBroken?.reason).toContain('没有审计记录'); // … but the cases say it was emptied
    await restoreLog();
    await restoreAnchor();
    expect((await verify()).ok).toBe(true);
  });

  it('finds a log put back to an older, valid but shorter chain, by the copy of the head outside the database', async () => {
    const olderAnchor = await saveRows('audit_anchor', 'true', []);
    const headBefore = Number((await sql('select seq from audit_anchor')).rows[0]?.seq);
    const anchoredAt = await recordExternalAnchor(env.db, env.ctx.auditKey, anchorFile, env.clock.now());
    // Work goes on and the copy outside follows it …
    await openAndAccept();
    expect(await recordExternalAnchor(env.db, env.ctx.auditKey, anchorFile, env.clock.now())).toBeGreaterThan(anchoredAt ?? 0);
    expect((await verify()).ok).toBe(true);
    // … then someone with SQL access restores the log as it was before: rows and anchor both genuine.
    const restoreNewer = await saveRows('audit_log', 'seq > $1', [headBefore]);
    const restoreNewerAnchor = await saveRows('audit_anchor', 'true', []);
    const restoreNewerCases = await saveRows('case_events', 'at >= (select min(at) from audit_log where seq > $1)', [headBefore]);
    await sql('delete from case_events where at >= (select min(at) from audit_log where seq > $1)', [headBefore]);
    await sql('delete from audit_log where seq > $1', [headBefore]);
    await olderAnchor();
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken?.reason).toContain('短于外部锚点');
    await restoreNewer();
    await restoreNewerAnchor();
    await restoreNewerCases();
    expect((await verify()).ok).toBe(true);
  });

  it('finds the audit rows of one case deleted', async () => {
    const accepted = await openAndAccept();
    const restore = await saveRows('audit_log', 'target_id = $1', [accepted.id]);
    await sql('delete from audit_log where target_id = $1', [accepted.id]);
    expect((await verify()).ok).toBe(false);
    await restore();
    expect((await verify()).ok).toBe(true);
  });

  it('names the case and event when an event is edited, deleted or two are swapped', async () => {
    const accepted = await openAndAccept();
    const events = await saveRows('case_events', 'case_id = $1', [accepted.id]);

    await sql(`update case_events set payload = '{"dueOn":"2027-01-01"}' where case_id = $1 and seq = 2`, [accepted.id]);
    const edited = (await verify()).caseEvents.firstBroken;
    expect(edited).toMatchObject({ caseNo: accepted.caseNo, seq: 2 });
    expect(edited?.reason).toContain('被修改');
    await events();

    await sql('delete from case_events where case_id = $1 and seq = 1', [accepted.id]);
    expect((await verify()).caseEvents.firstBroken).toMatchObject({ caseNo: accepted.caseNo, seq: 1 });
    await events();

    await sql('update case_events set seq = 99 where case_id = $1 and seq = 1', [accepted.id]);
    await sql('update case_events set seq = 1 where case_id = $1 and seq = 2', [accepted.id]);
    await sql('update case_events set seq = 2 where case_id = $1 and seq = 99', [accepted.id]);
    expect((await verify()).caseEvents.firstBroken).toMatchObject({ caseNo: accepted.caseNo, seq: 1 });
    await events();
    expect((await verify()).ok).toBe(true);
  });

  it('answers over HTTP without disclosing another county’s case number', async () => {
    const { supervisor } = await createCounty(env);
    const accepted = await openAndAccept();
    const events = await saveRows('case_events', 'case_id = $1', [accepted.id]);
    await sql(`update case_events set actor_name = 'x' where case_id = $1 and seq = 2`, [accepted.id]);
    const answer = await env.app.inject({ method: 'GET', url: '/api/audit/verify', headers: await signIn(env, supervisor.username) });
    // Counted in its own scope: the supervisor's sign-in, not the whole deployment's records.
    expect(answer.json()).toMatchObject({ ok: false, checked: 1, caseEvents: { ok: false, firstBroken: { seq: 2, caseNo: null } } });
    await events();
  });
});
