import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Module boundaries (CONVENTIONS.md): other modules only through index.ts; rule files stay pure. */
const ROOT = new URL('..', import.meta.url).pathname;
const MODULES = join(ROOT, 'src/modules');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');
}

const PURE_FILES = /\/(rules|transitions|deadline|chain|password-policy|permissions)\.ts$/;

describe('architecture', () => {
  const files = filesUnder(MODULES).filter((file) => !file.endsWith('.test.ts'));

  it('modules import each other only through index.ts', () => {
    const offences: string[] = [];
    for (const file of files) {
      const own = relative(MODULES, file).split('/')[0];
      for (const spec of importsOf(file)) {
        const match = /^\.\.\/([^/]+)\/(.+)$/.exec(spec);
        if (match && match[1] !== own && match[2] !== 'index.ts' && !spec.startsWith('../../')) offences.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('rule files import no database, server, node built-ins or clock', () => {
    const offences: string[] = [];
    for (const file of files.filter((f) => PURE_FILES.test(f))) {
      for (const spec of importsOf(file)) {
        if (/\/db\/|\/server\/(?!context)|^node:|clock/.test(spec) && !/chain\.ts$/.test(file)) offences.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('only src/shared/clock.ts reads the machine clock', () => {
    const offences = filesUnder(join(ROOT, 'src'))
      .filter((file) => !file.includes('/web/') && !file.endsWith('.test.ts') && !file.endsWith('shared/clock.ts'))
      .filter((file) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offences).toEqual([]);
  });
});
