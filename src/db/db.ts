/** The database seen by the rest of the platform: one interface over PGlite and a PostgreSQL server. */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A transaction handle. Inside a transaction always use it: PGlite deadlocks on the outer handle. */
export type Tx = Queryable;

/**
 * Whose rows a transaction may see. `system` runs as the schema owner (migrations, sign-in lookups,
 * background jobs); every other scope runs under the restricted application role, where row-level
 * security admits only rows of the listed orgs.
 */
export type Scope =
  { readonly kind: 'system' } | { readonly kind: 'public' } | { readonly kind: 'orgs'; readonly orgIds: readonly string[] };

export const SYSTEM_SCOPE: Scope = { kind: 'system' };
export const PUBLIC_SCOPE: Scope = { kind: 'public' };

export type Engine = 'pglite' | 'postgres';

export interface Db {
  readonly engine: Engine;
  transaction<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Is the database answering? Used by the health check. */
  ping(): Promise<boolean>;
  /**
   * LISTEN on a channel: `onNotify` gets the payload of every NOTIFY committed by any session (on
   * PGlite: this process, the only one). `onResync` is called when the listening connection was lost
   * and is back, so the caller can reload what it may have missed. Resolves to a stop function.
   */
  listen(channel: string, onNotify: (payload: string) => void, onResync?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The restricted role the application's queries run under (not owner, not superuser, no BYPASSRLS). */
export const APP_ROLE = 'yizhan_app';

/** Puts a transaction under the application role and the caller's org scope (read by RLS policies). */
export async function enterScope(tx: Tx, scope: Scope): Promise<void> {
  if (scope.kind === 'system') return;
  const orgIds = scope.kind === 'orgs' ? scope.orgIds.join(',') : '';
  await tx.query(`select set_config('role', $1, true), set_config('yizhan.scope', $2, true)`, [APP_ROLE, orgIds]);
}
