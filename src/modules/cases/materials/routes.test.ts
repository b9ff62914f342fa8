import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { genuinePdf, genuinePng } from '../../files/fixtures.ts';

let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
type Auth = { authorization: string };
let clerk: Auth;

const FORM = '不动产登记申请书';
const ID_CARD = '申请人居民身份证';
const APPROVAL = '宅基地批准文件';

interface CaseBody {
  id: string;
  version: number;
  status: string;
  materials: { name: string; received: boolean; fileId: string | null }[];
  events: { act: string; payload: Record<string, unknown> }[];
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

async function upload(auth: Auth, body: Buffer, name: string): Promise<string> {
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}`,
    headers: { ...changeHeaders(auth), 'content-type': 'application/octet-stream' },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** 接件 at the window: the form scanned there and then, the ID card ticked as received on paper, the approval missing. */
async function openWithScan(fileId: string): Promise<CaseBody> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: {
      itemCode: 'GTZ-001',
      applicant: { type: 'person', name: '韦光明', idNumber: uniqueResidentId(), phone: uniqueMobile() },
      materials: [
        { name: FORM, received: true, fileId },
        { name: ID_CARD, received: true },
      ],
    },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return get(opened.json<{ id: string }>().id);
}

async function get(id: string): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<CaseBody>();
}

const attach = (id: string, payload: Record<string, unknown>, auth: Auth = clerk) =>
  env.app.inject({ method: 'POST', url: `/api/cases/${id}/material-files`, headers: changeHeaders(auth), payload });

describe('窗口上传: a material’s scan, at intake and on the case', () => {
  it('keeps the scan taken at intake, adds one to a material received on paper, replaces a bad scan, and serves them for viewing', async () => {
    const form = await upload(clerk, await genuinePdf(), '申请书.pdf');
    const opened = await openWithScan(form);
    expect(opened.materials.find((m) => m.name === FORM)?.fileId).toBe(form);
    expect(opened.materials.find((m) => m.name === ID_CARD)).toMatchObject({ received: true, fileId: null });

    const photo = await upload(clerk, await genuinePng(), '身份证.png');
    const attached = await attach(opened.id, { version: opened.version, name: ID_CARD, fileId: photo });
    expect(attached.statusCode, attached.body).toBe(200);
    const after = attached.json<CaseBody>();
    expect(after.version).toBe(opened.version + 1);
    expect(after.status).toBe('submitted');
    expect(after.materials.find((m) => m.name === ID_CARD)?.fileId).toBe(photo);
    expect(after.events.at(-1)).toMatchObject({ act: 'material-file', payload: { material: ID_CARD, fileId: photo } });

    const rescan = await upload(clerk, await genuinePdf((document) => document.addPage([100, 100])), '申请书-重扫.pdf');
    const replaced = (await attach(opened.id, { version: after.version, name: FORM, fileId: rescan })).json<CaseBody>();
    expect(replaced.materials.find((m) => m.name === FORM)?.fileId).toBe(rescan);
    expect(replaced.events.at(-1)?.payload).toMatchObject({ material: FORM, fileId: rescan, replacedFileId: form });

    const download = await env.app.inject({ method: 'GET', url: `/api/files/${photo}`, headers: clerk });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
  });

  it('refuses a material not yet received, one not on the list, a stale version, and another township’s file — changing nothing', async () => {
    const opened = await openWithScan(await upload(clerk, await genuinePdf(), '申请书.pdf'));
    const photo = await upload(clerk, await genuinePng(), '批准文件.png');
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ version: opened.version, name: APPROVAL, fileId: photo }, 422, 'CASE_MATERIAL_NOT_RECEIVED'],
      [{ version: opened.version, name: '结婚证', fileId: photo }, 404, 'CASE_MATERIAL_NOT_FOUND'],
      [{ version: opened.version + 5, name: ID_CARD, fileId: photo }, 409, 'VERSION_CONFLICT'],
      [
        {
          version: opened.version,
          name: ID_CARD,
          fileId: await upload(await signIn(env, other.window.username), await genuinePng(), 'x.png'),
        },
        400,
        'CASE_INVALID',
      ],
    ];
    for (const [payload, status, code] of refusals) {
      const response = await attach(opened.id, payload);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json<{ code: string }>().code).toBe(code);
    }
    const unchanged = await get(opened.id);
    expect(unchanged.version).toBe(opened.version);
    expect(unchanged.materials).toEqual(opened.materials);
  });

  it('is idempotent: the same key sent twice attaches once', async () => {
    const opened = await openWithScan(await upload(clerk, await genuinePdf(), '申请书.pdf'));
    const payload = { version: opened.version, name: ID_CARD, fileId: await upload(clerk, await genuinePng(), '身份证.png') };
    const headers = changeHeaders(clerk);
    const first = await env.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/material-files`, headers, payload });
    const again = await env.app.inject({ method: 'POST', url: `/api/cases/${opened.id}/material-files`, headers, payload });
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json<CaseBody>().version).toBe(first.json<CaseBody>().version);
    expect((await get(opened.id)).events.filter((event) => event.act === 'material-file')).toHaveLength(1);
  });

  it('refuses once the case is closed for good (withdrawn)', async () => {
    const opened = await openWithScan(await upload(clerk, await genuinePdf(), '申请书.pdf'));
    const withdrawn = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/withdraw`,
      headers: changeHeaders(clerk),
      payload: { version: opened.version, reason: '申请人撤回' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const response = await attach(opened.id, {
      version: withdrawn.json<CaseBody>().version,
      name: ID_CARD,
      fileId: await upload(clerk, await genuinePng(), '身份证.png'),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ code: string }>().code).toBe('CASE_MATERIAL_CLOSED');
  });
});
