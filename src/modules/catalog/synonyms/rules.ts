import { normaliseQuery } from '../rules.ts';

/**
 * 事项同义词: what people call a service (低保) and the words its item name uses (最低生活保障). Pure. A search
 * for a term also searches each expansion put in its place; an item whose name holds an expansion also
 * carries the term in its offline search key (the village agent's picker has no server to ask).
 */
export interface Synonym {
  term: string;
  expansion: string;
}

/** At most this many extra searches per query: each one is an indexed lookup. */
const MAX_EXPANSIONS = 3;

/** The searches a query stands for: itself, then the query with each synonym term it holds replaced. */
export function expandQuery(query: string, synonyms: readonly Synonym[]): string[] {
  const text = normaliseQuery(query);
  const searches = [text];
  for (const synonym of synonyms) {
    if (searches.length > MAX_EXPANSIONS) break;
    if (synonym.term === '' || !text.includes(synonym.term)) continue;
    const expanded = text.replace(synonym.term, synonym.expansion);
    if (!searches.includes(expanded)) searches.push(expanded);
  }
  return searches;
}

/** The terms an item answers to: those whose expansion its name or keywords contain. */
export function termsFor(words: readonly string[], synonyms: readonly Synonym[]): string[] {
  const text = words.map(normaliseQuery).join(' ');
  return [...new Set(synonyms.filter((synonym) => text.includes(synonym.expansion)).map((synonym) => synonym.term))];
}

/** The county's starting list: the common short names of township services (seeds, 广西 guides). */
export const COMMON_SYNONYMS: readonly Synonym[] = [
  { term: '低保', expansion: '最低生活保障' },
  { term: '医保', expansion: '医疗保险' },
  { term: '社保', expansion: '社会保险' },
  { term: '养老金', expansion: '养老保险' },
  { term: '五保', expansion: '特困人员' },
  { term: '特困', expansion: '特困人员' },
  { term: '残疾证', expansion: '残疾人证' },
  { term: '独生子女证', expansion: '独生子女父母光荣证' },
  { term: '准生证', expansion: '生育服务' },
  { term: '建房', expansion: '宅基地' },
  { term: '砍树', expansion: '林木采伐' },
  { term: '临救', expansion: '临时救助' },
];
