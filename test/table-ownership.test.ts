import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, isTest, rel, ROOT, SRC } from './support/import-graph.ts';

/** CONVENTIONS rule 13: a module owns its tables; docs/database.md says which, and this test holds the code to it. */
const serverFiles = filesUnder(SRC).filter((file) => !file.includes('/src/web/') && !isTest(file));
const moduleOf = (path: string): string | null => /^src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

describe('table ownership (docs/database.md)', () => {
  const owners = ownersFromDatabaseDoc();
  const created = tablesCreatedByMigrations();

  it('lists every table a migration creates under exactly one owner', () => {
    expect([...created].filter((table) => !owners.has(table)).sort()).toEqual([]);
    expect([...owners.keys()].filter((table) => !created.has(table)).sort()).toEqual([]);
  });

  it("no module's SQL names a table of another module", () => {
    const offences: string[] = [];
    for (const file of serverFiles) {
      const path = rel(file);
      const own = moduleOf(path) ?? (path.startsWith('src/kernel/') ? 'kernel' : null);
      if (!own) continue;
      for (const table of tablesNamedIn(readFileSync(file, 'utf8'))) {
        const owner = owners.get(table);
        if (owner && owner !== own) offences.push(`${path} → ${table} (${owner})`);
      }
    }
    expect(offences).toEqual([]);
  });
});

/** `## name — …` headings followed by a table whose rows start with a `table` name in backticks. */
function ownersFromDatabaseDoc(): Map<string, string> {
  const owners = new Map<string, string>();
  let section = '';
  for (const line of readFileSync(join(ROOT, 'docs/database.md'), 'utf8').split('\n')) {
    const heading = /^## ([a-z]+)/.exec(line);
    if (heading) section = heading[1] ?? '';
    const row = /^\| `([a-z_]+)` \|/.exec(line);
    if (row?.[1]) {
      if (owners.has(row[1])) throw new Error(`docs/database.md lists ${row[1]} twice`);
      owners.set(row[1], section);
    }
  }
  return owners;
}

function tablesCreatedByMigrations(): Set<string> {
  const dir = join(ROOT, 'migrations');
  const text = readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
  return new Set([...text.matchAll(/create table (?:if not exists )?([a-z_]+)/gi)].map((match) => match[1] ?? ''));
}

/** Table names after from / join / into / update / table inside the file's template and quoted strings. */
function tablesNamedIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const literal of text.matchAll(/`[^`]*`|'[^'\n]*'/g)) {
    for (const match of literal[0].matchAll(/\b(?:from|join|into|update|table)\s+(?:only\s+)?([a-z_]+)\b/gi)) names.add(match[1] ?? '');
  }
  return names;
}
