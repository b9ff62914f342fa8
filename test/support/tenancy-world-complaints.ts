import type { TestEnv } from './test-env.ts';
import { apiOf, type Versioned } from './tenancy-world.ts';

type Auth = { authorization: string };

/** 投诉 of a tenant: one transcribed complaint, accepted and assigned to the township's clerk. */
export interface ComplaintWorld {
  complaint: Versioned;
  trackingCode: string;
  /** Its id, code and content: none may reach another tenant. */
  markers: string[];
}

export async function buildComplaintWorld(env: TestEnv, director: Auth, clerkId: string, tag: string): Promise<ComplaintWorld> {
  const call = apiOf(env);
  const content = `${tag}意见箱投诉：窗口午休无人值守`;
  const filed = await call<{ id: string; trackingCode: string }>(director, 'POST', '/api/complaints', { channel: 'mailbox', content });
  const accepted = await call<Versioned>(director, 'POST', `/api/complaints/${filed.id}/accept`, { version: 1, assigneeStaffId: clerkId });
  // A confirmed one (its accountability record) and the center's own answer limit: rows of every complaint table.
  const confirmed = await call<{ id: string }>(director, 'POST', '/api/complaints', {
    channel: 'phone',
    content: `${tag}电话投诉：收费未公示`,
  });
  await call(director, 'POST', `/api/complaints/${confirmed.id}/accept`, { version: 1 });
  await call(director, 'POST', `/api/complaints/${confirmed.id}/investigate`, {
    version: 2,
    finding: `${tag}查明属实`,
    verdict: 'true',
    disposal: '补充公示',
  });
  await call(director, 'PUT', '/api/complaint-settings', { answerDays: 10, version: 0 });
  return {
    complaint: { id: filed.id, version: accepted.version },
    trackingCode: filed.trackingCode,
    markers: [filed.id, filed.trackingCode, content, confirmed.id],
  };
}
