import { followAgentCase, type AgencyDeps } from '../modules/agency/index.ts';
import { assertPasswordAcceptable, clearNameLock, hashPassword } from '../modules/auth/index.ts';
import { loadWorkCalendar } from '../modules/calendar/index.ts';
import type { CaseDeps } from '../modules/cases/index.ts';
import { findCaseItem, listAgentableItems } from '../modules/catalog/index.ts';
import type { StaffDeps } from '../modules/staff/index.ts';

/**
 * How the workflow modules reach each other: cases read items from the catalog and days from the
 * calendar; agency opens cases and is told of every change to a case a village agent brought.
 */
export function workflowDeps(): { caseDeps: CaseDeps; agencyDeps: AgencyDeps } {
  const caseDeps: CaseDeps = {
    findItem: findCaseItem,
    calendarFor: loadWorkCalendar,
    onAgentCaseChanged: (tx, change) => followAgentCase(tx, change, agencyDeps),
  };
  const agencyDeps: AgencyDeps = { cases: caseDeps, findItem: findCaseItem, listAgentableItems };
  return { caseDeps, agencyDeps };
}

/** Account management reaches sign-in (password policy, hashing, the name lock) through this port. */
export const staffDeps: StaffDeps = {
  prepareNewPassword: (ctx, password, username) => {
    assertPasswordAcceptable(ctx, password, username);
    return hashPassword(password);
  },
  clearSignInLock: clearNameLock,
};
