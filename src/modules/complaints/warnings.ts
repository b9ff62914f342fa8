import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { loadWorkCalendar } from '../calendar/index.ts';
import { businessDateOf, instantAt } from '../../shared/business-date.ts';
import { complaintWarning, stageDueOf } from './deadlines.rules.ts';
import * as repo from './repo.ts';

const BATCH = 200;
const SYSTEM = '电子监察（系统）';

/**
 * 电子监察 of complaints: reads only complaints whose next warning moment has passed (index
 * complaints_next_warning), claimed with SKIP LOCKED, and grades the stage's deadline again
 * (预警 / 黄牌 / 红牌). A raised grade is an event on the complaint and one audit record.
 */
export async function runComplaintWarningJob(db: Db, now: Date, auditKey: string): Promise<{ examined: number; raised: number }> {
  const today = businessDateOf(now);
  const run = { examined: 0, raised: 0 };
  for (;;) {
    const claimed = await db.transaction(SYSTEM_SCOPE, async (tx) => {
      const records = await repo.claimComplaintsDueForWarning(tx, now, BATCH);
      for (const record of records) {
        const calendar = await loadWorkCalendar(tx, record.orgId);
        const due = stageDueOf(record);
        const { warning, nextWarningOn } = complaintWarning(calendar, due, today);
        const nextWarningAt = nextWarningOn === null ? null : instantAt(nextWarningOn, '00:00');
        await repo.updateComplaint(tx, record.id, record.version, { warning, nextWarningAt }, now);
        if (warning !== record.warning) {
          run.raised += 1;
          await repo.appendComplaintEvent(tx, {
            complaintId: record.id,
            orgId: record.orgId,
            act: 'warning',
            actorName: SYSTEM,
            at: now,
            payload: { level: warning, dueOn: due },
          });
          await appendAuditRecord(tx, auditKey, now, {
            actorId: null,
            actorName: SYSTEM,
            actorRole: 'system',
            orgId: record.orgId,
            action: 'supervision.complaint_warning',
            targetType: 'complaint',
            targetId: record.id,
            summary: { trackingCode: record.trackingCode, level: warning, dueOn: due },
            clientIp: '',
          });
        }
      }
      return records.length;
    });
    run.examined += claimed;
    if (claimed < BATCH) return run;
  }
}
