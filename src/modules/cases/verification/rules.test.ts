import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../../../shared/business-date.ts';
import { badCreditRefusal, committedMaterials } from './rules.ts';

describe('commitment verification rules', () => {
  it('lists the materials received by commitment', () => {
    expect(
      committedMaterials([
        { name: 'A', byCommitment: true },
        { name: 'B', byCommitment: false },
      ]),
    ).toEqual(['A']);
  });

  it('refuses commitment and 容缺 for standing bad credit, naming the record', () => {
    const standing = { caseNo: 'LL-2026-000001', recordedOn: '2026-10-20' as BusinessDate, reason: '承诺不实' };
    expect(badCreditRefusal(null, { commitments: ['A'], pending: [] })).toBeNull();
    expect(badCreditRefusal(standing, { commitments: [], pending: [] })).toBeNull();
    const detail = badCreditRefusal(standing, { commitments: ['A'], pending: ['B'] });
    expect(detail).toContain('LL-2026-000001');
    expect(detail).toContain('告知承诺、容缺受理');
  });
});
