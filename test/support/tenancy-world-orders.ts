import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import type { TestEnv } from './test-env.ts';
import type { Versioned } from './tenancy-world.ts';

/** 督办: an open supervision order of a tenant on its case, addressed to its clerk. */
export interface OrderWorld {
  order: Versioned;
  markers: string[];
}

/**
 * The world's cases are in time, and only a late case takes an order through the API: the order is
 * written as the issue route would write it (a row no route can make here, like the accountability rows).
 */
export async function buildOrderWorld(
  env: TestEnv,
  town: { orgId: string; caseId: string; clerkId: string; directorId: string },
  tag: string,
): Promise<OrderWorld> {
  const now = env.clock.now();
  const orderNo = `督〔2026〕${tag}号`;
  const id = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    await tx.query(`insert into supervision_order_counters (org_id, year, last) values ($1, 2026, 1)`, [town.orgId]);
    const { rows } = await tx.query<{ id: string }>(
      `insert into supervision_orders (org_id, order_no, target_kind, case_id, target_label, target_warning, instruction, addressee_kind,
         addressee_staff_id, addressee_name, due_on, next_check_at, issued_by_id, issued_by, issued_on, created_at, updated_at)
       values ($1, $2, 'case', $3, $4, 'yellow', $5, 'holder', $6, '测试window_staff', '2026-12-31', '2027-01-01T00:00:00+08:00', $7,
               '测试director', '2026-10-15', $8, $8) returning id`,
      [town.orgId, orderNo, town.caseId, `${tag}督办对象`, `${tag}督办事项`, town.clerkId, town.directorId, now],
    );
    return rows[0]?.id ?? '';
  });
  if (!id) throw new Error('fixture: no supervision order');
  return { order: { id, version: 1 }, markers: [id, orderNo] };
}
