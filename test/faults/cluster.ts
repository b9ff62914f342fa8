// A PostgreSQL cluster of the harness's own, which it may stop the hard way. The shared server on
// 5432 is never touched: R1 needs a database that is killed mid-run, and that one serves others.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest /usr/lib/postgresql/<version>/bin that has initdb (or PG_BIN), or undefined. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((version) => existsSync(join(base, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], 'bin');
}

export interface Cluster {
  port: number;
  /** A connection string for `database` as the cluster's superuser. */
  url(database: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: the postmaster and every backend quit at once, no checkpoint (a crash). */
  stopImmediate(): Promise<void>;
  stop(): Promise<void>;
  logPath: string;
}

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user. */
async function idOf(user: string, flag: '-u' | '-g'): Promise<number> {
  const { stdout } = await run('id', [flag, user]);
  return Number(stdout.trim());
}

/**
 * initdb into `dir` (owned by the postgres user when run as root) with the settings as shipped:
 * fsync on, synchronous_commit on, full_page_writes on. Only initdb's own syncing is skipped
 * (`--no-sync`): it concerns the template files written once, not the commits under test.
 */
export async function createCluster(dir: string, bin: string, port: number): Promise<Cluster> {
  const isRoot = process.getuid?.() === 0;
  const dataDir = join(dir, 'data');
  const logPath = join(dir, 'postgres.log');
  mkdirSync(dir, { recursive: true });
  if (isRoot) chownSync(dir, await idOf('postgres', '-u'), await idOf('postgres', '-g'));
  const asOwner = async (tool: string, args: string[]): Promise<void> => {
    const [command, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    try {
      await run(command, argv, { cwd: dir, timeout: 120_000 });
    } catch (error) {
      const detail = error as { stderr?: string; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${detail.stderr?.trim() || detail.message}`);
    }
  };
  await asOwner('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${String(port)} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  return {
    port,
    logPath,
    url: (database) => `postgres://postgres@127.0.0.1:${String(port)}/${database}`,
    start: () => asOwner('pg_ctl', ['-D', dataDir, '-l', logPath, '-w', '-t', '120', '-o', options, 'start']),
    stopImmediate: () => asOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    stop: () => asOwner('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
  };
}
