import type { Tx } from '../../db/db.ts';
import * as stats from '../stats/index.ts';
import type { CaseEvent } from './repo.ts';

type RecountRow = stats.RollupRow;

/**
 * 办件汇总 recounted from the event log (ADR 0028): the same counters stats adds per event, written
 * here as one grouped query so that it is a second, independent count (the property test compares them).
 */
export async function recountCaseRollups(tx: Tx, orgIds: readonly string[] | null): Promise<RecountRow[]> {
  const result = await tx.query<RecountRow>(
    `select e.org_id as "orgId", to_char(e.business_date, 'YYYY-MM-DD') as "businessDate", c.item_code as "itemCode", c.channel,
            count(*) filter (where e.act = 'submit')::int as received,
            count(*) filter (where e.act in ('accept', 'accept-pending', 'deem-accepted'))::int as accepted,
            count(*) filter (where e.act = 'refuse')::int as refused,
            count(*) filter (where e.act = 'request-supplement')::int as "supplementNotices",
            count(*) filter (where e.act = 'conclude')::int as concluded,
            count(*) filter (where e.act = 'conclude' and coalesce(e.payload->>'isOnTime', 'true') <> 'false')::int as "concludedOnTime",
            count(*) filter (where e.act = 'conclude' and e.payload->>'isOnTime' = 'false')::int as "concludedLate",
            count(*) filter (where e.act = 'conclude' and coalesce(e.payload->>'result', '') <> 'denied')::int as granted,
            count(*) filter (where e.act = 'conclude' and e.payload->>'result' = 'denied')::int as denied,
            coalesce(sum(greatest(0, trunc(coalesce((e.payload->>'workingDays')::numeric, 0)))) filter (where e.act = 'conclude'), 0)::int
              as "workingDaysSum"
       from case_events e join cases c on c.id = e.case_id
      where ($1::uuid[] is null or e.org_id = any ($1::uuid[]))
        and e.act in ('submit', 'accept', 'accept-pending', 'deem-accepted', 'refuse', 'request-supplement', 'conclude')
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4`,
    [orgIds],
  );
  return result.rows;
}

/** `yizhan rollups rebuild`: replaces the orgs' rollups (null: every org's) by the recount, in the caller's transaction. */
export async function rebuildCaseRollups(tx: Tx, orgIds: readonly string[] | null): Promise<{ rows: number }> {
  const rows = await recountCaseRollups(tx, orgIds);
  await stats.replaceCaseRollups(tx, orgIds, rows);
  return { rows: rows.length };
}

/**
 * 办件汇总 (ADR 0028): every case event passes here, so the rollups are kept in the same transaction
 * as the event; an act that counts costs one primary-key read and one upsert.
 */
export async function countInRollups(
  tx: Tx,
  caseId: string,
  orgId: string,
  event: Pick<CaseEvent, 'act' | 'businessDate' | 'payload'>,
): Promise<void> {
  if (!stats.isCountedAct(event.act)) return;
  const row = (
    await tx.query<{ itemCode: string; channel: 'window' | 'online' | 'agent' }>(
      'select item_code as "itemCode", channel from cases where id = $1',
      [caseId],
    )
  ).rows[0];
  if (!row) throw new Error('case vanished');
  const { payload } = event;
  await stats.countCaseEvent(
    tx,
    { orgId, businessDate: event.businessDate, itemCode: row.itemCode, channel: row.channel },
    {
      act: event.act,
      result: payload.result === 'denied' || payload.result === 'granted' ? payload.result : null,
      isOnTime: typeof payload.isOnTime === 'boolean' ? payload.isOnTime : null,
      workingDays: typeof payload.workingDays === 'number' ? payload.workingDays : null,
    },
  );
}
