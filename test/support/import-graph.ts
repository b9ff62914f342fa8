import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The import graph of the server's source, read with TypeScript's own pre-processor. */
export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SRC = join(ROOT, 'src');

export interface ImportEdge {
  /** The specifier as written. */
  spec: string;
  /** The file it names (relative specifiers only), relative to the repository root. */
  target: string | null;
  /** `import type …` / `export type …`: erased at run time. */
  isTypeOnly: boolean;
}

export function filesUnder(dir: string, suffixes: readonly string[] = ['.ts']): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, suffixes);
    return suffixes.some((suffix) => path.endsWith(suffix)) ? [path] : [];
  });
}

export const rel = (path: string): string => relative(ROOT, path);
export const isTest = (path: string): boolean => /\.test\.ts$|\.bench\.ts$/.test(path);

/** Specifiers of top-level `import type …` / `export type … from`: erased at run time. */
function typeOnlySpecifiers(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const specs = new Set<string>();
  for (const statement of source.statements) {
    const isTypeOnly =
      (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword) ||
      (ts.isExportDeclaration(statement) && statement.isTypeOnly);
    const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (isTypeOnly && specifier && ts.isStringLiteral(specifier)) specs.add(specifier.text);
  }
  return specs;
}

function valueSpecifiers(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const specs = new Set<string>();
  for (const statement of source.statements) {
    const isValue =
      (ts.isImportDeclaration(statement) && statement.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword) ||
      (ts.isExportDeclaration(statement) && !statement.isTypeOnly);
    const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (isValue && specifier && ts.isStringLiteral(specifier)) specs.add(specifier.text);
  }
  return specs;
}

/**
 * Every import of a file: static, re-exports, side-effect and dynamic (`import('…')`), at any depth of
 * `../`. An import is type-only when every statement naming it is `import type` / `export type`.
 */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const typeOnly = typeOnlySpecifiers(file, text);
  const values = valueSpecifiers(file, text);
  const seen = new Set<string>();
  return ts.preProcessFile(text, true, true).importedFiles.flatMap((imported) => {
    const spec = imported.fileName;
    if (seen.has(spec)) return [];
    seen.add(spec);
    const target = spec.startsWith('.') ? rel(resolve(dirname(file), spec)) : null;
    return [{ spec, target, isTypeOnly: typeOnly.has(spec) && !values.has(spec) && !isDynamic(text, spec) }];
  });
}

const isDynamic = (text: string, spec: string): boolean => text.includes(`import('${spec}')`);

/** Strongly connected components with more than one file (Tarjan): each is an import cycle. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
