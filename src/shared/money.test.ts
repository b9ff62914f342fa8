import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, sumFen, yuanToFen } from './money.ts';

describe('money in fen', () => {
  it('converts published yuan to integer fen without float drift', () => {
    expect(yuanToFen(80)).toBe(8000);
    expect(yuanToFen(12.35)).toBe(1235);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(0)).toBe(0);
    expect(() => yuanToFen(-1)).toThrow(RangeError);
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
  });

  it('formats fen as yuan with two decimals', () => {
    expect(formatFen(8000)).toBe('80.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123_456)).toBe('1234.56');
    expect(formatFen(0)).toBe('0.00');
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });

  it('round-trips every fen amount up to the catalog limit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => yuanToFen(Number(formatFen(fen))) === fen));
  });

  it('sums amounts', () => {
    expect(sumFen([{ amountFen: 8000 }, { amountFen: 1000 }])).toBe(9000);
    expect(sumFen([])).toBe(0);
  });
});
