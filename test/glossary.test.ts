import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, ROOT, SRC } from './support/import-graph.ts';

/** docs/glossary.md is the map from Chinese terms to code: every name of a built row must exist in the code. */
interface GlossaryRow {
  term: string;
  names: string[];
  isBuilt: boolean;
}

function glossaryRows(): GlossaryRow[] {
  const text = readFileSync(join(ROOT, 'docs/glossary.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| 中文') && !line.startsWith('| ---'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      const code = cells[2] ?? '';
      return {
        term: cells[1] ?? '',
        names: [...code.matchAll(/`([A-Za-z]+)`/g)].map((match) => match[1] ?? ''),
        isBuilt: cells[4] === 'built',
      };
    });
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function isNamedIn(corpus: string, name: string): boolean {
  return [name, kebab(name), snake(name), capitalised(name)].some((variant) =>
    new RegExp(`(?<![a-z0-9])${variant}(?![a-z0-9])`).test(corpus),
  );
}

describe('glossary (docs/glossary.md)', () => {
  const rows = glossaryRows();
  const corpus = [...filesUnder(SRC, ['.ts', '.vue']), ...filesUnder(join(ROOT, 'migrations'), ['.sql'])]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it('has rows, each built or planned, each with a name', () => {
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((row) => row.names.length === 0).map((row) => row.term)).toEqual([]);
  });

  it('every name of a built row exists in the code', () => {
    const missing = rows
      .filter((row) => row.isBuilt)
      .flatMap((row) => row.names.filter((name) => !isNamedIn(corpus, name)).map((name) => `${row.term}: ${name}`));
    expect(missing).toEqual([]);
  });

  it('the drifted names are gone: AB岗 is backup, an agent’s villages are agentVillages', () => {
    const serverCode = filesUnder(SRC)
      .filter((file) => !file.includes('/src/web/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(serverCode.match(/\b(?:covered|covering|cover)[A-Z]\w*|\w+Cover(?:ed|ing)?[A-Z]?\w*/g) ?? []).toEqual([]);
  });
});
