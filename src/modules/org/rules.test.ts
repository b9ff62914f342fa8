import { describe, expect, it } from 'vitest';
import { checkDivisionCode, checkOfficeHours, childKindOf } from './rules.ts';

describe('区划代码', () => {
  it('accepts codes consistent with their level and parent', () => {
    expect(checkDivisionCode('county', '451027000000', null)).toBeNull();
    expect(checkDivisionCode('township', '451027101000', '451027000000')).toBeNull();
    expect(checkDivisionCode('village', '451027101201', '451027101000')).toBeNull();
  });
  it('refuses a code of the wrong level or another parent', () => {
    expect(checkDivisionCode('county', '451027101000', null)).toMatch(/000000/);
    expect(checkDivisionCode('township', '451028101000', '451027000000')).toMatch(/前 6 位/);
    expect(checkDivisionCode('village', '451027102201', '451027101000')).toMatch(/前 9 位/);
    expect(checkDivisionCode('village', '45102710120', '451027101000')).toMatch(/12 位/);
  });
  it('knows the tree has three levels', () => {
    expect(childKindOf('county')).toBe('township');
    expect(childKindOf('township')).toBe('village');
    expect(childKindOf('village')).toBeNull();
  });
});

describe('办公时间', () => {
  it('accepts ordered ranges and refuses overlaps and bad times', () => {
    expect(
      checkOfficeHours([
        { from: '08:30', to: '12:00' },
        { from: '14:30', to: '17:30' },
      ]),
    ).toBeNull();
    expect(
      checkOfficeHours([
        { from: '08:30', to: '12:00' },
        { from: '11:30', to: '17:30' },
      ]),
    ).toMatch(/重叠/);
    expect(checkOfficeHours([{ from: '12:00', to: '08:30' }])).toMatch(/晚于/);
    expect(checkOfficeHours([{ from: '24:00', to: '25:00' }])).toMatch(/HH:MM/);
  });
});
