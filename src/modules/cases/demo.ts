import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import { addCalendarDays, businessDateOf, instantAt, type BusinessDate } from '../../shared/business-date.ts';
import { findCredentials, scopeOrgIdsOf } from '../staff/index.ts';
import { actOnCase } from './acts.ts';
import type { CaseDeps } from './ports.ts';
import { ActBodies, CreateCaseBody } from './schemas.ts';
import { openCase } from './service.ts';

/**
 * 演示办件 for the 电子监察大屏 (ADR 0028): cases received and decided on past working days through the same
 * acts as at a window, so the rollups, the timeline and the warning grades are the product's own. The
 * warning job grades them when the server starts (red, yellow, 预警), and the month shows on-time and late
 * conclusions.
 */
interface DemoCase {
  itemCode: string;
  applicant: string;
  /** Working days before today it was received and accepted. */
  acceptedAgo: number;
  /** Working days before today it was concluded; absent: still open. */
  concludedAgo?: number;
}

const DEMO_CASES: Record<string, readonly DemoCase[]> = {
  window1: [
    { itemCode: 'JYKN-001', applicant: '黄金凤', acceptedAgo: 10 }, // 5 days promised: overdue 5 → 红牌
    { itemCode: 'HMBZ-001', applicant: '韦达明', acceptedAgo: 7 }, // overdue 2 → 黄牌
    { itemCode: 'KGCY-001', applicant: '岑秀兰', acceptedAgo: 2 }, // 1 day left → 预警
    { itemCode: 'LSJZ-001', applicant: '罗永福', acceptedAgo: 0 },
    { itemCode: 'JYKN-001', applicant: '黄海燕', acceptedAgo: 6, concludedAgo: 3 }, // on time
    { itemCode: 'HMBZ-001', applicant: '陆光荣', acceptedAgo: 12, concludedAgo: 2 }, // late
  ],
  window2: [
    { itemCode: 'JYKN-001', applicant: '梁美玲', acceptedAgo: 9 }, // 红牌
    { itemCode: 'LSJZ-001', applicant: '覃振华', acceptedAgo: 1 },
    { itemCode: 'KGCY-001', applicant: '班秀英', acceptedAgo: 4, concludedAgo: 1 }, // on time
  ],
};

async function clerkPrincipal(tx: Tx, username: string): Promise<Principal | null> {
  const clerk = await findCredentials(tx, { username });
  if (clerk?.role !== 'window_staff') return null;
  return {
    staffId: clerk.id,
    username,
    name: clerk.name,
    role: 'window_staff',
    orgId: clerk.orgId,
    orgName: clerk.orgName,
    orgKind: 'township',
    scopeOrgIds: await scopeOrgIdsOf(tx, clerk),
    sessionId: 'demo-seed',
    mustChangePassword: false,
  };
}

/** 09:30 Beijing time on the working day `n` working days before `today` of the org's calendar. */
async function workingDayBefore(tx: Tx, deps: CaseDeps, orgId: string, today: BusinessDate, n: number): Promise<Date> {
  const calendar = await deps.calendarFor(tx, orgId);
  let day = today;
  while (calendar.count(day, today) < n || !calendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
  return new Date(`${day}T09:30:00+08:00`);
}

/** What the seed records for each act (an audit record at the act's time, so `audit verify` finds every event audited). */
export type DemoActRecorder = (tx: Tx, act: { at: Date; orgId: string; caseId: string; caseNo: string }) => Promise<void>;

export async function seedDemoCases(tx: Tx, deps: CaseDeps, now: Date, auditKey: string, recordAct: DemoActRecorder): Promise<void> {
  const today = businessDateOf(now);
  for (const [username, cases] of Object.entries(DEMO_CASES)) {
    const clerk = await clerkPrincipal(tx, username);
    if (!clerk) continue;
    for (const [index, demo] of cases.entries()) {
      const item = await deps.findItem(tx, clerk.orgId, demo.itemCode);
      if (!item) throw new Error(`demo case: item ${demo.itemCode} is not published for ${username}`);
      const received = demo.acceptedAgo === 0 ? now : await workingDayBefore(tx, deps, clerk.orgId, today, demo.acceptedAgo);
      const opened = await openCase(
        tx,
        clerk,
        {
          itemCode: demo.itemCode,
          applicant: {
            type: 'person',
            name: demo.applicant,
            idNumber: DEMO_ID_NUMBERS[index % DEMO_ID_NUMBERS.length] ?? '',
            phone: `1397761${String(4100 + index)}`,
            address: '田林县',
          },
          channel: 'window',
          situations: [],
          materials: item.materials.filter((m) => m.required).map((m) => ({ name: m.name, received: true, byCommitment: false })),
        },
        received,
        deps,
        auditKey,
      );
      const record = (at: Date) => recordAct(tx, { at, orgId: clerk.orgId, caseId: opened.body.id, caseNo: opened.body.caseNo });
      await record(received);
      const accepted = await actOnCase(tx, clerk, opened.body.id, 'accept', { version: opened.body.version }, received, deps, auditKey);
      if (demo.concludedAgo === undefined) continue;
      const concluded = await workingDayBefore(tx, deps, clerk.orgId, today, demo.concludedAgo);
      await actOnCase(
        tx,
        clerk,
        opened.body.id,
        'conclude',
        { version: accepted.body.case.version, result: 'granted', reason: '', remedies: '', certificateNo: '', answer: '' },
        concluded,
        deps,
        auditKey,
      );
      await record(concluded);
    }
  }
}

/** Valid 18-digit ID numbers of the demo (check digits computed); the names above are the applicants'. */
const DEMO_ID_NUMBERS = ['451029198001010029', '451029198503120017'];

const DEMO_CLERK = 'window1b';
const DEMO_ITEM = 'LSJZ-001';

/**
 * The demo county's one late case (so `npm start` shows 电子监察 and 督办): 临时救助 accepted at
 * window1b's desk two working days more than its promised limit ago. The warning job raises its card
 * when the server starts.
 */
export async function seedDemoLateCase(tx: Tx, deps: CaseDeps, now: Date, auditKey: string, recordAct: DemoActRecorder): Promise<void> {
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
  // One audit record for the moment of both acts, as for every demo case (`yizhan audit verify` finds them audited).
  await recordAct(tx, { at, orgId: clerk.orgId, caseId: opened.body.id, caseNo: opened.body.caseNo });
}
