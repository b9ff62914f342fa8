// The count after the run: what the database holds against what the clients were told.
import pg from 'pg';
import type { Ledger } from './load.ts';

export interface Verdict {
  rows: number;
  /** Acknowledged keys whose acknowledged case is not in the database. */
  lost: number;
  /** Keys with more than one case row. */
  duplicateKeys: number;
  /** Case rows that no acknowledgement ever named. */
  unacknowledgedRows: number;
  /** Keys acknowledged with two different case ids (the client was told of two cases). */
  conflictingAcks: number;
  /** Cases without exactly one submit event and one audit row (half-applied). */
  halfApplied: number;
  examples: string[];
}

/** Every row the run made carries its marker: `R1 <run> <key>` in the applicant's address. */
export const markerOf = (runId: string, key: string): string => `R1 ${runId} ${key}`;

export async function checkDatabase(url: string, runId: string, ledger: Ledger): Promise<Verdict> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // As the cluster's superuser: row-level security does not hide any township's rows from the count.
    const { rows } = await client.query<{ id: string; marker: string; submits: number; audits: number }>(
      `with marked as (select id, applicant_address as marker from cases where applicant_address like $1)
       select m.id, m.marker,
              (select count(*)::int from case_events e where e.case_id = m.id and e.act = 'submit') as submits,
              coalesce(a.n, 0)::int as audits
         from marked m
         left join (select target_id, count(*) as n from audit_log where action = 'case.submit' group by target_id) a
           on a.target_id = m.id::text`,
      [`${markerOf(runId, '')}%`],
    );
    const prefix = markerOf(runId, '');
    const rowsByKey = new Map<string, string[]>();
    const rowIds = new Set<string>();
    let halfApplied = 0;
    const examples: string[] = [];
    for (const row of rows) {
      const key = row.marker.slice(prefix.length);
      rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row.id]);
      rowIds.add(row.id);
      if (row.submits !== 1 || row.audits !== 1) {
        halfApplied += 1;
        if (examples.length < 6)
          examples.push(`half-applied ${row.id}: ${String(row.submits)} submit events, ${String(row.audits)} audit rows`);
      }
    }
    const acknowledgedIds = new Set<string>();
    let lost = 0;
    let conflictingAcks = 0;
    for (const [key, ids] of ledger.acks) {
      if (ids.size > 1) {
        conflictingAcks += 1;
        if (examples.length < 6) examples.push(`key ${key} acknowledged as ${[...ids].join(' and ')}`);
      }
      for (const id of ids) {
        acknowledgedIds.add(id);
        if (!rowIds.has(id)) {
          lost += 1;
          if (examples.length < 6) examples.push(`lost: key ${key} acknowledged as case ${id}, not in the database`);
        }
      }
    }
    let duplicateKeys = 0;
    for (const [key, ids] of rowsByKey) {
      if (ids.length > 1) {
        duplicateKeys += 1;
        if (examples.length < 6) examples.push(`duplicate: key ${key} has ${String(ids.length)} cases`);
      }
    }
    const unacknowledgedRows = [...rowIds].filter((id) => !acknowledgedIds.has(id)).length;
    return { rows: rows.length, lost, duplicateKeys, unacknowledgedRows, conflictingAcks, halfApplied, examples };
  } finally {
    await client.end();
  }
}

/** Creates a database on a server the harness may use (dropped again by dropDatabase). */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

/** What a connection opened with the server's environment gets: proves PGOPTIONS reaches it. */
export async function settingSeenBy(url: string, env: Record<string, string>, setting: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, ...(env.PGOPTIONS === undefined ? {} : { options: env.PGOPTIONS }) });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: string }>('select current_setting($1) as value', [setting]);
    return rows[0]?.value ?? '';
  } finally {
    await client.end();
  }
}
