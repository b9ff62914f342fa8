import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../../../shared/business-date.ts';
import {
  actsOf,
  allowedOrderActs,
  isOrderOverdue,
  nextCheckAt,
  nextOrderStatus,
  ORDER_ACTS,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderViewer,
} from './rules.ts';

/** The 督办单 state machine as properties: any sequence of acts from any state. */
const act = fc.constantFrom(...ORDER_ACTS);
const status = fc.constantFrom(...ORDER_STATUSES);

describe('督办单 states (property)', () => {
  it('a refused act names exactly the acts the state allows; an allowed one moves to a known state', () => {
    fc.assert(
      fc.property(status, act, (from, tried) => {
        const result = nextOrderStatus(from, tried);
        if ('refused' in result) {
          expect(result.refused).toEqual(actsOf(from));
          expect(result.refused).not.toContain(tried);
        } else {
          expect(actsOf(from)).toContain(tried);
          expect(ORDER_STATUSES).toContain(result.status);
        }
      }),
    );
  });

  it('along any run: accepted is final and only reached from an answer; every accepted run was answered first', () => {
    fc.assert(
      fc.property(fc.array(act, { maxLength: 30 }), (acts) => {
        let current: OrderStatus = 'open';
        let answers = 0;
        for (const tried of acts) {
          const result = nextOrderStatus(current, tried);
          if ('refused' in result) continue;
          if (current === 'accepted') throw new Error('accepted moved');
          if (result.status === 'accepted') expect(current).toBe('answered');
          if (result.status === 'answered') answers += 1;
          current = result.status;
        }
        if (current === 'accepted' || current === 'answered' || current === 'returned') expect(answers).toBeGreaterThan(0);
        expect(actsOf('accepted')).toEqual([]);
      }),
    );
  });

  it('the owner only answers and the supervising side only reviews; a stranger does nothing', () => {
    const viewer = fc.record({
      staffId: fc.constantFrom('a', 'b'),
      orgId: fc.constantFrom('t1', 't2'),
      canSupervise: fc.boolean(),
      canHandle: fc.boolean(),
      isDirector: fc.boolean(),
    });
    fc.assert(
      fc.property(status, viewer, fc.constantFrom('holder' as const, 'staff' as const, 'unit' as const), (from, who: OrderViewer, kind) => {
        const order = { status: from, orgId: 't1', addresseeKind: kind, addresseeStaffId: kind === 'unit' ? null : 'a' };
        const acts = allowedOrderActs(order, who);
        for (const allowed of acts) expect(actsOf(from)).toContain(allowed);
        if (!who.canSupervise) expect(acts.filter((allowed) => allowed !== 'answer')).toEqual([]);
        const isOwner = who.staffId === 'a' && kind !== 'unit';
        const isStranger = !isOwner && (who.orgId !== 't1' || (!who.isDirector && !(kind === 'unit' && who.canHandle)));
        if (isStranger) expect(acts).not.toContain('answer');
      }),
    );
  });

  it('an order waiting past its due date is overdue; its check moment is the midnight after the due date, Beijing time', () => {
    const due = '2026-10-22' as BusinessDate;
    expect(isOrderOverdue({ status: 'open', dueOn: due }, '2026-10-22' as BusinessDate)).toBe(false);
    expect(isOrderOverdue({ status: 'returned', dueOn: due }, '2026-10-23' as BusinessDate)).toBe(true);
    expect(isOrderOverdue({ status: 'answered', dueOn: due }, '2026-10-30' as BusinessDate)).toBe(false);
    expect(nextCheckAt({ status: 'open', dueOn: due, isOverdue: false })?.toISOString()).toBe('2026-10-22T16:00:00.000Z');
    expect(nextCheckAt({ status: 'open', dueOn: due, isOverdue: true })).toBeNull();
    expect(nextCheckAt({ status: 'accepted', dueOn: due, isOverdue: false })).toBeNull();
  });
});
