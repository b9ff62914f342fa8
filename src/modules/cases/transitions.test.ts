import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActs, CASE_ACTS, CASE_STATUSES, isFinal, transition, type CaseStatus } from './transitions.ts';

const PROCESSING: CaseStatus[] = ['accepted', 'suspended', 'escalated', 'concluded', 'delivered', 'closed'];

describe('办件状态机', () => {
  it('random sequences of acts never reach an undefined state and never skip acceptance', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CASE_ACTS), { maxLength: 40 }), (acts) => {
        let status: CaseStatus = 'submitted';
        let wasAccepted = false;
        for (const act of acts) {
          const result = transition(status, act);
          if (!result.ok) {
            expect(result.allowed).toEqual(allowedActs(status));
            expect(result.allowed).not.toContain(act);
            continue;
          }
          expect(CASE_STATUSES).toContain(result.next);
          if (result.next === 'accepted') wasAccepted = true;
          if (PROCESSING.includes(result.next)) expect(wasAccepted).toBe(true);
          status = result.next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('ends only in closed, refused or withdrawn', () => {
    expect(CASE_STATUSES.filter(isFinal)).toEqual(['closed', 'refused', 'withdrawn']);
  });

  it('refuses an act with the list of acts allowed now', () => {
    expect(transition('concluded', 'accept')).toEqual({ ok: false, allowed: ['deliver'] });
    expect(transition('submitted', 'request-supplement')).toEqual({ ok: true, next: 'supplement_requested' });
  });

  it('cannot withdraw after conclusion', () => {
    for (const status of ['concluded', 'delivered', 'closed'] as const) expect(allowedActs(status)).not.toContain('withdraw');
  });
});
