import { describe, expect, it } from 'vitest';
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
