import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import { addCalendarDays, businessDateOf, instantAt } from '../../shared/business-date.ts';
import { findCredentials, scopeOrgIdsOf } from '../staff/index.ts';
import { actOnCase } from './acts.ts';
import type { CaseDeps } from './ports.ts';
import { ActBodies, CreateCaseBody } from './schemas.ts';
import { openCase } from './service.ts';

const DEMO_CLERK = 'window1b';
const DEMO_ITEM = 'LSJZ-001';

/**
 * The demo county's one late case (so `npm start` shows 电子监察 and 督办): 临时救助 accepted at
 * window1b's desk two working days more than its promised limit ago. The warning job raises its card
 * when the server starts.
 */
export async function seedDemoLateCase(tx: Tx, deps: CaseDeps, now: Date, auditKey: string): Promise<void> {
  const clerk = await findCredentials(tx, { username: DEMO_CLERK });
  if (!clerk) return;
  const actor: Principal = {
    staffId: clerk.id,
    username: DEMO_CLERK,
    name: clerk.name,
    role: clerk.role,
    orgId: clerk.orgId,
    orgName: clerk.orgName,
    orgKind: clerk.orgKind,
    scopeOrgIds: await scopeOrgIdsOf(tx, clerk),
    sessionId: 'demo-seed',
    mustChangePassword: false,
  };
  const item = await deps.findItem(tx, clerk.orgId, DEMO_ITEM);
  if (!item) return;
  const calendar = await deps.calendarFor(tx, clerk.orgId);
  const today = businessDateOf(now);
  // The working day whose promised limit ended two working days before today.
  let day = today;
  for (let left = item.promisedDays + 2; left > 0;) {
    day = addCalendarDays(day, -1);
    if (calendar.isWorkingDay(day)) left -= 1;
  }
  const at = instantAt(day, '10:00');
  const opened = await openCase(
    tx,
    actor,
    CreateCaseBody.parse({
      itemCode: DEMO_ITEM,
      channel: 'window',
      applicant: { type: 'person', name: '蒙桂芬', idNumber: '451029196805120021', phone: '13977615678', address: '乐里镇弄瓦村 3 组' },
      materials: item.materials.filter((material) => material.required).map((material) => ({ name: material.name, received: true })),
    }),
    at,
    deps,
    auditKey,
  );
  await actOnCase(tx, actor, opened.body.id, 'accept', ActBodies.accept.parse({ version: opened.body.version }), at, deps, auditKey);
}
