import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, weekdayOf, type BusinessDate } from '../../shared/business-date.ts';
import type { WorkingDays } from '../../shared/warning-level.ts';
import { complaintWarning, stageDueOf } from './deadlines.rules.ts';
import { actsAt, allowedActs, canSee, COMPLAINT_ACTS, nextStatus, type ComplaintAct, type ComplaintStatus } from './transitions.rules.ts';

/**
 * GB/T 36113 as properties (fast-check): whatever acts are tried in whatever order, a complaint goes
 * 受理 → 调查 → 处置 → 反馈 → 归档 (or 不予受理 → 归档) without skipping a stage; the person complained about never
 * sees it or acts on it; a stage's warning only rises as days pass, and its due date is a working day.
 */
const NUM_RUNS = 1000;
const MAIN: readonly ComplaintStatus[] = ['received', 'investigating', 'disposing', 'answered', 'archived'];
const REFUSED: readonly ComplaintStatus[] = ['received', 'refused', 'archived'];

/** Weekends off: enough of a calendar for the properties (the real one is the calendar module's). */
const isWorking = (date: BusinessDate) => weekdayOf(date) !== 0 && weekdayOf(date) !== 6;
const weekdays: WorkingDays = {
  add(date, n) {
    let day = date;
    while (!isWorking(day)) day = addCalendarDays(day, 1);
    for (let left = n; left > 0;) {
      day = addCalendarDays(day, 1);
      if (isWorking(day)) left -= 1;
    }
    return day;
  },
  count(from, to) {
    let n = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (isWorking(day)) n += 1;
    return n;
  },
};

const act = fc.constantFrom(...COMPLAINT_ACTS);
const day = fc.integer({ min: 0, max: 120 }).map((n) => addCalendarDays('2026-09-01' as BusinessDate, n));

describe('complaint flow (GB/T 36113)', () => {
  it('moves only to the next stage of its path, never skipping one', () => {
    fc.assert(
      fc.property(fc.array(act, { maxLength: 30 }), (tried: ComplaintAct[]) => {
        let status: ComplaintStatus = 'received';
        const path: ComplaintStatus[] = [status];
        for (const next of tried) {
          const moved = nextStatus(status, next);
          expect(moved !== null).toBe(actsAt(status).includes(next));
          if (moved !== null) {
            status = moved;
            path.push(status);
          }
        }
        const route = path[1] === 'refused' ? REFUSED : MAIN;
        expect(path).toEqual(route.slice(0, path.length));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('shows the person complained about nothing, and lets a clerk only investigate what is assigned to them', () => {
    const id = fc.constantFrom('a', 'b', 'c');
    const role = fc.constantFrom('county_admin', 'director', 'window_staff', 'reviewer', 'agent', 'supervisor' as const);
    const status = fc.constantFrom<ComplaintStatus>('received', 'investigating', 'disposing', 'answered', 'archived', 'refused');
    fc.assert(
      fc.property(id, role, id, fc.option(id, { nil: null }), status, (staffId, viewerRole, subject, assignee, stage) => {
        const viewer = { staffId, role: viewerRole };
        const complaint = { status: stage, subjectStaffId: subject, assigneeStaffId: assignee };
        const acts = allowedActs(viewer, complaint);
        if (subject === staffId) {
          expect(canSee(viewer, complaint)).toBe(false);
          expect(acts).toEqual([]);
        }
        for (const granted of acts) expect(actsAt(stage)).toContain(granted);
        if (viewerRole === 'window_staff') {
          expect(canSee(viewer, complaint)).toBe(assignee === staffId && subject !== staffId);
          expect(acts.every((granted) => granted === 'investigate')).toBe(true);
        }
        if (viewerRole === 'supervisor' || viewerRole === 'reviewer' || viewerRole === 'agent') expect(acts).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('grades a deadline only upwards as days pass, and runs only while the stage is open', () => {
    const rank = { none: 0, pre: 1, yellow: 2, red: 3 } as const;
    fc.assert(
      fc.property(day, day, day, (due, first, second) => {
        const [earlier, later] = first <= second ? [first, second] : [second, first];
        const a = complaintWarning(weekdays, due, earlier);
        const b = complaintWarning(weekdays, due, later);
        expect(rank[b.warning]).toBeGreaterThanOrEqual(rank[a.warning]);
        if (a.nextWarningOn !== null) expect(a.nextWarningOn > earlier).toBe(true);
        expect(complaintWarning(weekdays, null, earlier)).toEqual({ warning: 'none', nextWarningOn: null });
      }),
      { numRuns: NUM_RUNS },
    );
    for (const status of ['answered', 'archived', 'refused'] as const) {
      expect(stageDueOf({ status, decideDueOn: '2026-10-22' as BusinessDate, answerDueOn: '2026-11-05' as BusinessDate })).toBeNull();
    }
  });
});
