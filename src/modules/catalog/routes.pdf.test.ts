import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { createCounty, type CountyFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { seedDemoCatalog } from './index.ts';

let env: TestEnv;
let county: CountyFixture;

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env, { testItems: false });
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
});
afterAll(async () => env.close());

describe('printable PDFs', () => {
  it.each(['guide.pdf', 'notice-checklist.pdf'])('%s is a PDF that embeds the Chinese font from npm', async (file) => {
    const response = await env.app.inject({ method: 'GET', url: `/api/public/items/ZJD-001/${file}?org=${county.county.code}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(text).toContain('/FontFile2');
    // Only the glyphs used are embedded: far smaller than the 10 MB font.
    expect(pdf.length).toBeLessThan(600_000);
    if (process.env.YIZHAN_PDF_OUT) writeFileSync(`${process.env.YIZHAN_PDF_OUT}/${file}`, pdf);
  });

  it('the guide’s QR code leads to the guide on the public address (YIZHAN_PUBLIC_URL), not the host a hall PC asked', async () => {
    const run = vi.spyOn(env.ctx.heavy, 'run');
    const url = `/api/public/items/ZJD-001/guide.pdf?org=${county.county.code}`;
    try {
      await env.app.inject({ method: 'GET', url, headers: { host: '10.1.2.3:3000' } });
      expect(run.mock.calls.at(-1)?.[2]).toBe(`http://10.1.2.3:3000/items/ZJD-001?org=${county.county.code}`);
      env.ctx.config.publicUrl = 'https://yizhan.example.gov.cn';
      await env.app.inject({ method: 'GET', url, headers: { host: '10.1.2.3:3000' } });
      expect(run.mock.calls.at(-1)?.[2]).toBe(`https://yizhan.example.gov.cn/items/ZJD-001?org=${county.county.code}`);
    } finally {
      delete env.ctx.config.publicUrl;
      run.mockRestore();
    }
  });

  it('answers 404 for an unknown item', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/public/items/NOPE-1/guide.pdf?org=${county.county.code}` })).statusCode).toBe(
      404,
    );
  });
});
