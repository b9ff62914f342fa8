import { canonicalJson } from '../../shared/canonical-json.ts';
import { workerTasks } from '../../kernel/heavy-work.ts';
import { checkItem, checkLocalAgainstBase } from './rules.ts';
import { ItemContent } from './schemas.ts';
import { versionRecordOf } from './version-record.ts';
import { parseContent, readCatalogWorkbook, WorkbookRefusal, writeCatalogWorkbook } from './xlsx.ts';

/**
 * The CPU-heavy half of catalog import and export, run on the heavy-work pool: reading and writing
 * workbooks, validating thousands of items, their search keys (pinyin). Only bytes and small
 * values cross back to the event loop: each accepted row comes back as the JSON of its version
 * row, which the set-based writes bind as one parameter per batch without the event loop ever
 * holding 5,000 parsed items.
 */

/**
 * The rows of an import, checked as far as they can be without the database, in columns: an array of
 * 5,000 objects holding 15 MB of text takes the event loop a few hundred milliseconds to receive,
 * a few arrays and one byte array take a few.
 */
export interface PreparedRows {
  /** Row numbers (the sheet's, or 1… for JSON), codes and names, one entry per row. */
  rowNumbers: number[];
  codes: string[];
  names: string[];
  /** Problems found so far, in Chinese, in the order the report lists them; only rows that have some. */
  problems: Record<number, string[]>;
  /** Each parsed row's VersionRecord (version-record.ts) as UTF-8 JSON, back to back. */
  records: Uint8Array;
  /** Where row i's record starts and ends in `records`; [0, 0] when its content did not parse. */
  recordSpans: [number, number][];
}

/** Not readable: not a workbook at all, or (with `reason`) a workbook refused as a whole, the reason in the sheet's words. */
export type PreparedImport = { isReadable: true; rows: PreparedRows } | { isReadable: false; reason?: string };

interface RawRow {
  row: number;
  input: unknown;
  problems: string[];
}

function codeOf(input: unknown): string {
  return typeof input === 'object' && input !== null && 'code' in input ? String(input.code) : '';
}

function prepareRows(rows: readonly RawRow[], publish: boolean): PreparedRows {
  const prepared: PreparedRows = { rowNumbers: [], codes: [], names: [], problems: {}, records: new Uint8Array(), recordSpans: [] };
  const encoder = new TextEncoder();
  const records: Uint8Array[] = [];
  let offset = 0;
  const seen = new Set<string>();
  rows.forEach(({ row, input, problems: readProblems }, index) => {
    const parsed = parseContent(input);
    const problems = [...readProblems, ...parsed.problems];
    prepared.rowNumbers.push(row);
    if (parsed.content) {
      const { code, name } = parsed.content;
      if (seen.has(code)) problems.push(`事项编码 ${code} 在导入文件中重复`);
      seen.add(code);
      problems.push(...checkItem(parsed.content, publish ? 'publish' : 'draft').map((problem) => problem.message));
      const record = encoder.encode(JSON.stringify(versionRecordOf(parsed.content)));
      records.push(record);
      prepared.recordSpans.push([offset, offset + record.length]);
      offset += record.length;
      prepared.codes.push(code);
      prepared.names.push(name);
    } else {
      prepared.recordSpans.push([0, 0]);
      prepared.codes.push(codeOf(input));
      prepared.names.push('');
    }
    if (problems.length > 0) prepared.problems[index] = problems;
  });
  prepared.records = new Uint8Array(offset);
  let at = 0;
  for (const record of records) {
    prepared.records.set(record, at);
    at += record.length;
  }
  return prepared;
}

/** Reads an uploaded workbook and checks every row; an unreadable file is a verdict, not a throw. */
export async function prepareWorkbookImport(bytes: Uint8Array, publish: boolean): Promise<PreparedImport> {
  let rows: RawRow[];
  try {
    rows = await readCatalogWorkbook(bytes);
  } catch (error) {
    return error instanceof WorkbookRefusal ? { isReadable: false, reason: error.message } : { isReadable: false };
  }
  return { isReadable: true, rows: prepareRows(rows, publish) };
}

/** Checks the items of a JSON import (`{"items":[…]}`), numbered from 1. */
export function prepareJsonImport(items: readonly unknown[], publish: boolean): PreparedRows {
  return prepareRows(
    items.map((input, index) => ({ row: index + 1, input, problems: [] })),
    publish,
  );
}

/** A township's rows (spans of `records`) against the base items they derive from: each pair's problems, in order. */
export function checkAgainstBase(records: Uint8Array, pairs: readonly { span: [number, number]; base: string }[]): string[][] {
  const decoder = new TextDecoder();
  return pairs.map(({ span, base }) => {
    const local = (JSON.parse(decoder.decode(records.subarray(span[0], span[1]))) as { content: ItemContent }).content;
    return checkLocalAgainstBase(local, ItemContent.parse(JSON.parse(base))).map((problem) => problem.message);
  });
}

/**
 * Rows whose content equals the item's current version (both parsed, so defaults added since and key
 * order do not count): importing an unchanged file makes no new version.
 */
export function sameAsCurrent(records: Uint8Array, pairs: readonly { span: [number, number]; current: string }[]): boolean[] {
  const decoder = new TextDecoder();
  return pairs.map(({ span, current }) => {
    const incoming = ItemContent.parse((JSON.parse(decoder.decode(records.subarray(span[0], span[1]))) as { content: unknown }).content);
    return canonicalJson(incoming) === canonicalJson(ItemContent.parse(JSON.parse(current)));
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

export const transferTasks = workerTasks(import.meta.url, {
  prepareWorkbookImport,
  prepareJsonImport,
  checkAgainstBase,
  sameAsCurrent,
  exportWorkbook,
  exportJson,
});
