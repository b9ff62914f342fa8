import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE, type Db } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { purgeOrphanFileContent, storeContent } from './content.ts';
import { largePdf } from './fixtures.ts';
import { CHUNK_BYTES } from './kinds.ts';
import { completeContent } from './repo.ts';

let env: TestEnv;
let town: TownshipFixture;
let auth: { authorization: string };
const dir = join(tmpdir(), `yizhan-content-${randomUUID()}`);

// The orphan job reads every tenant's chunks: on a shared PostgreSQL it would judge other files' uploads by this file's clock.
beforeAll(async () => {
  env = await createTestEnv({ isolated: true });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  auth = await signIn(env, town.window.username);
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await env.close();
});

/** A PDF of several chunks whose bytes differ with `seed`. */
const pdfOf = (seed: string, bytes = 5 * CHUNK_BYTES) =>
  largePdf(bytes, (size) => {
    const out = Buffer.alloc(size);
    for (let at = 0; at < size; at += 32)
      createHash('sha256')
        .update(`${seed}:${String(at)}`)
        .digest()
        .copy(out, at);
    return out;
  });

const upload = (body: Buffer, key = randomUUID()) =>
  env.app.inject({
    method: 'POST',
    url: '/api/files?name=scan.pdf',
    headers: { ...changeHeaders(auth, key), 'content-type': 'application/pdf' },
    payload: body,
  });

const rowsOf = (sha256: string) =>
  env.db.transaction(SYSTEM_SCOPE, async (tx) => ({
    files: (await tx.query('select 1 from files where sha256 = $1', [sha256])).rows.length,
    contents: (await tx.query('select 1 from file_contents where sha256 = $1', [sha256])).rows.length,
    chunks: (await tx.query('select 1 from file_chunks where sha256 = $1', [sha256])).rows.length,
  }));

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The real database, failing from the `failAt`-th transaction on: a process that dies part way through. */
function dyingAt(db: Db, failAt: number): Db {
  let calls = 0;
  return {
    ...db,
    transaction: (scope, work) => {
      calls += 1;
      if (calls >= failAt) return Promise.reject(new Error('the process died here'));
      return db.transaction(scope, work);
    },
  };
}

describe('crash safety of stored content', () => {
  it('a failure part way through the chunks leaves no file and no content; the same upload later completes and reuses them', async () => {
    const pdf = await pdfOf('half');
    const sha256 = sha256Of(pdf);
    const path = join(dir, randomUUID());
    writeFileSync(path, pdf);
    const scope = { kind: 'orgs' as const, orgIds: [town.township.id] };
    // 1 touch of content, 1 of chunks, then chunks 0, 1, 2 — and the fourth chunk never comes.
    await expect(
      storeContent(dyingAt(env.db, 6), scope, { orgId: town.township.id, sha256, size: pdf.length, path }, () => env.clock.now()),
    ).rejects.toThrow();
    expect(await rowsOf(sha256)).toEqual({ files: 0, contents: 0, chunks: 3 });

    const response = await upload(pdf);
    expect(response.statusCode, response.body).toBe(201);
    expect(await rowsOf(sha256)).toEqual({ files: 1, contents: 1, chunks: Math.ceil(pdf.length / CHUNK_BYTES) });
    const download = await env.app.inject({ method: 'GET', url: `/api/files/${response.json<{ id: string }>().id}`, headers: auth });
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('a change that fails after the content was stored (a reused key) leaves the content unseen, and the orphan job removes it a day later', async () => {
    const key = randomUUID();
    const kept = await pdfOf('kept');
    const refused = await pdfOf('refused');
    expect((await upload(kept, key)).statusCode).toBe(201);
    expect((await upload(refused, key)).statusCode).toBe(422);
    const chunks = Math.ceil(refused.length / CHUNK_BYTES);
    expect(await rowsOf(sha256Of(refused))).toEqual({ files: 0, contents: 1, chunks });

    // Within the day it is spared: an upload may be about to use it.
    await purgeOrphanFileContent(env.db, new Date(env.clock.now().getTime() + 3_600_000));
    expect(await rowsOf(sha256Of(refused))).toEqual({ files: 0, contents: 1, chunks });
    const removed = await purgeOrphanFileContent(env.db, new Date(env.clock.now().getTime() + 25 * 3_600_000));
    expect(removed.contents).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(sha256Of(refused))).toEqual({ files: 0, contents: 0, chunks: 0 });
    expect(await rowsOf(sha256Of(kept))).toEqual({ files: 1, contents: 1, chunks: Math.ceil(kept.length / CHUNK_BYTES) });
  });

  it('the database itself refuses a file row whose content is not complete, and content whose chunks are missing', async () => {
    const missing = 'f'.repeat(64);
    const orgId = town.township.id;
    await expect(
      env.db.transaction(SYSTEM_SCOPE, (tx) =>
        tx.query(
          `insert into files (org_id, sha256, media_type, size, name, content_sha256, created_at) values ($1, $2, 'application/pdf', 10, 'x.pdf', $2, now())`,
          [orgId, missing],
        ),
      ),
    ).rejects.toThrow(/foreign key/);
    await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(`insert into file_chunks (org_id, sha256, seq, data, written_at) values ($1, $2, 1, '\\x00', now())`, [orgId, missing]),
    );
    expect(
      await env.db.transaction(SYSTEM_SCOPE, (tx) =>
        completeContent(tx, { orgId, sha256: missing, size: 65537, chunkCount: 2 }, env.clock.now()),
      ),
    ).toBe(false);
  });
});
