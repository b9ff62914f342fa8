import { describe, expect, it } from 'vitest';
import { versionedUpdate } from './versioned-update.ts';

const COLUMNS = { name: 'name', note: 'note', data: 'data_json' } as const;
const row = { id: 'id-1', version: 4, now: new Date('2026-12-07T00:00:00Z') };

describe('versionedUpdate', () => {
  it('leaves undefined columns alone, writes null, serialises JSON columns, checks and bumps the version', () => {
    const { text, params } = versionedUpdate(
      'things',
      COLUMNS,
      { name: '新名', note: undefined, data: { a: 1 } },
      row,
      new Set(['data'] as const),
    );
    expect(text).toBe('update things set name = $4, data_json = $5, version = version + 1, updated_at = $3 where id = $1 and version = $2');
    expect(params).toEqual(['id-1', 4, row.now, '新名', '{"a":1}']);
    expect(versionedUpdate('things', COLUMNS, { note: null, data: null }, row, new Set(['data'] as const)).params.slice(3)).toEqual([
      null,
      null,
    ]);
  });

  it('with nothing to change still checks and bumps the version', () => {
    expect(versionedUpdate('things', COLUMNS, {}, row).text).toBe(
      'update things set version = version + 1, updated_at = $3 where id = $1 and version = $2',
    );
  });
});
