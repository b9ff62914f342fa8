import { randomUUID } from 'node:crypto';
import type { TestEnv } from './test-env.ts';
import { uniqueResidentId } from './identities.ts';
import { apiOf, type Versioned } from './tenancy-world.ts';

type Auth = { authorization: string };

/** 好差评 objects of a tenant: a concluded case rated 非常不满意 through the public route, and its rectification. */
export interface RatingWorld {
  ratingId: string;
  rectification: Versioned;
  caseNo: string;
  /** Ids and the rater's name: none may reach another tenant. */
  markers: string[];
}

export async function buildRatingWorld(env: TestEnv, clerk: Auth, director: Auth, tag: string, phone: string): Promise<RatingWorld> {
  const call = apiOf(env);
  const applicant = { type: 'person', name: `${tag}评价人`, idNumber: uniqueResidentId(), phone };
  const materials = [
    { name: '农村宅基地和建房（规划许可）申请表', received: true },
    { name: '申请人居民身份证', received: true },
    { name: '户口簿', received: true },
  ];
  const opened = await call<Versioned & { caseNo: string }>(clerk, 'POST', '/api/cases', { itemCode: 'ZJD-001', applicant, materials });
  const accepted = await call<Versioned>(clerk, 'POST', `/api/cases/${opened.id}/accept`, { version: opened.version });
  await call(clerk, 'POST', `/api/cases/${opened.id}/conclude`, {
    version: accepted.version,
    result: 'granted',
    certificateNo: `${tag}-1`,
  });
  const rated = await env.app.inject({
    method: 'POST',
    url: '/api/public/ratings',
    headers: { 'idempotency-key': randomUUID() },
    payload: { caseNo: opened.caseNo, check: phone.slice(-4), level: 5, reasons: ['服务态度差'], comment: `${tag}差评` },
  });
  if (rated.statusCode !== 201) throw new Error(`fixture: rating ${rated.body}`);
  const ratingId = rated.json<{ id: string }>().id;
  const loops = await call<{ rectifications: (Versioned & { ratingId: string })[] }>(director, 'GET', '/api/rectifications?status=open');
  const loop = loops.rectifications.find((item) => item.ratingId === ratingId);
  if (!loop) throw new Error('fixture: no rectification');
  return {
    ratingId,
    rectification: { id: loop.id, version: loop.version },
    caseNo: opened.caseNo,
    markers: [ratingId, loop.id, opened.id, applicant.name],
  };
}
