/** 事项目录 (catalog): the county base catalog, township implementation lists, versions, bundles and the public guide. */
export { catalogRoutes } from './routes.ts';
export { findCaseItem, listAgentableItems, type CatalogCaseItem, DEFAULT_PUBLIC_ORG } from './guide.ts';
export type { ItemContent, ItemVersionView, PublicGuideView, BundleView } from './schemas.ts';
import type { Tx } from '../../db/db.ts';
import { findVersionForCase } from './repo.ts';
import type { ItemVersionView } from './schemas.ts';

/**
 * The version of an item a case was accepted under, even after it has been superseded or
 * unpublished (a case keeps its version). Drafts are returned only inside the caller's scope.
 */
export function getItemVersion(tx: Tx, itemId: string, version: number): Promise<ItemVersionView | null> {
  return findVersionForCase(tx, itemId, version);
}

export { seedDemoCatalog, demoCatalogContents, DEMO_BUNDLES } from './demo/seed.ts';
/** Inserts and publishes an item without audit or scope: the demo county, test factories and benchmarks. */
export { insertPublished as insertPublishedItem } from './demo/seed.ts';
