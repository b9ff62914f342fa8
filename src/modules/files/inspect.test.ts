import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { EXE, ESCAPED_JAVASCRIPT_PDF, genuineJpeg, genuineOfd, genuinePdf, genuinePng, OFD_XML, pdfWith, pngClaiming } from './fixtures.ts';
import { inspectUpload } from './inspect.ts';
import type { Verdict } from './kinds.ts';
import { readZipDirectory } from './zip-directory.ts';

const dir = join(tmpdir(), `yizhan-inspect-${randomUUID()}`);
mkdirSync(dir, { recursive: true });
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The worker task itself, run here on the test's thread (the pool only moves it to another thread). */
async function inspect(bytes: Uint8Array): Promise<Verdict> {
  const path = join(dir, randomUUID());
  writeFileSync(path, bytes);
  return inspectUpload(path);
}

const refusedFor = (reason: string): unknown => expect.objectContaining({ ok: false, reason });

describe('genuine files are accepted (R8)', () => {
  it('a PDF, a JPEG, a PNG and an OFD built here', async () => {
    expect(await inspect(await genuinePdf())).toEqual({ ok: true, mediaType: 'application/pdf' });
    expect(await inspect(await pdfWith.openActionGoTo())).toEqual({ ok: true, mediaType: 'application/pdf' });
    expect(await inspect(await genuineJpeg())).toEqual({ ok: true, mediaType: 'image/jpeg' });
    expect(await inspect(await genuinePng())).toEqual({ ok: true, mediaType: 'image/png' });
    expect(await inspect(await genuineOfd())).toEqual({ ok: true, mediaType: 'application/ofd' });
  });

  it('a JPEG padded with zeros after its end, as some cameras write', async () => {
    expect(await inspect(Buffer.concat([await genuineJpeg(), Buffer.alloc(64)]))).toEqual({ ok: true, mediaType: 'image/jpeg' });
  });
});

describe('PDF: opened by a PDF library; active content refused wherever it sits', () => {
  it('refuses %PDF- followed by HTML', async () => {
    const verdict = await inspect(Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF'));
    expect(verdict).toEqual(refusedFor('markup-at-start'));
  });

  it('refuses a PDF header with no document behind it, and a document with no page', async () => {
    expect(await inspect(Buffer.from('%PDF-1.4\nnothing here at all\n%%EOF\n'))).toEqual(
      expect.objectContaining({ ok: false, refusal: 'type' }),
    );
    const noPage = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    expect(await inspect(noPage)).toEqual(refusedFor('pdf-no-pages'));
  });

  it.each([
    ['/OpenAction running JavaScript (inside an object stream)', pdfWith.openActionJavaScript],
    ['a page /AA launching a program', pdfWith.pageAdditionalAction],
    ['an embedded file', pdfWith.embeddedFile],
    ['/OpenAction submitting a form', pdfWith.submitForm],
    ['an XFA form', pdfWith.xfa],
    ['JavaScript spelled with #xx name escapes', () => Promise.resolve(ESCAPED_JAVASCRIPT_PDF)],
  ])('refuses %s, in Chinese', async (_what, build) => {
    const verdict = await inspect(await build());
    expect(verdict).toEqual(refusedFor('pdf-active-content'));
    expect(verdict.ok ? '' : verdict.message).toContain('PDF 含有脚本');
  });
});

describe('images: decoded; nothing after their end; sane dimensions', () => {
  it('refuses a PNG with a ZIP after IEND, and a JPEG with data after EOI', async () => {
    const zip = Buffer.from(zipSync({ 'payload.exe': EXE }));
    expect(await inspect(Buffer.concat([await genuinePng(), zip]))).toEqual(refusedFor('image-trailing-data'));
    expect(await inspect(Buffer.concat([await genuineJpeg(), Buffer.from('<?php system($_GET[1]); ?>')]))).toEqual(
      refusedFor('image-trailing-data'),
    );
  });

  it('refuses a decompression bomb by its dimensions, before decoding it', async () => {
    const verdict = await inspect(pngClaiming(100_000, 100_000));
    expect(verdict).toEqual(refusedFor('image-too-many-pixels'));
  });

  it('refuses an image that does not decode (a PNG signature on random bytes, a corrupt PNG)', async () => {
    const png = await genuinePng();
    expect(await inspect(Buffer.concat([png.subarray(0, 8), randomBytes(200)]))).toEqual(
      expect.objectContaining({ ok: false, refusal: 'type' }),
    );
    const corrupt = Buffer.from(png);
    const inside = corrupt.length - 20; // inside IDAT: the CRC no longer matches
    corrupt.writeUInt8(corrupt.readUInt8(inside) ^ 0xff, inside);
    expect(await inspect(corrupt)).toEqual(refusedFor('image-malformed'));
  });
});

describe('OFD: a ZIP checked from its central directory, then entry by entry', () => {
  it('refuses an OFD holding an executable, whatever the entry is called', async () => {
    expect(await inspect(await genuineOfd({ 'Doc_0/setup.exe': EXE }))).toEqual(refusedFor('ofd-entry-type'));
    expect(await inspect(await genuineOfd({ 'Doc_0/Res/photo.png': EXE }))).toEqual(refusedFor('ofd-entry-executable'));
    expect(await inspect(await genuineOfd({ 'Doc_0/Res/run.xml': Buffer.from('#!/bin/sh\nrm -rf /\n') }))).toEqual(
      refusedFor('ofd-entry-executable'),
    );
    expect(await inspect(await genuineOfd({ 'Doc_0/Res/page.xml': Buffer.from('<html><script>alert(1)</script></html>') }))).toEqual(
      refusedFor('ofd-entry-executable'),
    );
  });

  it.each(['../../etc/cron.d/x.xml', '/etc/x.xml', 'Doc_0\\..\\x.xml', 'C:/Windows/x.xml', 'Doc_0/./x.xml', 'Doc_0/\u202egpj.xml'])(
    'refuses the entry name %j',
    async (name) => {
      expect(await inspect(await genuineOfd({ [name]: OFD_XML }))).toEqual(refusedFor('ofd-unsafe-name'));
    },
  );

  it('refuses a ZIP without OFD.xml at its root, a ZIP bomb, and an executable with a ZIP appended', async () => {
    expect(await inspect(Buffer.from(zipSync({ 'Doc_0/OFD.xml': OFD_XML })))).toEqual(refusedFor('ofd-no-root'));
    expect(await inspect(await genuineOfd({ 'Doc_0/Res/big.xml': [Buffer.alloc(20 * 1024 * 1024, 0x20), { level: 9 }] }))).toEqual(
      refusedFor('ofd-too-large-unpacked'),
    );
    const selfExtracting = Buffer.concat([EXE, await genuineOfd()]);
    expect(readZipDirectory(selfExtracting)).toEqual({ refused: 'zip-not-at-start' });
  });

  it('refuses a ZIP whose entries overlap, or with data after its directory', async () => {
    const ofd = await genuineOfd();
    expect(await inspect(Buffer.concat([ofd, Buffer.from('trailing')]))).toEqual(refusedFor('zip-no-directory'));
    expect(readZipDirectory(ofd)).toHaveProperty('entries');
  });
});

describe('neither of the four kinds', () => {
  it('refuses an executable, HTML and plain text by content', async () => {
    expect(await inspect(EXE)).toEqual(expect.objectContaining({ ok: false, refusal: 'type' }));
    expect(await inspect(Buffer.from('<!DOCTYPE html><html></html>'))).toEqual(refusedFor('markup-at-start'));
    expect(await inspect(Buffer.from('just some words'))).toEqual(refusedFor('type-unknown'));
  });
});
