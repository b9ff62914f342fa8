/**
 * The one way a repo writes a patch (R3): `undefined` leaves a column as it is, `null` writes NULL,
 * JSON columns are serialised, the row's `version` must still match and is bumped with `updated_at`.
 * Returns the statement for the repo to run (SQL stays in repos); `$1` id, `$2` version, `$3` now.
 */
export function versionedUpdate<K extends string>(
  table: string,
  columns: Readonly<Record<K, string>>,
  patch: Readonly<Partial<Record<K, unknown>>>,
  row: { id: string; version: number; now: Date },
  jsonColumns: ReadonlySet<NoInfer<K>> = new Set(),
): { text: string; params: unknown[] } {
  const params: unknown[] = [row.id, row.version, row.now];
  const sets: string[] = [];
  for (const key of Object.keys(patch) as K[]) {
    const value = patch[key];
    if (value === undefined) continue;
    params.push(jsonColumns.has(key) && value !== null ? JSON.stringify(value) : value);
    sets.push(`${columns[key]} = $${String(params.length)}`);
  }
  sets.push('version = version + 1', 'updated_at = $3');
  return { text: `update ${table} set ${sets.join(', ')} where id = $1 and version = $2`, params };
}
