import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, filesUnder, importsOf, isTest, rel, ROOT, SRC } from './support/import-graph.ts';

/**
 * The shape of the code (CONVENTIONS rules 2, 12–15): layers point one way, modules meet only
 * through index.ts, no import cycles, rule files pure, and each table named in SQL by its owner only.
 */
const serverFiles = filesUnder(SRC).filter((file) => !file.includes('/src/web/') && !isTest(file));
const moduleOf = (path: string): string | null => /^src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

/** shared ← db ← kernel ← modules ← server (composition: app, plugins, jobs, seed, entry points). */
const LAYERS: readonly (readonly [string, RegExp])[] = [
  ['shared', /^src\/shared\/|^src\/config\.ts$/],
  ['db', /^src\/db\//],
  ['kernel', /^src\/kernel\//],
  ['modules', /^src\/modules\//],
  ['server', /^src\/(server|seed)\/|^src\/[a-z-]+\.ts$/],
];
const layerOf = (path: string): number => LAYERS.findIndex(([, pattern]) => pattern.test(path));

/** A rule file: `rules.ts`, `transitions.ts` or `*.rules.ts` — pure functions of their arguments. */
const isRuleFile = (path: string): boolean => /(^|\/)(rules|transitions)\.ts$|\.rules\.ts$/.test(path);

/** A file of constants that imports nothing (a word list, a table): as pure as a rule file. */
const isDataFile = (path: string): boolean => path.startsWith('src/') && importsOf(join(ROOT, path)).length === 0;

describe('architecture', () => {
  it('sees side-effect, dynamic and type-only imports, and finds a cycle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yizhan-arch-'));
    const file = join(dir, 'probe.ts');
    writeFileSync(file, "import './side.ts';\nimport type { A } from './types.ts';\nexport const m = () => import('../up/dynamic.ts');\n");
    const edges = importsOf(file);
    rmSync(dir, { recursive: true });
    expect(edges.map((edge) => [edge.spec, edge.isTypeOnly])).toEqual([
      ['./side.ts', false],
      ['./types.ts', true],
      ['../up/dynamic.ts', false],
    ]);
    expect(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('every module has the same shape: index, schemas, service, repo, routes (errors where it has codes)', () => {
    const modules = readdirSync(join(SRC, 'modules'));
    const missing = modules.flatMap((name) =>
      ['index.ts', 'schemas.ts', 'service.ts', 'repo.ts', 'routes.ts']
        .filter((file) => !existsSync(join(SRC, 'modules', name, file)))
        .map((file) => `${name}/${file}`),
    );
    expect(modules.length).toBeGreaterThan(8);
    expect(missing).toEqual([]);
  });

  it('knows the layer of every server file', () => {
    expect(serverFiles.map(rel).filter((path) => layerOf(path) < 0)).toEqual([]);
  });

  it('layers point one way: shared ← db ← kernel ← modules ← server', () => {
    const offences: string[] = [];
    for (const file of serverFiles) {
      const from = layerOf(rel(file));
      for (const edge of importsOf(file)) {
        if (!edge.target?.startsWith('src/')) continue;
        const to = layerOf(edge.target);
        if (to > from) offences.push(`${rel(file)} (${LAYERS[from]?.[0] ?? '?'}) → ${edge.target} (${LAYERS[to]?.[0] ?? '?'})`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('modules reach each other only through index.ts, from any sub-folder', () => {
    const offences: string[] = [];
    for (const file of filesUnder(join(SRC, 'modules')).filter((path) => !isTest(path))) {
      const own = moduleOf(rel(file));
      for (const edge of importsOf(file)) {
        const other = edge.target ? moduleOf(edge.target) : null;
        if (other && other !== own && edge.target !== `src/modules/${other}/index.ts`) offences.push(`${rel(file)} → ${edge.spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('has no import cycle between files or between modules', () => {
    const files = new Map<string, string[]>();
    const modules = new Map<string, string[]>();
    for (const file of serverFiles) {
      const edges = importsOf(file).filter((edge) => !edge.isTypeOnly && edge.target?.startsWith('src/'));
      files.set(
        rel(file),
        edges.map((edge) => edge.target ?? ''),
      );
      const own = moduleOf(rel(file));
      if (!own) continue;
      const others = edges.map((edge) => moduleOf(edge.target ?? '')).filter((other): other is string => other !== null && other !== own);
      modules.set(own, [...new Set([...(modules.get(own) ?? []), ...others])]);
    }
    expect(cyclesOf(files)).toEqual([]);
    expect(cyclesOf(modules)).toEqual([]);
  });

  it('rule files are pure: no database, kernel, server, node built-in, clock or randomness', () => {
    const ruleFiles = serverFiles.filter((file) => isRuleFile(rel(file)));
    expect(ruleFiles.length).toBeGreaterThan(10);
    const offences: string[] = [];
    for (const file of ruleFiles) {
      for (const edge of importsOf(file)) {
        const target = edge.target ?? '';
        const isPureTarget =
          isRuleFile(target) || isDataFile(target) || (target.startsWith('src/shared/') && !target.endsWith('/clock.ts'));
        const isAllowedType = edge.isTypeOnly;
        if (edge.spec.startsWith('node:') || edge.spec === 'pg' || edge.spec === 'fastify') offences.push(`${rel(file)} → ${edge.spec}`);
        else if (edge.target && !isPureTarget && !isAllowedType) offences.push(`${rel(file)} → ${edge.spec}`);
      }
      const text = readFileSync(file, 'utf8');
      if (/Date\.now\(\)|new Date\(\)|Math\.random\(|process\./.test(text))
        offences.push(`${rel(file)}: reads the clock, chance or the process`);
    }
    expect(offences).toEqual([]);
  });

  it('schemas are safe in a browser: zod, shared, rule files, other schemas and the kernel context only', () => {
    const BROWSER_SAFE_KERNEL = new Set(['src/kernel/context.ts', 'src/kernel/route-kit.ts', 'src/kernel/permissions.rules.ts']);
    const offences: string[] = [];
    for (const file of serverFiles.filter((path) => /\/schemas\.ts$/.test(path))) {
      for (const edge of importsOf(file)) {
        const target = edge.target ?? '';
        const isSafe =
          edge.spec === 'zod' ||
          edge.isTypeOnly ||
          isRuleFile(target) ||
          target.endsWith('/schemas.ts') ||
          BROWSER_SAFE_KERNEL.has(target) ||
          (target.startsWith('src/shared/') && !target.endsWith('/clock.ts'));
        if (!isSafe) offences.push(`${rel(file)} → ${edge.spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('routes name who may call them through the permission table (kernel/permissions.rules.ts), never a role list of their own', () => {
    const offences = filesUnder(join(SRC, 'modules'))
      .filter((file) => !isTest(file))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/requireStaff\(request, (?!\.\.\.rolesFor\(|\.\.\.roles\))[^)]*\)/g)].map(
          (match) => `${rel(file)}: ${match[0]}`,
        ),
      );
    expect(offences).toEqual([]);
  });

  it('the web imports from the server side only what is safe in a browser (ADR 0015)', () => {
    const BROWSER_SAFE =
      /^src\/(shared\/(?!clock\.ts)|kernel\/(context|permissions\.rules)\.ts$|modules\/.+\/(schemas|rules|transitions)\.ts$|modules\/.+\.rules\.ts$)/;
    const offences: string[] = [];
    for (const file of filesUnder(join(SRC, 'web'), ['.ts', '.vue'])) {
      for (const edge of importsOf(file)) {
        const target = edge.target ?? '';
        if (target.startsWith('src/') && !target.startsWith('src/web/') && !BROWSER_SAFE.test(target))
          offences.push(`${rel(file)} → ${edge.spec}`);
        // zod compiles with new Function at run time, which the pages' CSP refuses: schemas as types only.
        if (target.endsWith('/schemas.ts') && !edge.isTypeOnly) offences.push(`${rel(file)} → ${edge.spec} (import type only)`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('in a module only repo files run SQL (repo.ts, *-repo.ts)', () => {
    const offences = filesUnder(join(SRC, 'modules'))
      .filter((file) => !isTest(file) && !/(^|\/|-)repo\.ts$/.test(file))
      .filter((file) => /\.query(<|\()/.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offences).toEqual([]);
  });

  it('only src/shared/clock.ts reads the machine clock', () => {
    const offences = serverFiles
      .filter((file) => !file.endsWith('shared/clock.ts'))
      .filter((file) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offences).toEqual([]);
  });
});
