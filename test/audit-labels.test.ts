import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../src/web/console/locales/en.ts';
import { zhCN } from '../src/web/console/locales/zh-cn.ts';
import { filesUnder } from './support/import-graph.ts';

/**
 * The audit log reads in words (issue 11, item 7): every action and target type a module writes has a
 * label in both languages, so no code such as `queue.window.open` or `catalog_item` reaches a screen.
 * Case acts (`case.<act>`) are named by the case pages' act labels and are not listed here.
 */
const SOURCES = filesUnder('src/modules').filter((file) => !file.endsWith('.test.ts'));
const text = SOURCES.map((file) => readFileSync(file, 'utf8')).join('\n');
const literals = (pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((match) => match[1] ?? ''))].sort();

/** Actions written through a helper whose name the pattern below cannot see. */
const THROUGH_VARIABLES = [
  'queue.window.pause',
  'queue.window.resume',
  ...['accept', 'refuse', 'investigate', 'answer', 'archive'].map((act) => `complaint.${act}`),
];
const written = [...literals(/(?:action:\s*|Change\(|audit\()'([a-z_]+(?:\.[a-z_-]+)+)'/g), ...THROUGH_VARIABLES];
const actions = written.filter((action) => !action.startsWith('case.'));
/** `case.material_file`, `case.step.add`: named by audit.values.act (a plain `case.<act>` by the case pages' act labels). */
const caseActions = written.filter((action) => action.startsWith('case.') && !/^case\.[a-z-]+$/.test(action));
const targets = literals(/targetType: '([a-z_]+)'/g);
/** The keys of summaries written as object literals (`summary: { window: …, ticketNo }`); row ids are not shown. */
const summaryKeys = [
  ...new Set(
    [...text.matchAll(/summary:\s*\{([^{}]*)\}/g)].flatMap((match) =>
      [...(match[1] ?? '').trim().matchAll(/(?:^|[,{]\s*)([A-Za-z_]\w*)\s*(?=[:,]|$)/g)].map((key) => key[1] ?? ''),
    ),
  ),
].filter((key) => key !== '' && !/[a-z](Id|Ids)$/.test(key) && key !== 'sessionId');

function lookup(messages: unknown, path: string): unknown {
  let node: unknown = messages;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

describe('audit log labels', () => {
  it('finds the actions and targets it checks', () => {
    expect(actions).toContain('queue.ticket.take');
    expect(actions).toContain('catalog.item.publish');
    expect(targets).toContain('catalog_item');
    expect(summaryKeys).toContain('window');
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('every action and target type has a label in %s', (_name, messages) => {
    const unlabelled = [
      ...actions.filter((action) => typeof lookup(messages, `audit.actions.${action}`) !== 'string'),
      ...targets.filter((target) => typeof lookup(messages, `audit.targets.${target}`) !== 'string'),
      ...summaryKeys.filter((key) => typeof lookup(messages, `audit.keys.${key}`) !== 'string').map((key) => `keys.${key}`),
      ...caseActions.filter((action) => typeof lookup(messages, `audit.values.act.${action.slice(5)}`) !== 'string'),
    ];
    expect(unlabelled).toEqual([]);
  });
});
