import { describe, expect, it } from 'vitest';
import { COMMON_SYNONYMS, expandQuery, termsFor } from './rules.ts';

describe('事项同义词', () => {
  const list = [
    { term: '低保', expansion: '最低生活保障' },
    { term: '五保', expansion: '特困人员' },
  ];

  it('searches the query as typed first, then with each term it holds put in place', () => {
    expect(expandQuery('低保申请', list)).toEqual(['低保申请', '最低生活保障申请']);
    expect(expandQuery(' 五保 ', list)).toEqual(['五保', '特困人员']);
    expect(expandQuery('宅基地', list)).toEqual(['宅基地']);
  });

  it('adds at most three searches however many terms match', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ term: '证', expansion: `证明${String(i)}` }));
    expect(expandQuery('证', many)).toHaveLength(4);
  });

  it('gives an item the terms whose expansion its name holds', () => {
    expect(termsFor(['最低生活保障申请'], list)).toEqual(['低保']);
    expect(termsFor(['农村宅基地审批'], list)).toEqual([]);
  });

  it('starts a county with common names, each already normalised (Han, a–z, 0–9)', () => {
    for (const { term, expansion } of COMMON_SYNONYMS) {
      expect(term).toMatch(/^[\p{Script=Han}a-z0-9]{1,20}$/u);
      expect(expansion).toMatch(/^[\p{Script=Han}a-z0-9]{2,40}$/u);
    }
  });
});
