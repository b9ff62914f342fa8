import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { addCalendarDays, businessDateOf, instantAt, weekdayOf, type BusinessDate } from '../../shared/business-date.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { actOnCase, openCase, type CaseDeps } from '../cases/index.ts';
import { findCredentials, scopeOrgIdsOf } from '../staff/index.ts';
import { INDICATOR_VERSION, levelOfNumber, RATING_REASONS } from './indicators.rules.ts';
import { actOnRectification } from './rectifications/service.ts';
import * as repo from './rectifications/repo.ts';
import { insertWithLoop } from './service.ts';

/** Levels of the demo month's cases at 乐里镇 (1 非常满意 … 5 非常不满意); 0: left unrated (one gets the default). */
const LEVELS = [1, 1, 2, 1, 3, 1, 2, 4, 1, 5, 2, 0, 4, 1, 5, 0];
/** How far each 差评's loop has gone, in the order they appear: closed, answered (the rater may judge), rectifying, fresh. */
const LOOP_STEPS: { act: 'verify' | 'classify' | 'rectify' | 'answer' | 'record-view' | 'call-back'; note: string }[][] = [
  [
    { act: 'verify', note: '已电话联系评价人，反映等候时间长属实' },
    { act: 'classify', note: '高峰时段只开一个民政窗口' },
    { act: 'rectify', note: '周一上午增开 2 号窗口办理民政业务' },
    { act: 'answer', note: '您反映的等候时间长问题属实，我们已在周一上午增开窗口，感谢监督。' },
    { act: 'record-view', note: '评价人电话表示满意' },
    { act: 'call-back', note: '回访：评价人认可整改' },
  ],
  [
    { act: 'verify', note: '已联系评价人' },
    { act: 'classify', note: '材料清单未一次性告知' },
    { act: 'rectify', note: '窗口打印一次性告知单' },
    { act: 'answer', note: '您反映的多次跑动问题属实，窗口已改为当场打印一次性告知单，感谢监督。' },
  ],
  [
    { act: 'verify', note: '已联系评价人，情况属实' },
    { act: 'classify', note: '系统故障导致重复录入' },
  ],
  [],
];

async function principalOf(tx: Tx, username: string): Promise<Principal | null> {
  const person = await findCredentials(tx, { username });
  if (!person) return null;
  return {
    staffId: person.id,
    username,
    name: person.name,
    role: person.role,
    orgId: person.orgId,
    orgName: person.orgName,
    orgKind: person.orgKind,
    scopeOrgIds: await scopeOrgIdsOf(tx, person),
    sessionId: 'demo-seed',
    mustChangePassword: false,
  };
}

/** A valid 居民身份证 number (GB 11643 check digit) per demo applicant. */
function idNumberOf(seq: number): string {
  const body = `45102919800101${String(100 + seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, at) => total + weight * Number(body.charAt(at)), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

/** The last `count` weekdays before `today`, oldest first (the demo cases' days of receipt). */
function weekdaysBefore(today: BusinessDate, count: number): BusinessDate[] {
  const days: BusinessDate[] = [];
  for (let day = addCalendarDays(today, -3); days.length < count; day = addCalendarDays(day, -1)) {
    if (weekdayOf(day) % 6 !== 0) days.unshift(day);
  }
  return days;
}

/**
 * 好差评 of the past month at 乐里镇: cases window1 received and concluded, rated on the tracking page
 * (a few 差评 in each stage of their loop, worked by director1), one given the default rating, one unrated.
 */
export async function seedDemoRatings(tx: Tx, deps: CaseDeps, now: Date, auditKey: string): Promise<void> {
  const clerk = await principalOf(tx, 'window1');
  const director = await principalOf(tx, 'director1');
  const item = clerk ? await deps.findItem(tx, clerk.orgId, 'LSJZ-001') : null;
  if (!clerk || !director || !item) return;
  // Every demo change leaves its audit record at its own moment, as runChange would (R9: each case event traced to one).
  const audited = async <T>(change: Change<T>, actor: Principal, at: Date): Promise<Change<T>> => {
    await appendAuditRecord(tx, auditKey, at, {
      actorId: actor.staffId,
      actorName: actor.name,
      actorRole: actor.role,
      ...change.audit,
      clientIp: '',
    });
    return change;
  };
  const materials = [...new Set(item.materials.filter((m) => m.required).map((m) => m.name))].map((name) => ({
    name,
    received: true,
    byCommitment: false,
  }));
  const days = weekdaysBefore(businessDateOf(now), LEVELS.length * 2).filter((_, index) => index % 2 === 0);
  let bad = 0;
  for (const [index, number] of LEVELS.entries()) {
    const day = days[index];
    if (day === undefined) break;
    const phone = `1397762${String(1000 + index)}`;
    const applicant = {
      type: 'person' as const,
      name: `${'韦黄罗李农岑陆覃'.charAt(index % 8)}群众`,
      idNumber: idNumberOf(index),
      phone,
      address: '',
    };
    const received = instantAt(day, '09:10');
    const opened = await audited(
      await openCase(
        tx,
        clerk,
        { itemCode: 'LSJZ-001', applicant, channel: 'window', situations: [], materials },
        received,
        deps,
        auditKey,
      ),
      clerk,
      received,
    );
    const acceptedAt = instantAt(day, '09:20');
    const accepted = await audited(
      await actOnCase(tx, clerk, opened.body.id, 'accept', { version: opened.body.version }, acceptedAt, deps, auditKey),
      clerk,
      acceptedAt,
    );
    const concludedOn = addCalendarDays(day, 1);
    const concludedAt = instantAt(concludedOn, '10:00');
    const conclude = {
      version: accepted.body.case.version,
      result: 'granted' as const,
      reason: '',
      remedies: '',
      certificateNo: '',
      answer: '',
    };
    await audited(await actOnCase(tx, clerk, opened.body.id, 'conclude', conclude, concludedAt, deps, auditKey), clerk, concludedAt);
    // 0: unrated — the older one gets the default 基本满意 (7 natural days), the newest may still be rated on /track.
    const isDefault = number === 0 && index < LEVELS.length - 1;
    if (number === 0 && !isDefault) continue;
    const level = isDefault ? 'basic' : levelOfNumber(number);
    const ratedAt = isDefault ? instantAt(addCalendarDays(concludedOn, 8), '01:00') : instantAt(addCalendarDays(concludedOn, 1), '15:00');
    const ratingId = await insertWithLoop(
      tx,
      {
        orgId: clerk.orgId,
        channel: isDefault ? 'default' : index % 3 === 0 ? 'sms' : 'portal',
        caseId: opened.body.id,
        caseNo: opened.body.caseNo,
        ticketId: null,
        ticketNo: null,
        caseIds: [],
        level,
        indicatorVersion: INDICATOR_VERSION,
        indicators: isDefault ? {} : { overall: number, efficiency: number },
        reasons: isDefault ? [] : RATING_REASONS[level].slice(index % 3, (index % 3) + 1),
        comment: number >= 4 ? (['等了一个多小时', '材料跑了三次才收齐', '系统要重复填写'][bad % 3] ?? '') : '',
        staffId: clerk.staffId,
        windowNumber: null,
        raterName: isDefault ? null : applicant.name,
        raterPhone: isDefault ? null : phone,
      },
      ratedAt,
    );
    if (ratingId === null) continue;
    await appendAuditRecord(tx, auditKey, ratedAt, {
      actorId: null,
      actorName: isDefault ? '好差评（系统）' : '群众（办件评价）',
      actorRole: isDefault ? 'system' : 'public',
      orgId: clerk.orgId,
      action: isDefault ? 'ratings.rating.default' : 'ratings.rating.create',
      targetType: 'rating',
      targetId: ratingId,
      summary: { caseNo: opened.body.caseNo, level },
      clientIp: '',
    });
    if (number < 4) continue;
    const steps = LOOP_STEPS[bad] ?? [];
    bad += 1;
    const loop = (await repo.listRectifications(tx, [clerk.orgId], 'open')).find((item) => item.ratingId === ratingId);
    if (!loop) continue;
    let version = loop.version;
    for (const [at, step] of steps.entries()) {
      const when = new Date(ratedAt.getTime() + (at + 1) * 3 * 3_600_000);
      const body = {
        act: step.act,
        version,
        note: step.note,
        ...(step.act === 'classify' ? { classification: 'real' as const } : {}),
        ...(step.act === 'record-view' ? { view: 'satisfied' as const } : {}),
      };
      version = (await audited(await actOnRectification(tx, director, loop.id, body, when), director, when)).body.version;
    }
  }
}
