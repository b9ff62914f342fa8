import { randomUUID } from 'node:crypto';
import { changeHeaders } from './factories.ts';
import type { TestEnv } from './test-env.ts';

/** The applicant of the ratings tests: the last 4 digits of the phone are the tracking check. */
export const RATER = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
export const RATER_CHECK = '2345';
const MATERIALS = [
  { name: '农村宅基地和建房（规划许可）申请表', received: true },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
];

async function post(env: TestEnv, auth: { authorization: string }, url: string, payload: Record<string, unknown>) {
  const response = await env.app.inject({ method: 'POST', url, headers: changeHeaders(auth), payload });
  if (response.statusCode >= 300) throw new Error(`${url}: ${String(response.statusCode)} ${response.body}`);
  return response.json<{ id: string; caseNo: string; version: number }>();
}

/** A case opened at the clerk's window, accepted, and (unless told otherwise) concluded 准予. */
export async function makeCase(
  env: TestEnv,
  clerk: { authorization: string },
  options: { isConcluded?: boolean } = {},
): Promise<{ id: string; caseNo: string }> {
  const opened = await post(env, clerk, '/api/cases', { itemCode: 'ZJD-001', applicant: RATER, channel: 'window', materials: MATERIALS });
  const accepted = await post(env, clerk, `/api/cases/${opened.id}/accept`, { version: 1 });
  if (options.isConcluded !== false) {
    await post(env, clerk, `/api/cases/${opened.id}/conclude`, {
      version: accepted.version,
      result: 'granted',
      certificateNo: '乡字第2026-001号',
    });
  }
  return { id: opened.id, caseNo: opened.caseNo };
}

/** The citizen's rating from the tracking page (level 1 非常满意 … 5 非常不满意). */
export function rate(env: TestEnv, body: Record<string, unknown>, key: string = randomUUID()) {
  return env.app.inject({ method: 'POST', url: '/api/public/ratings', headers: { 'idempotency-key': key }, payload: body });
}
