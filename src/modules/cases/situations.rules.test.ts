import { describe, expect, it } from 'vitest';
import { materialApplies, orderSituations, unknownSituations } from './situations.rules.ts';

const GUIDE = ['家庭成员中有残疾人', '家庭成员患重大疾病'];

describe('办理情形 at intake', () => {
  it('names the chosen situations the guide does not list, each once', () => {
    expect(unknownSituations(GUIDE, ['家庭成员中有残疾人'])).toEqual([]);
    expect(unknownSituations(GUIDE, ['离异', '离异', '家庭成员患重大疾病'])).toEqual(['离异']);
  });

  it('a material tied to situations applies only when one of them is chosen; an untied one always', () => {
    expect(materialApplies({ name: '身份证' }, [])).toBe(true);
    expect(materialApplies({ name: '残疾人证', situations: ['家庭成员中有残疾人'] }, [])).toBe(false);
    expect(materialApplies({ name: '残疾人证', situations: ['家庭成员中有残疾人'] }, ['家庭成员患重大疾病'])).toBe(false);
    expect(materialApplies({ name: '残疾人证', situations: ['家庭成员中有残疾人'] }, ['家庭成员中有残疾人'])).toBe(true);
  });

  it('keeps the guide order and drops repeats', () => {
    expect(orderSituations(GUIDE, ['家庭成员患重大疾病', '家庭成员中有残疾人', '家庭成员患重大疾病'])).toEqual(GUIDE);
  });
});
