import { workerTasks } from '../../kernel/heavy-work.ts';
import { checkItem, checkLocalAgainstBase } from './rules.ts';
import { ItemContent } from './schemas.ts';
import { versionRecordOf } from './version-record.ts';
import { parseContent, readCatalogWorkbook, writeCatalogWorkbook } from './xlsx.ts';

/**
 * The CPU-heavy half of catalog import and export, run on the heavy-work pool: reading and writing
 * workbooks, validating thousands of items, their search keys (pinyin). Only strings and small
 * values cross back to the event loop: each accepted row comes back as the JSON text of its
 * version row, which the set-based writes bind as one parameter per batch without the event loop
 * ever holding 5,000 parsed items.
 */

/** One row of an import, checked as far as it can be without the database. */
export interface PreparedRow {
  row: number;
  code: string;
  name: string;
  /** Problems found so far, in Chinese, in the order the report lists them. */
  problems: string[];
  /** JSON of the row's VersionRecord (version-record.ts); null when the content did not parse. */
  record: string | null;
}

export type PreparedImport = { isReadable: true; rows: PreparedRow[] } | { isReadable: false };

interface RawRow {
  row: number;
  input: unknown;
  problems: string[];
}

function codeOf(input: unknown): string {
  return typeof input === 'object' && input !== null && 'code' in input ? String(input.code) : '';
}

function prepareRows(rows: readonly RawRow[], publish: boolean): PreparedRow[] {
  const seen = new Set<string>();
  return rows.map(({ row, input, problems: readProblems }) => {
    const parsed = parseContent(input);
    const problems = [...readProblems, ...parsed.problems];
    if (!parsed.content) return { row, code: codeOf(input), name: '', problems, record: null };
    const { code, name } = parsed.content;
    if (seen.has(code)) problems.push(`事项编码 ${code} 在导入文件中重复`);
    seen.add(code);
    problems.push(...checkItem(parsed.content, publish ? 'publish' : 'draft').map((problem) => problem.message));
    return { row, code, name, problems, record: JSON.stringify(versionRecordOf(parsed.content)) };
  });
}

/** Reads an uploaded workbook and checks every row; an unreadable file is a verdict, not a throw. */
export async function prepareWorkbookImport(bytes: Uint8Array, publish: boolean): Promise<PreparedImport> {
  let rows: RawRow[];
  try {
    rows = await readCatalogWorkbook(bytes);
  } catch {
    return { isReadable: false };
  }
  return { isReadable: true, rows: prepareRows(rows, publish) };
}

/** Checks the items of a JSON import (`{"items":[…]}`), numbered from 1. */
export function prepareJsonImport(items: readonly unknown[], publish: boolean): PreparedImport {
  return { isReadable: true, rows: prepareRows(items.map((input, index) => ({ row: index + 1, input, problems: [] })), publish) };
}

/** A township's rows against the base items they derive from: each pair's problems, in order. */
export function checkAgainstBase(pairs: readonly { record: string; base: string }[]): string[][] {
  return pairs.map(({ record, base }) => {
    const local = (JSON.parse(record) as { content: ItemContent }).content;
    return checkLocalAgainstBase(local, ItemContent.parse(JSON.parse(base))).map((problem) => problem.message);
  });
}

// Stored content was validated on the way in; parsing again fills defaults added since (as repo.ts does).
const contentsOf = (texts: readonly string[]) => texts.map((text) => ItemContent.parse(JSON.parse(text)));

/** The catalog workbook of these stored contents (JSON text, as read from the database); none: the blank template. */
export function exportWorkbook(texts: readonly string[]): Promise<Buffer> {
  return writeCatalogWorkbook(contentsOf(texts));
}

/** The JSON export's body, as text: 5,000 items are megabytes to serialise. */
export function exportJson(texts: readonly string[]): string {
  return JSON.stringify({ format: 'yizhan-catalog', items: contentsOf(texts) });
}

export const transferTasks = workerTasks(import.meta.url, { prepareWorkbookImport, prepareJsonImport, checkAgainstBase, exportWorkbook, exportJson });
