import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let caseId = '';
/** Unique, so a scan of a shared PostgreSQL finds only this file's rows. */
const ID_NUMBER = uniqueResidentId();
const PHONE = uniqueMobile();

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(await signIn(env, town.window.username), randomUUID()),
    payload: { itemCode: 'ZJD-001', applicant: { type: 'person', name: '韦光明', idNumber: ID_NUMBER, phone: PHONE }, materials: [] },
  });
  caseId = opened.json<{ id: string }>().id;
});
afterAll(async () => env.close());

const reveal = async (username: string, reason = '核对申请人身份') =>
  env.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/reveal`,
    headers: changeHeaders(await signIn(env, username)),
    payload: { reason },
  });

describe('revealing an applicant’s full ID number (R10)', () => {
  it('shows it masked on the case, in full to the window with a reason, and audits who, why and which case', async () => {
    const view = await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: await signIn(env, town.window.username) });
    expect(view.json<{ applicant: { idNumber: string } }>().applicant.idNumber).toBe(
      `${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(-4)}`,
    );
    const response = await reveal(town.window.username);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ idNumber: ID_NUMBER, phone: PHONE });
    const audit = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ actor_id: string; summary: { reason: string; caseNo: string } }>(
        `select actor_id, summary from audit_log where action = 'case.reveal_applicant' and target_id = $1`,
        [caseId],
      ),
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_id: town.window.id, summary: { reason: '核对申请人身份' } });
  });

  it('refuses a reviewer (403), another township (404) and a missing reason (400 in Chinese)', async () => {
    expect((await reveal(town.reviewer.username)).statusCode).toBe(403);
    expect((await reveal(other.window.username)).statusCode).toBe(404);
    const noReason = await reveal(town.director.username, '看');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ detail: string }>().detail).toContain('理由');
  });
});

/** Every text and jsonb column of every table, with the rows whose value contains `needle`. */
async function columnsHolding(needle: string): Promise<string[]> {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const columns = (
      await tx.query<{ table_name: string; column_name: string }>(
        `select c.table_name, c.column_name from information_schema.columns c
           join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
          order by 1, 2`,
      )
    ).rows;
    const holding: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const found = await tx.query(`select 1 from "${table}" where "${column}"::text like $1 limit 1`, [`%${needle}%`]);
      if (found.rows.length > 0) holding.push(`${table}.${column}`);
    }
    return holding;
  });
}

describe('personal data kept no longer than needed (R10)', () => {
  it('after a reveal, the full ID number and phone are stored only where the applicant is', async () => {
    const key = randomUUID();
    const headers = changeHeaders(await signIn(env, town.window.username), key);
    const first = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/reveal`,
      headers,
      payload: { reason: '核对申请人身份' },
    });
    expect(first.json()).toEqual({ idNumber: ID_NUMBER, phone: PHONE });
    expect(await columnsHolding(ID_NUMBER)).toEqual(['cases.applicant_id_number']);
    expect(await columnsHolding(PHONE)).toEqual(['cases.applicant_phone']);

    // The answer was not kept, so a replay of the key discloses again — and is audited again.
    const replay = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/reveal`,
      headers,
      payload: { reason: '核对申请人身份' },
    });
    expect(replay.json()).toEqual({ idNumber: ID_NUMBER, phone: PHONE });
    const reused = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/reveal`,
      headers,
      payload: { reason: '另一个理由呢' },
    });
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const audits = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(
        `select 1 from audit_log where action = 'case.reveal_applicant' and target_id = $1 and summary->>'reason' = '核对申请人身份'`,
        [caseId],
      ),
    );
    expect(audits.rows.length).toBeGreaterThanOrEqual(3);
  });
});
