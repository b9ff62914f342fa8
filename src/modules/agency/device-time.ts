import { DomainError } from '../../shared/errors.ts';
import { agencyErrors } from './errors.ts';

/** How far a phone's clock may drift from the server's before its reported times are refused. */
const DEVICE_CLOCK_SKEW_MS = 10 * 60_000;

/**
 * A moment the device reports for an act done offline: not in the future, not before the leg began.
 * Within the drift allowed, a time a little before the leg began is taken as that moment.
 */
export function deviceInstant(reported: string | undefined, now: Date, notBefore: Date | null, refusal: string): Date {
  const at = reported === undefined ? now : new Date(reported);
  if (at.getTime() > now.getTime() + DEVICE_CLOCK_SKEW_MS) throw new DomainError(agencyErrors.AGENCY_INVALID, refusal);
  if (notBefore === null || at >= notBefore) return at > now ? now : at;
  if (notBefore.getTime() - at.getTime() <= DEVICE_CLOCK_SKEW_MS) return notBefore;
  throw new DomainError(agencyErrors.AGENCY_INVALID, refusal);
}
