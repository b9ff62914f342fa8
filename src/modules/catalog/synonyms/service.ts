import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { assertInScope } from '../../../kernel/scope.ts';
import { DomainError } from '../../../shared/errors.ts';
import { catalogErrors } from '../errors.ts';
import * as catalogRepo from '../repo.ts';
import { normaliseQuery } from '../rules.ts';
import { countyOf } from '../service.ts';
import * as repo from './repo.ts';
import type { Synonym } from './rules.ts';
import type { CreateSynonymBody, SynonymView } from './schemas.ts';

/** The county's list, for any center of it (a township reads the list its searches use). */
export async function listForOrg(tx: Tx, actor: Principal, orgId: string): Promise<{ countyId: string; synonyms: SynonymView[] }> {
  assertInScope(actor, orgId, '组织机构');
  const county = await countyOf(tx, orgId);
  if (!county) throw new DomainError(catalogErrors.ORG_NOT_FOUND, '未找到该机构所属的县。');
  return { countyId: county.id, synonyms: await repo.listSynonyms(tx, county.id) };
}

/**
 * The pairs searches of an org use: its county's list (empty outside a county). Search is a hot path:
 * a county or a township (whose parent is its county) needs no walk up the tree.
 */
export async function synonymsFor(tx: Tx, org: { id: string; kind: string; parentId: string | null }): Promise<Synonym[]> {
  if (org.kind === 'county') return repo.listSynonymPairs(tx, org.id);
  if (org.kind === 'township' && org.parentId !== null) return repo.listSynonymPairs(tx, org.parentId);
  const county = await countyOf(tx, org.id);
  return county ? repo.listSynonymPairs(tx, county.id) : [];
}

async function editableCounty(tx: Tx, actor: Principal, orgId: string): Promise<{ id: string; name: string }> {
  assertInScope(actor, orgId, '组织机构');
  const org = await catalogRepo.findOrgById(tx, orgId);
  if (org?.kind !== 'county') throw new DomainError(catalogErrors.SYNONYM_INVALID, '同义词由县统一维护，全县各中心共用。');
  return org;
}

export async function createSynonym(
  tx: Tx,
  actor: Principal,
  body: CreateSynonymBody,
  now: Date,
): Promise<Change<{ synonym: SynonymView }>> {
  const county = await editableCounty(tx, actor, body.orgId);
  const pair = { term: normaliseQuery(body.term), expansion: normaliseQuery(body.expansion) };
  if (pair.term === '' || pair.expansion.length < 2)
    throw new DomainError(catalogErrors.SYNONYM_INVALID, '同义词只能由汉字、字母和数字组成，说法至少 2 个字。');
  if (pair.term === pair.expansion) throw new DomainError(catalogErrors.SYNONYM_INVALID, '俗称与事项名称中的说法相同，无需添加。');
  const id = await repo.insertSynonym(tx, county.id, pair, actor.name, now);
  if (id === null) throw new DomainError(catalogErrors.SYNONYM_TAKEN, `“${pair.term} → ${pair.expansion}”已在同义词表中。`);
  const synonym = await repo.findSynonym(tx, id);
  if (!synonym) throw new Error('synonym vanished');
  return {
    status: 201,
    body: { synonym },
    audit: { action: 'catalog.synonym.create', targetType: 'catalog_synonym', targetId: id, orgId: county.id, summary: pair },
  };
}

export async function removeSynonym(tx: Tx, actor: Principal, id: string): Promise<Change<{ removed: true }>> {
  const synonym = await repo.findSynonym(tx, id);
  if (!synonym || !actor.scopeOrgIds.includes(synonym.orgId)) throw new DomainError(catalogErrors.SYNONYM_NOT_FOUND, '未找到该同义词。');
  await editableCounty(tx, actor, synonym.orgId);
  await repo.deleteSynonym(tx, id);
  return {
    body: { removed: true },
    audit: {
      action: 'catalog.synonym.remove',
      targetType: 'catalog_synonym',
      targetId: id,
      orgId: synonym.orgId,
      summary: { term: synonym.term, expansion: synonym.expansion },
    },
  };
}
