import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import { addCalendarDays, businessDateOf, type BusinessDate } from '../../shared/business-date.ts';
import { findCredentials, scopeOrgIdsOf } from '../staff/index.ts';
import { actOnRequest } from './acts.ts';
import type { AgencyDeps } from './ports.ts';
import { createConsultation, createDecline } from './records.ts';
import { agentVillagesOf, createRequest, registerDevice } from './service.ts';

/** The demo agent's first requests, so a director's first look at 代办件 shows legs on the clock. */
const DEMO_AGENT = 'agent1';

async function agentPrincipal(tx: Tx, username: string): Promise<Principal | null> {
  const agent = await findCredentials(tx, { username });
  if (agent?.role !== 'agent') return null;
  return {
    staffId: agent.id,
    username,
    name: agent.name,
    role: 'agent',
    orgId: agent.orgId,
    orgName: agent.orgName,
    orgKind: 'village',
    scopeOrgIds: await scopeOrgIdsOf(tx, agent),
    sessionId: 'demo-seed',
    mustChangePassword: false,
  };
}

/** The working day `n` working days before `today` (the demo's requests are that old). */
async function workingDaysBefore(tx: Tx, deps: AgencyDeps, orgId: string, today: BusinessDate, n: number): Promise<BusinessDate> {
  const calendar = await deps.cases.calendarFor(tx, orgId);
  let day = today;
  while (calendar.count(day, today) < n) day = addCalendarDays(day, -1);
  return day;
}

/**
 * 演示代办件 for `agent1`: one registered three working days ago and never forwarded (its 报送 leg is late),
 * one forwarded today and waiting at the township window, one request declined and one consultation.
 */
export async function seedDemoAgency(tx: Tx, deps: AgencyDeps, now: Date, auditKey: string): Promise<void> {
  const agent = await agentPrincipal(tx, DEMO_AGENT);
  if (!agent) return;
  const [village] = await agentVillagesOf(tx, agent);
  if (!village) return;
  const items = await deps.listAgentableItems(tx, village.townshipId);
  const [first, second] = items;
  if (!first || !second) return;
  const { prefix } = (await registerDevice(tx, agent, now)).body;
  const today = businessDateOf(now);
  const late = await workingDaysBefore(tx, deps, village.townshipId, today, 3);
  const number = (day: BusinessDate, seq: number) => `${prefix}-${day.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
  const materials = (item: (typeof items)[number]) =>
    item.materials.filter((m) => m.required).map((m) => ({ name: m.name, received: true }));
  await createRequest(
    tx,
    agent,
    {
      requestNo: number(late, 1),
      villageId: village.id,
      itemCode: first.code,
      applicant: { type: 'person', name: '韦春花', idNumber: '451029198001010029', phone: '13977610029', address: `${village.name} 2 组` },
      consent: true,
      situations: [],
      materials: materials(first),
      registeredAt: new Date(`${late}T10:00:00+08:00`).toISOString(),
    },
    now,
    deps,
  );
  const waiting = await createRequest(
    tx,
    agent,
    {
      requestNo: number(today, 1),
      villageId: village.id,
      itemCode: second.code,
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: `${village.name} 5 组` },
      consent: true,
      situations: [],
      materials: materials(second),
    },
    now,
    deps,
  );
  await actOnRequest(
    tx,
    agent,
    waiting.body.id,
    'forward',
    { version: waiting.body.version, scanned: true, note: '文件袋交乡镇窗口' },
    now,
    deps,
    auditKey,
  );
  await createDecline(
    tx,
    agent,
    {
      villageId: village.id,
      itemCode: 'DWJY-001',
      itemName: '动物产地检疫',
      applicantName: '黄大叔',
      phone: '',
      reason: '须官方兽医到场检疫，不在村级代办范围，已告知其联系乡镇畜牧兽医站',
    },
    now,
  );
  await createConsultation(
    tx,
    agent,
    {
      villageId: village.id,
      channel: 'phone',
      askerName: '黄大姐',
      phone: '',
      itemCode: '',
      question: '高龄津贴要带什么材料？',
      answer: '带身份证和户口簿到村委，我帮您代办。',
    },
    now,
  );
}
