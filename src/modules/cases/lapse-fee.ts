import type { Tx } from '../../db/db.ts';
import { feeAmount } from './fees.rules.ts';
import * as repo from './repo.ts';

/** 收费: a case that ends without a permit owes nothing; a fee still due is no longer owed, and the event says so. */
export async function lapseDueFee(tx: Tx, record: repo.CaseRecord): Promise<{ patch: repo.CasePatch; payload: Record<string, unknown> }> {
  if (record.feeStatus !== 'due') return { patch: {}, payload: {} };
  return { patch: { feeStatus: 'none' }, payload: { feeNotApplicable: feeAmount(await repo.listFees(tx, record.id)) } };
}
