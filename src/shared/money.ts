/**
 * Money is kept as an integer number of fen (分) wherever it is stored or summed; the catalog publishes
 * yuan (元) as a decimal number, converted once at the boundary. Isomorphic (console and server).
 */

/** Yuan as published (e.g. 80, 12.5) → integer fen, rounded to the nearest fen. */
export function yuanToFen(yuan: number): number {
  if (!Number.isFinite(yuan) || yuan < 0) throw new RangeError(`金额无效：${String(yuan)}`);
  // 12.35 * 100 is 1234.9999…; rounding the scaled value gives the fen the publisher meant.
  return Math.round(yuan * 100);
}

/** Integer fen → yuan with two decimals, exact (no float division): 8000 → "80.00", 5 → "0.05". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`金额（分）无效：${String(fen)}`);
  return `${String(Math.floor(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;
}

/** The sum of some amounts in fen. */
export function sumFen(amounts: readonly { amountFen: number }[]): number {
  return amounts.reduce((total, amount) => total + amount.amountFen, 0);
}
