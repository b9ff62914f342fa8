import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/db.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { findOrgByCode } from '../org/index.ts';
import { findCredentials } from '../staff/index.ts';
import { addCalendarDays, businessDateOf, instantAt, type BusinessDate } from '../../shared/business-date.ts';
import { ANSWER_DAYS_DEFAULT, complaintWarning, DECIDE_WORKING_DAYS, stageDueOf } from './deadlines.rules.ts';
import * as repo from './repo.ts';
import type { ComplaintChannel, ComplaintKind, ComplaintStatus } from './transitions.rules.ts';

/** The demo complaints are filed with 乐里镇 (where the demo accounts work). */
const DEMO_CENTER = '451029100000';

interface DemoComplaint {
  code: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  workOrderNo?: string;
  content: string;
  name?: string;
  phone?: string;
  about?: string;
  /** username of the staff member complained about */
  subject?: string;
  assignee?: string;
  daysAgo: number;
  status: ComplaintStatus;
}

/** One in each stage: an anonymous one, one about a clerk, one 办不成事, one 12345 work order, one refused and archived. */
const DEMO: DemoComplaint[] = [
  {
    code: 'DEMOANON23',
    kind: 'complaint',
    channel: 'portal',
    content: '上午在社保窗口排队一个多小时，窗口只开了一个，建议高峰时段增开窗口。',
    daysAgo: 1,
    status: 'received',
  },
  {
    code: 'DEMOCLRK45',
    kind: 'efficiency',
    channel: 'mailbox',
    content: '办理低保时窗口工作人员态度生硬，材料问题没有一次讲清楚，让我跑了三趟。',
    name: '黄大爷',
    subject: 'window1',
    assignee: 'window1b',
    daysAgo: 3,
    status: 'investigating',
  },
  {
    code: 'DEMOUND567',
    kind: 'undone',
    channel: 'portal',
    content: '父亲在外地住院，医保异地备案在镇里办不了，说要去县里，希望能在镇里办成。',
    name: '韦小红',
    phone: '13807761234',
    daysAgo: 9,
    status: 'answered',
  },
  {
    code: 'DEMOHOT892',
    kind: 'complaint',
    channel: 'hotline',
    workOrderNo: 'GX12345-20261009-0217',
    content: '12345 转办：群众反映宅基地建房审批超过承诺时限仍未办结。',
    name: '罗先生',
    phone: '13907769876',
    daysAgo: 6,
    status: 'disposing',
  },
  {
    code: 'DEMOREF234',
    kind: 'report',
    channel: 'phone',
    content: '来电反映邻村村民之间土地纠纷，要求中心处理。',
    daysAgo: 12,
    status: 'archived',
  },
];

export async function seedDemoComplaints(tx: Tx, now: Date): Promise<void> {
  const center = await findOrgByCode(tx, DEMO_CENTER);
  if (!center) return;
  const calendar = await loadWorkCalendar(tx, center.id);
  const today = businessDateOf(now);
  const staffId = async (username: string | undefined) =>
    username === undefined ? null : ((await findCredentials(tx, { username }))?.id ?? null);
  for (const demo of DEMO) {
    const receivedOn = addCalendarDays(today, -demo.daysAgo);
    const at = instantAt(receivedOn, '10:00');
    const decideDueOn = calendar.add(receivedOn, DECIDE_WORKING_DAYS);
    const id = randomUUID();
    await repo.insertComplaint(
      tx,
      {
        id,
        filedBy: demo.channel === 'portal' ? (demo.name ?? '匿名群众') : '李春燕',
        orgId: center.id,
        filedOrgId: center.id,
        trackingCode: demo.code,
        kind: demo.kind,
        channel: demo.channel,
        workOrderNo: demo.workOrderNo ?? null,
        content: demo.content,
        complainantName: demo.name ?? null,
        complainantPhone: demo.phone ?? null,
        caseNo: null,
        subjectStaffId: await staffId(demo.subject),
        subjectText: demo.about ?? null,
        receivedOn,
        decideDueOn,
        warning: 'none',
        nextWarningAt: null,
      },
      at,
    );
    const acceptedOn: BusinessDate = calendar.add(receivedOn, 1);
    const answerDueOn = calendar.add(acceptedOn, ANSWER_DAYS_DEFAULT);
    const isAccepted = demo.status !== 'received' && demo.code !== 'DEMOREF234';
    const patch: repo.ComplaintPatch = { status: demo.status };
    const events: { act: string; payload: Record<string, unknown> }[] = [];
    if (demo.code === 'DEMOREF234') {
      patch.refusalReason = '反映的是村民之间的土地权属纠纷，不属于便民服务中心政务服务投诉范围，已告知向乡镇人民调解委员会申请调解。';
      patch.archivedAt = at;
      events.push({ act: 'refuse', payload: {} }, { act: 'archive', payload: {} });
    }
    if (isAccepted) {
      Object.assign(patch, { acceptedOn, answerDueOn, assigneeStaffId: await staffId(demo.assignee) });
      events.push({ act: 'accept', payload: { answerDueOn } });
    }
    if (demo.status === 'disposing' || demo.status === 'answered') {
      Object.assign(patch, {
        finding: '调阅办件记录并询问经办人，情况属实：该办件超出承诺时限 3 个工作日。',
        verdict: 'true',
        disposal: '责成经办站所当日办结，经办人作书面检查，纳入当月绩效考核。',
      });
      events.push({ act: 'investigate', payload: { verdict: 'true' } });
      await repo.insertAccountability(
        tx,
        { complaintId: id, orgId: center.id, staffId: null, verdict: 'true', recordedOn: acceptedOn },
        at,
      );
    }
    if (demo.status === 'answered') {
      Object.assign(patch, {
        answer: '已与县医保中心对接，异地就医备案可在镇便民服务中心医保窗口办理，并已为您父亲办结备案。',
        answeredOn: addCalendarDays(today, -2),
      });
      events.push({ act: 'answer', payload: { isSent: true } });
    }
    const { warning, nextWarningOn } = complaintWarning(
      calendar,
      stageDueOf({ status: demo.status, decideDueOn, answerDueOn: isAccepted ? answerDueOn : null }),
      today,
    );
    patch.warning = warning;
    patch.nextWarningAt = nextWarningOn === null ? null : instantAt(nextWarningOn, '00:00');
    await repo.updateComplaint(tx, id, 1, patch, at);
    for (const event of events) {
      await repo.appendComplaintEvent(tx, {
        complaintId: id,
        orgId: center.id,
        act: event.act,
        actorName: '李春燕',
        at,
        payload: event.payload,
      });
    }
  }
}
