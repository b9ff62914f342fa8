import { randomUUID } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { EXE, genuineJpeg, genuineOfd, genuinePdf, genuinePng, pdfWith } from './fixtures.ts';

let env: TestEnv;
let a: TownshipFixture;
let b: TownshipFixture;
let auth: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  a = await createTownship(env, county);
  b = await createTownship(env, county);
  auth = await signIn(env, a.window.username);
});
afterAll(async () => env.close());

const upload = (
  body: Buffer,
  name: string,
  headers: Record<string, string> = changeHeaders(auth),
  contentType = 'application/octet-stream',
) =>
  env.app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}`,
    headers: { ...headers, 'content-type': contentType },
    payload: body,
  });

const count = (sql: string, params: unknown[]) =>
  env.db.transaction(SYSTEM_SCOPE, async (tx) => (await tx.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);

describe('material uploads (R8)', () => {
  it('stores a PDF by content, once per content, and serves it as an attachment with nosniff', async () => {
    const pdf = await genuinePdf();
    const first = await upload(pdf, '身份证复印件.pdf');
    expect(first.statusCode, first.body).toBe(201);
    const file = first.json<{ id: string; mediaType: string; size: number; name: string; sha256: string }>();
    expect(file).toMatchObject({ mediaType: 'application/pdf', size: pdf.length, name: '身份证复印件.pdf' });
    const again = await upload(pdf, '另一个名字.pdf');
    expect(again.json<{ id: string }>().id).toBe(file.id);
    expect(
      await count('select count(*)::int as n from file_contents where org_id = $1 and sha256 = $2', [a.township.id, file.sha256]),
    ).toBe(1);
    expect(await count('select count(*)::int as n from file_chunks where org_id = $1 and sha256 = $2', [a.township.id, file.sha256])).toBe(
      1,
    );
    const download = await env.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: auth });
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('身份证复印件.pdf')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('accepts a genuine JPEG, PNG and OFD, whatever type the client declares', async () => {
    for (const [bytes, mediaType] of [
      [await genuineJpeg(20, 10), 'image/jpeg'],
      [await genuinePng(20, 10), 'image/png'],
      [await genuineOfd(), 'application/ofd'],
    ] as const) {
      const response = await upload(bytes, 'material', changeHeaders(auth), 'application/pdf');
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ mediaType });
    }
  });

  it('names the stored file without bidi overrides and with the extension of what it is', async () => {
    const response = await upload(
      await genuinePdf((d) => {
        d.setTitle('rlo');
      }),
      'invoice\u202egpj.exe',
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<{ name: string }>().name).toBe('invoicegpj.pdf');
  });
});

describe('content checks parse what is claimed (R8)', () => {
  const refused = async (body: Buffer, contentType: string, code: string, reason: string) => {
    const response = await upload(body, 'material.pdf', changeHeaders(auth), contentType);
    expect(response.statusCode, response.body).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code, reason });
    return response.json<{ title: string; detail: string }>();
  };

  it('refuses %PDF- followed by HTML', async () => {
    await refused(
      Buffer.from('%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n'),
      'application/pdf',
      'FILE_CONTENT_REFUSED',
      'markup-at-start',
    );
  });

  it('refuses a PNG with a ZIP appended', async () => {
    const polyglot = Buffer.concat([await genuinePng(), Buffer.from(zipSync({ 'run.exe': EXE }))]);
    await refused(polyglot, 'image/png', 'FILE_CONTENT_REFUSED', 'image-trailing-data');
  });

  it('refuses a PDF whose /OpenAction runs JavaScript, with a Chinese message', async () => {
    const problem = await refused(await pdfWith.openActionJavaScript(), 'application/pdf', 'FILE_CONTENT_REFUSED', 'pdf-active-content');
    expect(problem.detail).toContain('PDF 含有脚本');
  });

  it('refuses an OFD holding an EXE', async () => {
    await refused(await genuineOfd({ 'Doc_0/Res/tool.exe': EXE }), 'application/ofd', 'FILE_CONTENT_REFUSED', 'ofd-entry-type');
    await refused(await genuineOfd({ 'Doc_0/Res/image.png': EXE }), 'application/ofd', 'FILE_CONTENT_REFUSED', 'ofd-entry-executable');
  });

  it('refuses HTML dressed as a PDF, an executable, and an empty body', async () => {
    await refused(Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf', 'FILE_CONTENT_REFUSED', 'markup-at-start');
    await refused(EXE, 'application/pdf', 'FILE_TYPE_REFUSED', 'type-exe');
    const empty = await upload(Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'FILE_EMPTY' });
  });

  it('refuses a body over 10 MB with 413 problem+json in Chinese, and stores nothing of it', async () => {
    const huge = Buffer.concat([await genuinePdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const response = await upload(huge, 'big.pdf');
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'FILE_TOO_LARGE', title: '文件过大' });
  });
});

describe('idempotency of an upload (R2)', () => {
  it('same key and bytes → the same answer; same key and other bytes → 422', async () => {
    const key = randomUUID();
    const pdf = await genuinePdf((d) => {
      d.setTitle('idempotent');
    });
    const first = await upload(pdf, 'a.pdf', changeHeaders(auth, key));
    expect(first.statusCode, first.body).toBe(201);
    const replay = await upload(pdf, 'a.pdf', changeHeaders(auth, key));
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    const other = await upload(
      await genuinePdf((d) => {
        d.setTitle('other');
      }),
      'a.pdf',
      changeHeaders(auth, key),
    );
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('tenancy (R4)', () => {
  it('another township’s file id answers 404 FILE_NOT_FOUND, and its content is not visible under RLS', async () => {
    const pdf = await genuinePdf((d) => {
      d.setTitle('township a');
    });
    const { id, sha256 } = (await upload(pdf, 'a.pdf')).json<{ id: string; sha256: string }>();
    const other = await signIn(env, b.window.username);
    const response = await env.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: other });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'FILE_NOT_FOUND' });
    const seen = await env.db.transaction({ kind: 'orgs', orgIds: [b.township.id, b.village.id] }, async (tx) => ({
      contents: (await tx.query('select 1 from file_contents where sha256 = $1', [sha256])).rows.length,
      chunks: (await tx.query('select 1 from file_chunks where sha256 = $1', [sha256])).rows.length,
    }));
    expect(seen).toEqual({ contents: 0, chunks: 0 });
  });

  it('the same bytes uploaded in two townships are two contents, one per tenant', async () => {
    const pdf = await genuinePdf((d) => {
      d.setTitle('both townships');
    });
    const mine = (await upload(pdf, 'x.pdf')).json<{ id: string; sha256: string }>();
    const theirs = (await upload(pdf, 'x.pdf', changeHeaders(await signIn(env, b.window.username)))).json<{ id: string; sha256: string }>();
    expect(theirs.id).not.toBe(mine.id);
    expect(await count('select count(*)::int as n from file_contents where sha256 = $1', [mine.sha256])).toBe(2);
  });
});
