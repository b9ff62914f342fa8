import type { TestEnv } from './test-env.ts';
import { uniqueResidentId } from './identities.ts';
import { apiOf, type Versioned } from './tenancy-world.ts';

type Auth = { authorization: string };

/** 事中事后核查 objects of a tenant: an open verification task, and a 失信记录 (from a task found 不实). */
export interface VerificationWorld {
  verification: Versioned;
  badCredit: Versioned;
  /** Ids and the ID number of the bad-credit applicant: none may reach another tenant. */
  markers: string[];
}

const MATERIALS = [
  { name: '农村宅基地和建房（规划许可）申请表', received: true },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
  { name: '申请人及家庭成员无其他宅基地的证明', received: false, byCommitment: true },
];

export async function buildVerificationWorld(env: TestEnv, clerk: Auth, tag: string, phone: string): Promise<VerificationWorld> {
  const call = apiOf(env);
  // Its own applicant: the bad credit must not bar the world's main applicant from 容缺 in other probes.
  const applicant = { type: 'person', name: `${tag}承诺人`, idNumber: uniqueResidentId(), phone };
  const tasks: Versioned[] = [];
  for (let i = 0; i < 2; i++) {
    const opened = await call<Versioned>(clerk, 'POST', '/api/cases', { itemCode: 'ZJD-001', applicant, materials: MATERIALS });
    await call(clerk, 'POST', `/api/cases/${opened.id}/accept`, { version: opened.version });
    const listed = await call<{ verifications: Versioned[] }>(clerk, 'GET', `/api/case-verifications?status=all&caseId=${opened.id}`);
    const task = listed.verifications[0];
    if (!task) throw new Error('fixture: no verification task');
    tasks.push(task);
  }
  const [open, falseOne] = tasks as [Versioned, Versioned];
  await call(clerk, 'POST', `/api/case-verifications/${falseOne.id}/outcome`, {
    version: falseOne.version,
    outcome: 'false',
    note: `${tag}承诺不实`,
  });
  const records = await call<{ records: Versioned[] }>(clerk, 'GET', `/api/bad-credit-records?idNumber=${applicant.idNumber}`);
  const badCredit = records.records[0];
  if (!badCredit) throw new Error('fixture: no bad-credit record');
  return {
    verification: { id: open.id, version: open.version },
    badCredit: { id: badCredit.id, version: badCredit.version },
    markers: [open.id, falseOne.id, badCredit.id, applicant.idNumber],
  };
}
