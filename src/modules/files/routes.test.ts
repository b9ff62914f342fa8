import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

let env: TestEnv;
let a: TownshipFixture;
let b: TownshipFixture;
let auth: { authorization: string };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  a = await createTownship(env, county);
  b = await createTownship(env, county);
  auth = await signIn(env, a.window.username);
});
afterAll(async () => env.close());

const upload = (body: Buffer, name: string, headers: Record<string, string>, contentType = 'application/octet-stream') =>
  env.app.inject({ method: 'POST', url: `/api/files?name=${encodeURIComponent(name)}`, headers: { ...headers, 'content-type': contentType }, payload: body });

describe('material uploads (R8)', () => {
  it('stores a PDF by content, once per content, and serves it as an attachment with nosniff', async () => {
    const first = await upload(PDF, '身份证复印件.pdf', { ...auth, 'idempotency-key': randomUUID() });
    expect(first.statusCode, first.body).toBe(201);
    const file = first.json<{ id: string; mediaType: string; size: number }>();
    expect(file).toMatchObject({ mediaType: 'application/pdf', size: PDF.length });
    const again = await upload(PDF, '另一个名字.pdf', { ...auth, 'idempotency-key': randomUUID() });
    expect(again.json<{ id: string }>().id).toBe(file.id);
    const download = await env.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: auth });
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses HTML dressed as a PDF, and an empty or oversized body', async () => {
    const spoofed = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'scan.pdf', { ...auth, 'idempotency-key': randomUUID() }, 'application/pdf');
    expect(spoofed.statusCode).toBe(415);
    expect(spoofed.json()).toMatchObject({ code: 'FILE_TYPE_REFUSED' });
    const huge = await upload(Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]), 'big.pdf', { ...auth, 'idempotency-key': randomUUID() });
    expect(huge.statusCode).toBe(413);
  });

  it('another township cannot download the file', async () => {
    const { id } = (await upload(Buffer.concat([PDF, Buffer.from('x')]), 'a.pdf', { ...auth, 'idempotency-key': randomUUID() })).json<{ id: string }>();
    const other = await signIn(env, b.window.username);
    expect((await env.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: other })).statusCode).toBe(404);
  });
});
