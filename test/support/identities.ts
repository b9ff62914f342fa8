import { randomInt } from 'node:crypto';
import { isResidentIdNumber } from '../../src/shared/identity.ts';

/** An 18-digit resident ID number: the 17 digits given and the check character that fits them. */
export function residentId(body17: string): string {
  const id = Array.from('0123456789X', (check) => `${body17}${check}`).find(isResidentIdNumber);
  if (!id) throw new Error(`no check character fits ${body17}`);
  return id;
}

/** A valid ID number no other test uses (a search for it on a shared database finds only this test's rows). */
export function uniqueResidentId(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  return residentId(`4510291970${String(randomInt(1, 13)).padStart(2, '0')}${day}${String(randomInt(100, 1000))}`);
}

/** A mobile number no other test uses. */
export function uniqueMobile(): string {
  return `139${String(randomInt(10_000_000, 100_000_000))}`;
}
