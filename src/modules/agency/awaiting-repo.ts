import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';

/** A folder an agent forwarded that the township has not received yet (the home page's to-do). */
export interface AwaitingFolder {
  id: string;
  requestNo: string;
  /** The village where it was registered. */
  orgId: string;
  itemName: string;
  applicantName: string;
  forwardedOn: BusinessDate | null;
  /** Due date of the leg now running, when it has one. */
  dueOn: BusinessDate | null;
}

/** 待接收的代办件 of these townships, the leg due soonest first (index agency_requests_to_receive). */
export async function listAwaitingFolders(tx: Tx, townshipIds: readonly string[], limit: number): Promise<AwaitingFolder[]> {
  return (
    await tx.query<AwaitingFolder>(
      `select id, request_no as "requestNo", org_id as "orgId", item_name as "itemName", applicant_name as "applicantName",
              forwarded_on as "forwardedOn", next_due_on as "dueOn"
         from agency_requests where township_id = any($1::uuid[]) and status = 'forwarded'
        order by next_due_on nulls last, id limit $2`,
      [townshipIds, limit],
    )
  ).rows;
}

export async function countAwaitingFolders(tx: Tx, townshipIds: readonly string[]): Promise<number> {
  return (
    (
      await tx.query<{ n: number }>(
        `select count(*)::int as n from agency_requests where township_id = any($1::uuid[]) and status = 'forwarded'`,
        [townshipIds],
      )
    ).rows[0]?.n ?? 0
  );
}
