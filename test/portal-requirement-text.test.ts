import { describe, expect, it } from 'vitest';
import { requirementText } from '../src/web/portal/labels.ts';

const SITUATIONS = [
  { id: 'disabled', name: '家庭成员中有残疾人' },
  { id: 'ill', name: '家庭成员患重大疾病' },
];

describe('requirementText (办事指南 materials)', () => {
  it('under 全部情形 a situational material reads 适用：… instead of 必须', () => {
    expect(requirementText({ required: true, situations: ['disabled'] }, SITUATIONS, '')).toBe('适用：家庭成员中有残疾人');
    expect(requirementText({ required: true, situations: ['disabled', 'ill'] }, SITUATIONS, '')).toBe(
      '适用：家庭成员中有残疾人、家庭成员患重大疾病',
    );
  });

  it('with a situation chosen, or for a material of every situation, it reads 必须 / 如有则带', () => {
    expect(requirementText({ required: true, situations: ['disabled'] }, SITUATIONS, 'disabled')).toBe('必须');
    expect(requirementText({ required: true, situations: [] }, SITUATIONS, '')).toBe('必须');
    expect(requirementText({ required: false, situations: [] }, SITUATIONS, '')).toBe('如有则带');
  });
});
