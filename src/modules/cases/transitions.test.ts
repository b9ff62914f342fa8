import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actsForRole,
  allowedActs,
  CASE_ACTS,
  CASE_STATUSES,
  isFinal,
  statusAfterFalseCommitment,
  transition,
  type CaseFacts,
  type CaseStatus,
} from './transitions.ts';

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

  it('ends only in closed, refused, withdrawn, or — on a false commitment — terminated or revoked', () => {
    expect(CASE_STATUSES.filter(isFinal)).toEqual(['closed', 'refused', 'withdrawn', 'terminated', 'revoked']);
  });

  it('告知承诺不实 terminates an open case, revokes a grant, and leaves a denial or an ended case alone', () => {
    for (const status of ['submitted', 'supplement_requested', 'accepted', 'suspended', 'escalated'] as const)
      expect(statusAfterFalseCommitment(status, null)).toBe('terminated');
    for (const status of ['concluded', 'delivered', 'closed'] as const) {
      expect(statusAfterFalseCommitment(status, 'granted')).toBe('revoked');
      expect(statusAfterFalseCommitment(status, 'denied')).toBeNull();
    }
    for (const status of ['refused', 'withdrawn', 'terminated', 'revoked'] as const)
      expect(statusAfterFalseCommitment(status, null)).toBeNull();
  });

  it('refuses an act with the list of acts allowed now', () => {
    expect(transition('concluded', 'accept')).toEqual({ ok: false, allowed: ['deliver'] });
    expect(transition('submitted', 'request-supplement')).toEqual({ ok: true, next: 'supplement_requested' });
  });

  it('cannot withdraw after conclusion', () => {
    for (const status of ['concluded', 'delivered', 'closed'] as const) expect(allowedActs(status)).not.toContain('withdraw');
  });
});

describe('收费 in the state machine', () => {
  const anyFacts = fc.record({ isFeeDue: fc.boolean() });

  it('random sequences with fees due or not never reach an undefined state and never skip acceptance', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CASE_ACTS), anyFacts), { maxLength: 40 }), (steps) => {
        let status: CaseStatus = 'submitted';
        let wasAccepted = false;
        for (const [act, facts] of steps) {
          const result = transition(status, act, facts);
          if (!result.ok) {
            expect(result.allowed).toEqual(allowedActs(status, facts));
            expect(result.allowed).not.toContain(act);
            continue;
          }
          expect(allowedActs(status, facts)).toContain(act);
          if (result.next === 'accepted') wasAccepted = true;
          if (PROCESSING.includes(result.next)) expect(wasAccepted).toBe(true);
          status = result.next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('settling a fee never changes the status and is allowed only while a fee is due, after acceptance', () => {
    for (const status of CASE_STATUSES) {
      for (const facts of [{ isFeeDue: true }, { isFeeDue: false }] satisfies CaseFacts[]) {
        const result = transition(status, 'settle-fee', facts);
        if (result.ok) {
          expect(result.next).toBe(status);
          expect(facts.isFeeDue).toBe(true);
          expect(['accepted', 'escalated', 'concluded']).toContain(status);
        }
      }
    }
    expect(transition('accepted', 'settle-fee', { isFeeDue: true })).toEqual({ ok: true, next: 'accepted' });
    expect(transition('accepted', 'settle-fee')).toMatchObject({ ok: false, isBlockedByFacts: true });
    expect(transition('suspended', 'settle-fee', { isFeeDue: true })).toEqual({ ok: false, allowed: ['resume', 'withdraw'] });
  });

  it('nothing is delivered while a fee is due: the refusal says a fact blocks it and offers settling the fee', () => {
    expect(transition('concluded', 'deliver', { isFeeDue: true })).toEqual({ ok: false, allowed: ['settle-fee'], isBlockedByFacts: true });
    expect(transition('concluded', 'deliver', { isFeeDue: false })).toEqual({ ok: true, next: 'delivered' });
  });

  it('no state short of the end is a dead end, whatever is due', () => {
    for (const status of CASE_STATUSES.filter((candidate) => !isFinal(candidate))) {
      for (const isFeeDue of [true, false])
        expect(allowedActs(status, { isFeeDue }).length, `${status} ${String(isFeeDue)}`).toBeGreaterThan(0);
    }
  });
});

describe('延期 (第四十二条): who may take which act, and when', () => {
  const accepted = (extension: CaseFacts['extension']) => allowedActs('accepted', { isFeeDue: false, extension });

  it('a clerk asks, a director extends or decides the request, a supervisor takes nothing', () => {
    expect(actsForRole(accepted('none'), 'window_staff')).toContain('request-extension');
    expect(actsForRole(accepted('none'), 'window_staff')).not.toContain('extend');
    expect(actsForRole(accepted('none'), 'director')).toContain('extend');
    expect(actsForRole(accepted('none'), 'director')).not.toContain('request-extension');
    expect(actsForRole(accepted('requested'), 'director')).toEqual(expect.arrayContaining(['approve-extension', 'refuse-extension']));
    expect(actsForRole(accepted('requested'), 'window_staff')).not.toContain('approve-extension');
    for (const status of CASE_STATUSES) expect(actsForRole(allowedActs(status), 'supervisor')).toEqual([]);
  });

  it('one request at a time, and nothing once the one extension is used', () => {
    expect(accepted('requested')).not.toContain('request-extension');
    expect(accepted('requested')).not.toContain('extend');
    expect(accepted('none')).not.toContain('approve-extension');
    for (const act of ['extend', 'request-extension', 'approve-extension', 'refuse-extension'] as const) {
      expect(accepted('used')).not.toContain(act);
    }
  });
});
