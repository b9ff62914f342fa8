import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAfterCall, pickNext, type Candidate } from './priority.rules.ts';

/**
 * The fair policy as properties (fast-check): a random morning of arrivals (normal and priority,
 * two categories) is served by one window that calls whenever it is
 * free; every call is checked against the rule — at most one priority ticket before every N normal
 * ones, nobody kept waiting for the ratio's sake, first come first served within each kind.
 */
const NUM_RUNS = 1500;
const WINDOW = 'w1';

interface Arrival {
  at: number;
  isPriority: boolean;
  category: 'a' | 'b';
}

const arrival = fc.record({
  at: fc.integer({ min: 0, max: 200 }),
  isPriority: fc.boolean(),
  category: fc.constantFrom('a' as const, 'b' as const),
});

interface Served {
  ticket: Candidate;
  waitingNormal: number;
  waitingPriority: number;
}

/** Calls one ticket per tick while any waits; returns the calls in order, with what waited in the called category. */
function simulate(arrivals: readonly Arrival[], normalPerPriority: number, categories: readonly ('a' | 'b')[]): Served[] {
  const tickets: Candidate[] = arrivals
    .map((a, index) => ({
      id: `t${String(index).padStart(4, '0')}`,
      categoryId: a.category,
      isPriority: a.isPriority,
      queuedAt: a.at,
      seq: index,
      targetWindowId: null,
    }))
    .filter((ticket) => categories.includes(ticket.categoryId as 'a'));
  const history = new Map<string, number>(categories.map((category) => [category, normalPerPriority]));
  const served: Served[] = [];
  const done = new Set<string>();
  for (let tick = 0; done.size < tickets.length; tick++) {
    const waiting = tickets.filter(
      (ticket) => ticket.queuedAt <= tick && !done.has(ticket.id) && categories.includes(ticket.categoryId as 'a'),
    );
    if (waiting.length === 0) continue;
    const chosen = pickNext(waiting, WINDOW, history, normalPerPriority);
    expect(chosen).not.toBeNull();
    if (!chosen) break;
    expect(waiting).toContain(chosen);
    const same = waiting.filter((ticket) => ticket.categoryId === chosen.categoryId && ticket.targetWindowId === null);
    served.push({
      ticket: chosen,
      waitingNormal: same.filter((ticket) => !ticket.isPriority).length,
      waitingPriority: same.filter((ticket) => ticket.isPriority).length,
    });
    if (chosen.targetWindowId === null)
      history.set(chosen.categoryId, countAfterCall(history.get(chosen.categoryId) ?? normalPerPriority, chosen));
    done.add(chosen.id);
  }
  return served;
}

const morning = fc.array(arrival, { minLength: 1, maxLength: 60 });
const policy = fc.integer({ min: 0, max: 6 });

describe('the fair priority policy (pickNext)', () => {
  it('serves everyone exactly once and never idles while someone waits', () => {
    fc.assert(
      fc.property(morning, policy, (arrivals, n) => {
        const served = simulate(arrivals, n, ['a', 'b']);
        expect(served).toHaveLength(arrivals.length);
        expect(new Set(served.map((call) => call.ticket.id)).size).toBe(arrivals.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('within a category: at least N normal calls between two priority calls, unless no normal ticket waited', () => {
    fc.assert(
      fc.property(morning, policy, (arrivals, n) => {
        const served = simulate(arrivals, n, ['a']);
        let normalSince = n;
        for (const call of served) {
          if (call.ticket.isPriority) {
            expect(normalSince >= n || call.waitingNormal === 0).toBe(true);
            normalSince = 0;
          } else {
            // A normal ticket goes first only while the ratio is not yet met, or when no priority one waits.
            expect(normalSince < n || call.waitingPriority === 0).toBe(true);
            normalSince += 1;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('first come, first served within each kind of a category (no overtaking among normal, nor among priority tickets)', () => {
    fc.assert(
      fc.property(morning, policy, (arrivals, n) => {
        const served = simulate(arrivals, n, ['a', 'b']);
        for (const category of ['a', 'b'])
          for (const isPriority of [true, false]) {
            const order = served
              .filter((call) => call.ticket.categoryId === category && call.ticket.isPriority === isPriority)
              .map((call) => call.ticket);
            const sorted = [...order].sort((x, y) => x.queuedAt - y.queuedAt || x.seq - y.seq);
            expect(order.map((ticket) => ticket.id)).toEqual(sorted.map((ticket) => ticket.id));
          }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('nobody starves: a normal ticket is called after at most its normal predecessors plus one priority ticket per N of them, plus one', () => {
    fc.assert(
      fc.property(morning, fc.integer({ min: 1, max: 6 }), (arrivals, n) => {
        const allAtOnce = arrivals.map((a) => ({ ...a, at: 0 }));
        const served = simulate(allAtOnce, n, ['a']);
        served.forEach((call, position) => {
          if (call.ticket.isPriority) return;
          const normalBefore = served.slice(0, position).filter((earlier) => !earlier.ticket.isPriority).length;
          const priorityBefore = position - normalBefore;
          expect(priorityBefore).toBeLessThanOrEqual(Math.floor(normalBefore / n) + 1);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a ticket transferred to a window is called there first and by no other window', () => {
    fc.assert(
      fc.property(morning, policy, fc.nat(), (arrivals, n, pick) => {
        const tickets: Candidate[] = arrivals.map((a, index) => ({
          id: `t${String(index)}`,
          categoryId: a.category,
          isPriority: a.isPriority,
          queuedAt: a.at,
          seq: index,
          targetWindowId: null,
        }));
        const target = tickets[pick % tickets.length];
        if (!target) return;
        const moved = tickets.map((ticket) => (ticket === target ? { ...ticket, targetWindowId: 'w2' } : ticket));
        expect(pickNext(moved, 'w2', new Map(), n)?.id).toBe(target.id);
        expect(pickNext(moved, WINDOW, new Map(), n)?.id).not.toBe(target.id);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
