import type { Tx } from '../../db/db.ts';
import { yieldTurn, type HeavyWork } from '../../kernel/heavy-work.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { assertInScope } from '../../kernel/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { catalogErrors } from './errors.ts';
import * as importRepo from './import-repo.ts';
import * as repo from './repo.ts';
import type { ImportReport, ItemSummaryView } from './schemas.ts';
import { countyOf } from './service.ts';
import { transferTasks, type PreparedRows } from './transfer-work.ts';

/**
 * Sizes of one statement. PGlite runs PostgreSQL on the event loop and a statement costs it time in
 * proportion to its data (0.3–0.7 ms per published version row with its search indexes), so
 * batches are cut by the bytes of their version records as well as by count: about 5 ms of PGlite
 * per statement, 20 ms at the 90th percentile (measured with 8, 16, 32 and 64 rows: bench/README.md,
 * P11), with a turn for other requests between statements.
 */
const BATCH = { records: 16, recordBytes: 48_000, codes: 1000, contents: 100, export: 250 } as const;

function batchesOf<T>(
  items: readonly T[],
  maxCount: number,
  bytesOf: (item: T) => number = () => 0,
  maxBytes = Number.POSITIVE_INFINITY,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Stored content (JSON text) of every item of an org, by code: its open draft where there is one, else its published version. */
export async function exportContentTexts(tx: Tx, actor: Principal, orgId: string): Promise<string[]> {
  assertInScope(actor, orgId, '组织机构');
  const texts: string[] = [];
  for (let after: string | null = null; ;) {
    const page = await importRepo.currentContents(tx, orgId, after, BATCH.export);
    texts.push(...page.map((row) => row.content));
    const last = page.at(-1);
    if (!last || page.length < BATCH.export) return texts;
    after = last.code;
    await yieldTurn();
  }
}

async function itemsByCode(tx: Tx, orgId: string, codes: readonly string[]): Promise<Map<string, ItemSummaryView>> {
  const found = new Map<string, ItemSummaryView>();
  for (const batch of batchesOf(codes, BATCH.codes)) {
    for (const item of await importRepo.itemsByCode(tx, orgId, batch)) found.set(item.code, item);
    await yieldTurn();
  }
  return found;
}

interface Row {
  row: number;
  code: string;
  name: string;
  problems: string[];
  /** Where its version record lies in the prepared bytes; null when its content did not parse. */
  span: [number, number] | null;
}
type Accepted = Row & { span: [number, number]; existing: ItemSummaryView | undefined; base: ItemSummaryView | undefined };

function rowsOf(prepared: PreparedRows): Row[] {
  return prepared.rowNumbers.map((row, index) => {
    const span = prepared.recordSpans[index] ?? [0, 0];
    return {
      row,
      code: prepared.codes[index] ?? '',
      name: prepared.names[index] ?? '',
      problems: [...(prepared.problems[index] ?? [])],
      span: span[1] > span[0] ? span : null,
    };
  });
}

/** A township row is also checked against the base item it derives from (what problemsOf does for one item). */
async function addBaseProblems(tx: Tx, heavy: HeavyWork, records: Uint8Array, rows: readonly Accepted[]): Promise<void> {
  const derived: { row: Accepted; itemId: string; version: number }[] = [];
  for (const row of rows) {
    const probe =
      row.existing ?? (row.base?.publishedVersion != null ? { baseItemId: row.base.id, baseVersion: row.base.publishedVersion } : null);
    if (probe?.baseItemId != null && probe.baseVersion !== null)
      derived.push({ row, itemId: probe.baseItemId, version: probe.baseVersion });
  }
  const contents = new Map<string, string>();
  const refs = [...new Map(derived.map((ref) => [`${ref.itemId}:${String(ref.version)}`, ref])).values()];
  for (const batch of batchesOf(refs, BATCH.contents)) {
    for (const found of await importRepo.versionContents(tx, batch))
      contents.set(`${found.itemId}:${String(found.version)}`, found.content);
    await yieldTurn();
  }
  const pairs = derived.flatMap((ref) => {
    const base = contents.get(`${ref.itemId}:${String(ref.version)}`);
    return base === undefined ? [] : [{ row: ref.row, span: ref.row.span, base }];
  });
  if (pairs.length === 0) return;
  const problems = await heavy.run(
    transferTasks.checkAgainstBase,
    records,
    pairs.map(({ span, base }) => ({ span, base })),
  );
  pairs.forEach((pair, index) => pair.row.problems.push(...(problems[index] ?? [])));
}

/**
 * Existing items whose row says nothing new: the same content as their latest version, and (when
 * publishing) that version already the published one. They are left as they are.
 */
async function unchangedRows(tx: Tx, heavy: HeavyWork, records: Uint8Array, rows: readonly Accepted[], publish: boolean) {
  const candidates = rows.flatMap((row) =>
    row.existing && (!publish || (row.existing.draftVersion === null && row.existing.publishedVersion === row.existing.latestVersion))
      ? [{ row, itemId: row.existing.id, version: row.existing.latestVersion }]
      : [],
  );
  const unchanged = new Set<Accepted>();
  for (const batch of batchesOf(candidates, BATCH.contents)) {
    const current = new Map((await importRepo.versionContents(tx, batch)).map((found) => [found.itemId, found.content]));
    const pairs = batch.flatMap((candidate) => {
      const text = current.get(candidate.itemId);
      return text === undefined ? [] : [{ row: candidate.row, span: candidate.row.span, current: text }];
    });
    const same = await heavy.run(
      transferTasks.sameAsCurrent,
      records,
      pairs.map(({ span, current: text }) => ({ span, current: text })),
    );
    pairs.forEach((pair, index) => {
      if (same[index] === true) unchanged.add(pair.row);
    });
    await yieldTurn();
  }
  return unchanged;
}

/**
 * Imports rows checked on the pool (transfer-work.ts) into an org's catalog as drafts, and publishes
 * them when asked. Every row is checked first; if any is refused, nothing is written and the report
 * lists each refused row. The writes are set-based, in batches.
 */
export async function importRows(
  tx: Tx,
  heavy: HeavyWork,
  actor: Principal,
  orgId: string,
  prepared: PreparedRows,
  publish: boolean,
  now: Date,
): Promise<Change<ImportReport>> {
  assertInScope(actor, orgId, '组织机构');
  const org = await repo.findOrgById(tx, orgId);
  if (!org || org.kind === 'village') throw new DomainError(catalogErrors.ORG_NOT_FOUND, '只能向县或乡镇的事项目录导入。');
  const county = org.kind === 'township' ? await countyOf(tx, org.id) : null;
  const rows = rowsOf(prepared);
  const parsed = rows.filter((row): row is Row & { span: [number, number] } => row.span !== null);
  const codes = parsed.map((row) => row.code);
  const existing = await itemsByCode(tx, org.id, codes);
  const bases = county ? await itemsByCode(tx, county.id, codes) : new Map<string, ItemSummaryView>();
  const accepted: Accepted[] = parsed.map((row) => ({ ...row, existing: existing.get(row.code), base: bases.get(row.code) }));
  await addBaseProblems(tx, heavy, prepared.records, accepted);
  const refused = rows.filter((row) => row.problems.length > 0).map(({ row, code, problems }) => ({ row, code, problems }));
  if (refused.length > 0) {
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, refused };
    throw new DomainError(catalogErrors.IMPORT_REFUSED, `${refused.length} 行不符合要求，整个文件未导入。`, { report });
  }
  await importRepo.keepGinPendingListSmall(tx);
  const decoder = new TextDecoder();
  const write = {
    orgId: org.id,
    publish,
    actor,
    now,
    recordOf: (row: Accepted) => decoder.decode(prepared.records.subarray(row.span[0], row.span[1])),
  };
  const created = await createItems(
    tx,
    accepted.filter((row) => !row.existing),
    { ...write, tier: org.kind === 'county' ? 'base' : 'local' },
  );
  const unchanged = await unchangedRows(tx, heavy, prepared.records, accepted, publish);
  const updated = await updateItems(
    tx,
    accepted.filter((row): row is Accepted & { existing: ItemSummaryView } => row.existing !== undefined && !unchanged.has(row)),
    write,
  );
  return {
    body: { created, updated, unchanged: unchanged.size, refused: [] },
    audit: {
      action: 'catalog.import',
      targetType: 'org',
      targetId: org.id,
      orgId: org.id,
      summary: { created, updated, unchanged: unchanged.size, publish },
    },
  };
}

interface WriteContext {
  orgId: string;
  publish: boolean;
  actor: Principal;
  now: Date;
  /** The row's version record as JSON text, decoded only when its batch is written. */
  recordOf: (row: Accepted) => string;
}

const recordBytes = (row: Accepted) => row.span[1] - row.span[0];

/** New items, linked to the county's published base item of the same code; published at once (version 1) when asked. */
async function createItems(tx: Tx, rows: readonly Accepted[], write: WriteContext & { tier: 'base' | 'local' }): Promise<number> {
  for (const batch of batchesOf(rows, BATCH.records, recordBytes, BATCH.recordBytes)) {
    const inserted = new Set(
      await importRepo.insertItems(tx, {
        orgId: write.orgId,
        tier: write.tier,
        status: write.publish ? 'published' : 'draft',
        draftVersion: write.publish ? null : 1,
        publishedVersion: write.publish ? 1 : null,
        // Created, then published: two changes of the row, as when a clerk does both.
        rowVersion: write.publish ? 2 : 1,
        versionStatus: write.publish ? 'published' : 'draft',
        publishedAt: write.publish ? write.now : null,
        createdBy: write.actor.staffId,
        now: write.now,
        rows: batch.map((row) => {
          const linked = row.base?.publishedVersion != null ? row.base : null;
          return { baseItemId: linked?.id ?? null, baseVersion: linked?.publishedVersion ?? null, record: write.recordOf(row) };
        }),
      }),
    );
    const taken = batch.find((row) => !inserted.has(row.code));
    if (taken) throw new DomainError(catalogErrors.ITEM_CODE_TAKEN, `事项编码 ${taken.code} 已被使用。`);
    await yieldTurn();
  }
  return rows.length;
}

/**
 * Existing items get a new draft (or their open draft new content); when publishing, that draft
 * becomes the published version and the one before it is superseded. The row's version is checked
 * as in a single edit: one changed meanwhile refuses the whole import.
 */
async function updateItems(tx: Tx, rows: readonly (Accepted & { existing: ItemSummaryView })[], write: WriteContext): Promise<number> {
  for (const batch of batchesOf(rows, BATCH.records, recordBytes, BATCH.recordBytes)) {
    const plans = batch.map((row) => ({
      row,
      item: row.existing,
      draftVersion: row.existing.draftVersion ?? row.existing.latestVersion + 1,
    }));
    const changed = new Set(
      await importRepo.updateItems(
        tx,
        plans.map(({ row, item, draftVersion }) =>
          write.publish
            ? {
                id: item.id,
                expected: item.version,
                name: row.name,
                status: 'published',
                draftVersion: null,
                publishedVersion: draftVersion,
                latestVersion: draftVersion,
                bump: 2,
              }
            : {
                id: item.id,
                expected: item.version,
                name: item.publishedVersion === null ? row.name : item.name,
                status: item.status,
                draftVersion,
                publishedVersion: item.publishedVersion,
                latestVersion: draftVersion,
                bump: 1,
              },
        ),
        write.now,
      ),
    );
    const moved = plans.find(({ item }) => !changed.has(item.id));
    if (moved) throw new DomainError(catalogErrors.ITEM_STATE, `事项 ${moved.row.code} 正被他人修改，请稍后重试。`);
    await yieldTurn();
    if (write.publish) {
      await importRepo.supersedeVersions(
        tx,
        plans.flatMap(({ item }) => (item.publishedVersion === null ? [] : [{ itemId: item.id, version: item.publishedVersion }])),
      );
      await yieldTurn();
    }
    const versions = { status: write.publish ? ('published' as const) : ('draft' as const), publishedAt: write.publish ? write.now : null };
    const toVersion = ({ row, item, draftVersion }: (typeof plans)[number]) => ({
      itemId: item.id,
      version: draftVersion,
      record: write.recordOf(row),
    });
    await importRepo.insertVersions(tx, {
      ...versions,
      orgId: write.orgId,
      createdBy: write.actor.staffId,
      now: write.now,
      rows: plans.filter(({ item }) => item.draftVersion === null).map(toVersion),
    });
    await yieldTurn();
    await importRepo.updateDrafts(tx, { ...versions, rows: plans.filter(({ item }) => item.draftVersion !== null).map(toVersion) });
    await yieldTurn();
  }
  return rows.length;
}
