import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

let env: TestEnv;
let town: TownshipFixture;
let clerk: { authorization: string };

interface Material {
  name: string;
  received: boolean;
  pending: boolean;
  pendingAllowed: boolean;
  commitmentAllowed: boolean;
  byCommitment: boolean;
}
interface CaseBody {
  id: string;
  version: number;
  status: string;
  due: string | null;
  pendingMaterialsDueOn: string | null;
  materials: Material[];
  events: { act: string; payload: Record<string, unknown> }[];
}

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const FORM = '农村宅基地和建房（规划许可）申请表';
const ID_CARD = '申请人居民身份证';
const HUKOU = '户口簿'; // 容缺 allowed
const NO_OTHER_PLOT = '申请人及家庭成员无其他宅基地的证明'; // 告知承诺 allowed

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

async function open(materials: Record<string, unknown>[]) {
  return env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: { itemCode: 'ZJD-001', applicant: APPLICANT, channel: 'window', materials },
  });
}

async function get(id: string): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<CaseBody>();
}

describe('容缺受理 (accept pending)', () => {
  it('accepts with a material the item allows to follow, by a date within the promised limit', async () => {
    const opened = await open([
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
    ]);
    const { id } = opened.json<{ id: string }>();
    const before = await get(id);
    expect(before.materials.find((m) => m.name === HUKOU)).toMatchObject({ received: false, pendingAllowed: true });
    const late = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/accept-pending`,
      headers: changeHeaders(clerk),
      payload: { version: before.version, pendingMaterials: [HUKOU], pendingDueOn: '2026-10-30' },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json<{ detail: string }>().detail).toContain('不能晚于承诺办结期限 2026-10-22');
    const accepted = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/accept-pending`,
      headers: changeHeaders(clerk),
      payload: { version: before.version, pendingMaterials: [HUKOU], pendingDueOn: '2026-10-20' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const view = accepted.json<CaseBody>();
    expect(view).toMatchObject({ status: 'accepted', due: '2026-10-22', pendingMaterialsDueOn: '2026-10-20' });
    expect(view.materials.find((m) => m.name === HUKOU)).toMatchObject({ pending: true, received: false });
  });

  it('refuses a material the item does not list as 容缺 (422), naming it', async () => {
    const opened = await open([
      { name: FORM, received: true },
      { name: HUKOU, received: true },
    ]);
    const { id } = opened.json<{ id: string }>();
    const response = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/accept-pending`,
      headers: changeHeaders(clerk),
      payload: { version: (await get(id)).version, pendingMaterials: [ID_CARD], pendingDueOn: '2026-10-20' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'CASE_PENDING_NOT_ALLOWED' });
    expect(response.json<{ detail: string }>().detail).toContain(ID_CARD);
  });
});

describe('补齐材料 only while something is missing', () => {
  interface Acts {
    allowedActs: string[];
  }
  const actOn = async (id: string, act: string, payload: Record<string, unknown>) =>
    env.app.inject({ method: 'POST', url: `/api/cases/${id}/${act}`, headers: changeHeaders(clerk), payload });

  it('is offered on an accepted case while a 容缺 material is pending, and no longer once it is supplied', async () => {
    const opened = await open([
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
    ]);
    const { id } = opened.json<{ id: string }>();
    const pending = await actOn(id, 'accept-pending', {
      version: (await get(id)).version,
      pendingMaterials: [HUKOU],
      pendingDueOn: '2026-10-20',
    });
    expect(pending.json<CaseBody & Acts>().allowedActs).toContain('supplement');
    const supplied = await actOn(id, 'supplement', { version: (await get(id)).version, materials: [{ name: HUKOU }] });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json<Acts>().allowedActs).not.toContain('supplement');
  });

  it('is not offered on a case accepted with every material, and refused there with a reason', async () => {
    const opened = await open([
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
      { name: HUKOU, received: true },
    ]);
    const { id } = opened.json<{ id: string }>();
    const accepted = await actOn(id, 'accept', { version: (await get(id)).version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const view = (await get(id)) as CaseBody & Acts;
    expect(view.allowedActs).not.toContain('supplement');
    const refused = await actOn(id, 'supplement', { version: view.version, materials: [{ name: HUKOU }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ detail: string }>().detail).toBe('本办件没有待补交的容缺材料，无需补齐。');
  });
});

describe('告知承诺 (a signed commitment in place of a proof)', () => {
  it('records the material as received by commitment where the item allows it', async () => {
    const opened = await open([
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
      { name: HUKOU, received: true },
      { name: NO_OTHER_PLOT, received: false, byCommitment: true },
    ]);
    expect(opened.statusCode, opened.body).toBe(201);
    const view = await get(opened.json<{ id: string }>().id);
    expect(view.materials.find((m) => m.name === NO_OTHER_PLOT)).toMatchObject({
      received: true,
      byCommitment: true,
      commitmentAllowed: true,
    });
    expect(view.events[0]?.payload).toMatchObject({ commitments: [NO_OTHER_PLOT] });
  });

  it('refuses a commitment in place of a material the item does not allow it for', async () => {
    const refused = await open([
      { name: FORM, received: true },
      { name: ID_CARD, received: true },
      { name: HUKOU, received: false, byCommitment: true },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ detail: string }>().detail).toContain(`“${HUKOU}”不适用告知承诺制`);
  });
});
