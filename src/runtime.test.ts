import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli.ts';
import { loadConfig } from './config.ts';
import { describeDatabaseUrl, openDatabase, StartupError } from './runtime.ts';

describe('start-up against a database server that cannot be reached (R11)', () => {
  it('names the variable and the host, never the password', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://clerk:s3cret-pw@127.0.0.1:1/yizhan', YIZHAN_DATA_DIR: '.tmp/unused' });
    const error = await openDatabase(config).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as StartupError).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('127.0.0.1:1/yizhan');
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
  });

  it('describes a URL by host, port, database and user', () => {
    expect(describeDatabaseUrl('postgresql://u:p@db.example:6432/county')).toBe('db.example:6432/county, 用户 / user u');
    expect(describeDatabaseUrl('postgres://localhost')).toBe('localhost:5432/(默认 / default)');
  });
});

describe('start-up on a data folder another process holds', () => {
  it('is a StartupError that names the folder and the process, so the CLI prints it without a stack', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yizhan-lock-'));
    try {
      mkdirSync(join(dataDir, 'pglite'), { recursive: true });
      // PID 1 is always alive: the folder counts as held by a running server.
      writeFileSync(join(dataDir, 'pglite', 'yizhan.lock'), '1');
      const lines: string[] = [];
      const code = await run(['migrate'], { YIZHAN_DATA_DIR: dataDir }, (line) => lines.push(line));
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain('已被另一个进程 (PID 1) 打开');
      expect(lines.join('\n')).not.toContain('    at ');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
