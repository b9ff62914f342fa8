import { searchGramsOf, searchKeyOf } from './rules.ts';
import type { ItemContent } from './schemas.ts';

/**
 * The columns of a catalog_item_versions row that come from its content (snake_case, as in SQL):
 * the content itself and what is copied out of it for lists and search. One definition for the
 * row-by-row writes (repo.ts) and the set-based import (import-repo.ts, which receives these as JSON
 * made on a worker thread, so the pinyin of 5,000 names is not computed on the event loop).
 */
export interface VersionRecord {
  content: ItemContent;
  code: string;
  name: string;
  item_type: string;
  audience: ItemContent['audience'];
  department: string;
  handling: ItemContent['handling'];
  legal_days: number;
  promised_days: number;
  life_events: string[];
  agentable: boolean;
  online: boolean;
  max_visits: number;
  search_key: string;
  search_grams: string;
}

export function versionRecordOf(content: ItemContent): VersionRecord {
  const key = searchKeyOf(content);
  return {
    content,
    code: content.code,
    name: content.name,
    item_type: content.itemType,
    audience: content.audience,
    department: content.department,
    handling: content.handling,
    legal_days: content.legalDays,
    promised_days: content.promisedDays,
    life_events: content.lifeEvents,
    agentable: content.agentable,
    online: content.online,
    max_visits: content.maxVisits,
    search_key: key,
    search_grams: ` ${searchGramsOf(key).join(' ')} `,
  };
}
