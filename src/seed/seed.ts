import { randomInt } from 'node:crypto';
import { SYSTEM_SCOPE, type Db, type Tx } from '../db/db.ts';
import { seedDemoAgency } from '../modules/agency/index.ts';
import { appendAuditRecord } from '../modules/audit/index.ts';
import { checkPassword, hashPassword } from '../modules/auth/index.ts';
import { seedDemoCases, seedDemoLateCase, type DemoActRecorder } from '../modules/cases/index.ts';
import { seedDemoCatalog } from '../modules/catalog/index.ts';
import { seedDemoComplaints } from '../modules/complaints/index.ts';
import { seedDemoHall } from '../modules/queue/index.ts';
import { seedDemoRatings } from '../modules/ratings/index.ts';
import { insertDepartment, insertOrg, insertWindow, replaceWindowDepartments } from '../modules/org/index.ts';
import { insertStaff } from '../modules/staff/index.ts';
import { workflowDeps } from '../server/deps.ts';
import { DEMO_COUNTY, DEMO_DEPARTMENTS, DEMO_STAFF, DEMO_TOWNSHIPS, DEMO_WINDOWS, STANDARD_HOURS, type DemoOrg } from './demo-county.ts';

/** A password that passes the default policy: four character classes, 14 characters, no look-alikes. */
export function generateDemoPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!'];
  const pick = (set: string) => set[randomInt(set.length)] ?? 'x';
  const chars = sets.map(pick);
  const all = sets.join('');
  while (chars.length < 14) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const row = (await tx.query<{ count: number }>('select count(*)::int as count from orgs')).rows[0];
    return (row?.count ?? 0) === 0;
  });
}

async function insertCenter(tx: Tx, org: DemoOrg, kind: 'county' | 'township', parentId: string | null, now: Date) {
  const created = await insertOrg(
    tx,
    {
      code: org.code,
      kind,
      parentId,
      name: org.name,
      address: org.address,
      phone: org.phone,
      officeHours: STANDARD_HOURS,
      isEthnic: org.isEthnic ?? false,
    },
    now,
  );
  const departments = new Map<string, string>();
  for (const [index, department] of DEMO_DEPARTMENTS.entries()) {
    const row = await insertDepartment(tx, { orgId: created.id, name: department.name, category: department.category, sort: index }, now);
    if (row) departments.set(department.name, row.id);
  }
  const windows = new Map<string, string>();
  for (const window of DEMO_WINDOWS) {
    const windowId = await insertWindow(tx, { orgId: created.id, number: window.number, name: window.name }, now);
    await replaceWindowDepartments(
      tx,
      windowId,
      created.id,
      window.departments.map((name) => departments.get(name) ?? ''),
    );
    windows.set(window.number, windowId);
  }
  return { id: created.id, departments, windows };
}

/**
 * Loads the demo county into an empty database: the county center, three township centers with
 * their villages, "7+X" stations, windows and staff in every role, all sharing one password.
 */
export async function seedDemoCounty(db: Db, password: string, auditKey: string, now: Date): Promise<{ staffCount: number }> {
  const problems = checkPassword(password, { minLength: 8, minClasses: 3 });
  if (problems.length > 0) throw new Error(`演示密码不符合密码策略：${problems.join('；')}`);
  const passwordHash = await hashPassword(password);
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const orgs = new Map<string, { id: string; departments: Map<string, string>; windows: Map<string, string> }>();
    const county = await insertCenter(tx, DEMO_COUNTY, 'county', null, now);
    orgs.set(DEMO_COUNTY.code, county);
    for (const township of DEMO_TOWNSHIPS) {
      const center = await insertCenter(tx, township, 'township', county.id, now);
      orgs.set(township.code, center);
      for (const village of township.villages ?? []) {
        const created = await insertOrg(
          tx,
          {
            code: village.code,
            kind: 'village',
            parentId: center.id,
            name: village.name,
            address: village.address,
            phone: village.phone,
            officeHours: STANDARD_HOURS,
            isEthnic: township.isEthnic ?? false,
          },
          now,
        );
        orgs.set(village.code, { id: created.id, departments: new Map(), windows: new Map() });
      }
    }
    const staffIds = new Map<string, string>();
    for (const person of DEMO_STAFF) {
      const org = orgs.get(person.org);
      if (!org) throw new Error(`demo staff ${person.username} names unknown org ${person.org}`);
      const staffId = await insertStaff(
        tx,
        {
          orgId: org.id,
          username: person.username,
          name: person.name,
          role: person.role,
          phone: person.phone,
          departmentId: person.department === undefined ? null : (org.departments.get(person.department) ?? null),
          windowId: person.window === undefined ? null : (org.windows.get(person.window) ?? null),
          passwordHash,
          mustChangePassword: false,
        },
        now,
      );
      staffIds.set(person.username, staffId);
    }
    for (const person of DEMO_STAFF.filter((p) => p.backup !== undefined)) {
      await tx.query('update staff set backup_id = $2 where id = $1', [staffIds.get(person.username), staffIds.get(person.backup ?? '')]);
    }
    for (const person of DEMO_STAFF) {
      for (const code of person.covers ?? []) {
        const village = orgs.get(code);
        if (!village) throw new Error(`demo agent ${person.username} covers unknown village ${code}`);
        await tx.query('insert into agent_villages (agent_id, village_id, org_id) values ($1, $2, $2)', [
          staffIds.get(person.username),
          village.id,
        ]);
      }
    }
    await seedDemoCatalog(tx, { countyCode: DEMO_COUNTY.code, now });
    await seedDemoAgency(tx, workflowDeps().agencyDeps, now, auditKey);
    await seedDemoHall(tx, now);
    // 电子监察大屏 (ADR 0028): past cases at each warning grade; their rollups are kept by the acts themselves.
    const recordDemoAct: DemoActRecorder = async (inner, act) => {
      await appendAuditRecord(inner, auditKey, act.at, {
        actorId: null,
        actorName: 'system',
        actorRole: 'system',
        orgId: act.orgId,
        action: 'system.seed_demo',
        targetType: 'case',
        targetId: act.caseId,
        summary: { caseNo: act.caseNo },
        clientIp: '',
      });
    };
    await seedDemoCases(tx, workflowDeps().caseDeps, now, auditKey, recordDemoAct);
    // 督办 (ADR 0029): one late case at window1b's desk, the holder a supervision order goes to.
    await seedDemoLateCase(tx, workflowDeps().caseDeps, now, auditKey, recordDemoAct);
    await seedDemoComplaints(tx, now);
    await seedDemoRatings(tx, workflowDeps().caseDeps, now, auditKey);
    await appendAuditRecord(tx, auditKey, now, {
      actorId: null,
      actorName: 'system',
      actorRole: 'system',
      orgId: county.id,
      action: 'system.seed_demo',
      targetType: 'org',
      targetId: county.id,
      summary: { orgs: orgs.size, staff: DEMO_STAFF.length },
      clientIp: '',
    });
    return { staffCount: DEMO_STAFF.length };
  });
}
