import type { Tx } from '../../db/db.ts';
import type { AppContext } from '../../kernel/context.ts';

/**
 * What account management needs from sign-in (auth), handed in by the composition root
 * (src/server/deps.ts): auth reads accounts through staff's index, so staff may not import auth.
 */
export interface StaffDeps {
  /** Checks the password policy (等保) and hashes; slow on purpose, so it runs before the transaction. */
  prepareNewPassword(ctx: AppContext, password: string, username: string): Promise<string>;
  /** Lifts the sign-in lock on the account's user name (an admin's 解锁, or a new password). */
  clearSignInLock(tx: Tx, staffId: string): Promise<void>;
}
