import type { Tx } from '../../db/db.ts';
import type { Change } from '../../server/change.ts';
import type { Principal } from '../../server/context.ts';
import { assertInScope } from '../../server/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { catalogErrors } from './errors.ts';
import * as repo from './repo.ts';
import type { ImportReport, ItemContent } from './schemas.ts';
import { countyOf, problemsOf } from './service.ts';
import { parseContent } from './xlsx.ts';

/** The current content of every item of an org: the open draft where there is one, else the published version. */
export async function exportContents(tx: Tx, actor: Principal, orgId: string): Promise<ItemContent[]> {
  assertInScope(actor, orgId, '组织机构');
  const items = await repo.listItems(tx, [orgId], {});
  const contents: ItemContent[] = [];
  for (const item of items) {
    const version = await repo.findVersion(tx, item.id, item.draftVersion ?? item.publishedVersion ?? item.latestVersion);
    if (version) contents.push(version.content);
  }
  return contents;
}

export interface ImportRow {
  row: number;
  input: unknown;
  problems: string[];
}

/**
 * Imports rows into an org's catalog as drafts (and publishes them when asked). Every row is
 * checked first; if any is refused, nothing is written and the report lists each refused row.
 */
export async function importRows(tx: Tx, actor: Principal, orgId: string, rows: ImportRow[], publish: boolean, now: Date): Promise<Change<ImportReport>> {
  assertInScope(actor, orgId, '组织机构');
  const org = await repo.findOrgById(tx, orgId);
  if (!org || org.kind === 'village') throw new DomainError(catalogErrors.ORG_NOT_FOUND, '只能向县或乡镇的事项目录导入。');
  const county = org.kind === 'township' ? await countyOf(tx, org.id) : null;
  const refused: ImportReport['refused'] = [];
  const accepted: { content: ItemContent; existing: Awaited<ReturnType<typeof repo.findItemByCode>>; base: Awaited<ReturnType<typeof repo.findItemByCode>> }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const parsed = parseContent(row.input);
    const problems = [...row.problems, ...parsed.problems];
    const code = parsed.content?.code ?? (typeof row.input === 'object' && row.input !== null && 'code' in row.input ? String(row.input.code) : '');
    if (parsed.content) {
      if (seen.has(code)) problems.push(`事项编码 ${code} 在导入文件中重复`);
      seen.add(code);
      const existing = await repo.findItemByCode(tx, org.id, code);
      const base = county ? await repo.findItemByCode(tx, county.id, code) : null;
      const probe = existing ?? (base?.publishedVersion != null ? { ...base, baseItemId: base.id, baseVersion: base.publishedVersion } : null);
      problems.push(...(await problemsOf(tx, probe, parsed.content, publish ? 'publish' : 'draft')).map((problem) => problem.message));
      if (problems.length === 0) accepted.push({ content: parsed.content, existing, base });
    }
    if (problems.length > 0) refused.push({ row: row.row, code, problems });
  }
  if (refused.length > 0) {
    const report: ImportReport = { created: 0, updated: 0, refused };
    throw new DomainError(catalogErrors.IMPORT_REFUSED, `${refused.length} 行不符合要求，整个文件未导入。`, { report });
  }
  let created = 0;
  let updated = 0;
  for (const { content, existing, base } of accepted) {
    let item = existing;
    if (item) {
      const draftVersion = item.draftVersion ?? item.latestVersion + 1;
      item = await repo.updateItemRow(
        tx,
        item.id,
        item.version,
        { name: item.publishedVersion === null ? content.name : item.name, status: item.status, draftVersion, publishedVersion: item.publishedVersion, latestVersion: draftVersion },
        now,
      );
      if (!item) throw new DomainError(catalogErrors.ITEM_STATE, `事项 ${content.code} 正被他人修改，请稍后重试。`);
      if (existing?.draftVersion === null) await repo.insertVersion(tx, { itemId: item.id, version: draftVersion, orgId: org.id, content, createdBy: actor.staffId }, now);
      else await repo.updateDraftContent(tx, item.id, draftVersion, content);
      updated += 1;
    } else {
      const linked = base?.publishedVersion != null ? base : null;
      item = await repo.insertItem(
        tx,
        { orgId: org.id, code: content.code, name: content.name, tier: org.kind === 'county' ? 'base' : 'local', baseItemId: linked?.id ?? null, baseVersion: linked?.publishedVersion ?? null },
        now,
      );
      if (!item) throw new DomainError(catalogErrors.ITEM_CODE_TAKEN, `事项编码 ${content.code} 已被使用。`);
      await repo.insertVersion(tx, { itemId: item.id, version: 1, orgId: org.id, content, createdBy: actor.staffId }, now);
      created += 1;
    }
    if (publish) {
      const draftVersion = item.draftVersion ?? 1;
      const done = await repo.updateItemRow(tx, item.id, item.version, { name: content.name, status: 'published', draftVersion: null, publishedVersion: draftVersion, latestVersion: item.latestVersion }, now);
      if (!done) throw new DomainError(catalogErrors.ITEM_STATE, `事项 ${content.code} 正被他人修改，请稍后重试。`);
      if (item.publishedVersion !== null) await repo.setVersionStatus(tx, item.id, item.publishedVersion, 'superseded');
      await repo.setVersionStatus(tx, item.id, draftVersion, 'published', now);
    }
  }
  return {
    body: { created, updated, refused: [] },
    audit: { action: 'catalog.import', targetType: 'org', targetId: org.id, orgId: org.id, summary: { created, updated, publish } },
  };
}
