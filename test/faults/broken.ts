// Deliberately broken builds, to show the harness catches what it claims to. Nothing here touches
// the product: a broken build is either an environment for the server process or a patched copy of
// the tree in a temporary folder.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const BROKEN_BUILDS = ['sync-commit-off', 'idempotency-race'] as const;
export type BrokenBuild = (typeof BROKEN_BUILDS)[number];

export const isBrokenBuild = (value: string): value is BrokenBuild => (BROKEN_BUILDS as readonly string[]).includes(value);

export interface Build {
  /** The tree whose src/main.ts the server runs. */
  root: string;
  /** Extra environment for the server process. */
  env: Record<string, string>;
  description: string;
}

/**
 * sync-commit-off: the server's connections commit without waiting for the WAL flush (PGOPTIONS), so
 * an immediate stop loses commits the clients were already told about.
 * idempotency-race: a copy of the tree with test/faults/idempotency-race.patch applied — no key
 * lock, the idempotency record inserted `on conflict do nothing` — so two sends of one key both
 * pass the check and both make a case.
 */
export function prepareBuild(kind: BrokenBuild | undefined, root: string, scratch: string): Build {
  if (kind === undefined) return { root, env: {}, description: 'the real build' };
  if (kind === 'sync-commit-off') {
    return {
      root,
      env: { PGOPTIONS: '-c synchronous_commit=off' },
      description: 'broken: synchronous_commit=off for the server’s connections',
    };
  }
  const copy = join(scratch, 'tree');
  mkdirSync(copy, { recursive: true });
  const web = join(root, 'src', 'web');
  for (const entry of ['src', 'migrations', 'package.json', 'tsconfig.json']) {
    // The browser apps are served from dist/, not compiled from src/web, by the server.
    cpSync(join(root, entry), join(copy, entry), { recursive: true, filter: (path) => path !== web && !path.startsWith(`${web}/`) });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  if (existsSync(join(root, 'dist'))) symlinkSync(join(root, 'dist'), join(copy, 'dist'));
  // A repository of its own, so that `git apply` patches the copy and never the worktree around it.
  const git = (...args: string[]) => execFileSync('git', args, { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  const patch = join(root, 'test/faults/idempotency-race.patch');
  try {
    git('apply', '--check', patch);
  } catch (error) {
    throw new Error(
      `test/faults/idempotency-race.patch no longer applies to src/server/change.ts; update the patch.\n${String((error as { stderr?: Buffer }).stderr ?? error)}`,
    );
  }
  git('apply', patch);
  return { root: copy, env: {}, description: 'broken: check-then-insert race in the idempotency path (patched copy)' };
}
