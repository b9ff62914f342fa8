import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../../src/db/db.ts';
import { ROLES } from '../../src/kernel/context.ts';
import { createTownship, signIn, type TownshipFixture } from '../support/factories.ts';
import type { ProbeTable } from '../support/tenancy-probe-kit.ts';
import { CALENDAR_FILE_CATALOG_PROBES, ORG_AND_STAFF_PROBES, PUBLIC_AND_FRAME_PROBES } from '../support/tenancy-probes-org.ts';
import { AGENCY_PROBES, CASE_PROBES } from '../support/tenancy-probes-work.ts';
import { HALL_PROBES } from '../support/tenancy-probes-hall.ts';
import { SUPERVISION_PROBES } from '../support/tenancy-probes-supervision.ts';
import { COMPLAINT_PROBES } from '../support/tenancy-probes-complaints.ts';
import { RATING_PROBES } from '../support/tenancy-probes-ratings.ts';
import {
  fingerprintOf,
  foreignRowsVisible,
  foreignWritesUnderRls,
  grantedWithoutRls,
  inRolledBack,
  listRlsTables,
  NATIONAL_TABLES,
  PUBLIC_READ_TABLES,
  PUBLISHED_READ_TABLES,
  UNSCOPED_GRANTS,
  type RlsTable,
  type TableFingerprint,
} from '../support/tenancy-rls.ts';
import { REF_PROBES } from '../support/tenancy-probes-refs.ts';
import {
  addresses,
  controlProbes,
  inject,
  probePublic,
  routeTable,
  sweepAs,
  type Actor,
  type RoleFigures,
} from '../support/tenancy-sweep.ts';
import { buildHome, buildWorld, type HomeObjects, type TenantWorld } from '../support/tenancy-world.ts';
import { createTestEnv, type TestEnv } from '../support/test-env.ts';

/**
 * R4: every route of the route table × every role × another tenant's objects. Township A's director,
 * window clerk, reviewer and agent probe township B of the same county (and the county level above,
 * which is outside a township's scope too) and the other county; the county admin and supervisor of
 * the other county probe B and its county; A's own county admin and supervisor probe the other county. Each probe is a valid request (current versions, valid bodies), so
 * its answer is the scope or role refusal itself — never validation — or a read with none of the
 * other tenant's ids or names in it. Afterwards not one row of the other tenants has changed. Then
 * row-level security is tested alone, table by table.
 */
const PROBES: ProbeTable = {
  ...PUBLIC_AND_FRAME_PROBES,
  ...ORG_AND_STAFF_PROBES,
  ...CALENDAR_FILE_CATALOG_PROBES,
  ...CASE_PROBES,
  ...AGENCY_PROBES,
  ...HALL_PROBES,
  ...SUPERVISION_PROBES,
  ...COMPLAINT_PROBES,
  ...RATING_PROBES,
};

let env: TestEnv;
/** County 1 with township B (the neighbour of A), and county 2 with its own township. */
let w1: TenantWorld;
let w2: TenantWorld;
let a: TownshipFixture;
let home: HomeObjects;
const actors: Actor[] = [];
let routes: string[];
let undocumented: string[];
let unregistered: string[];
let tables: RlsTable[];
let before: Record<string, TableFingerprint>;
const figures: RoleFigures[] = [];

const orgsOf = (w: TenantWorld) => [w.county.county.id, w.town.township.id, w.town.village.id, w.village2.id];
const markersOfA = () =>
  new Set([
    a.township.id,
    a.township.code,
    a.village.id,
    a.departmentId,
    a.windowId,
    home.case.id,
    home.request.id,
    ...[a.director, a.window, a.reviewer, a.agent].flatMap((s) => [s.id, s.username]),
  ]);

beforeAll(async () => {
  // A database of its own on PostgreSQL: another file's background job must not touch the fingerprinted rows.
  env = await createTestEnv({ isolated: true });
  w1 = await buildWorld(env);
  a = await createTownship(env, w1.county.county);
  home = await buildHome(env, a);
  w2 = await buildWorld(env);
  const strangersToW1 = new Set([...w1.townMarkers, ...w1.countyMarkers, ...markersOfA()]);
  const strangersToW2 = new Set([...w2.townMarkers, ...w2.countyMarkers]);
  const strangersToA = new Set([...w1.townMarkers, ...w2.townMarkers, ...w2.countyMarkers]);
  // A's four township roles, each against township B of its own county and against the other county.
  for (const person of [a.director, a.window, a.reviewer, a.agent]) {
    const own = {
      role: person.role,
      auth: await signIn(env, person.username),
      home: { orgId: person.orgId, staffId: person.id },
      foreignMarkers: strangersToA,
    };
    actors.push(
      { ...own, label: `${person.role} of A → B (same county)`, target: w1 },
      { ...own, label: `${person.role} of A → the other county`, target: w2 },
    );
  }
  // The county level: the other county's admin and supervisor against B and A's county; A's county's against the other county.
  for (const [w, other, markers] of [
    [w2, w1, strangersToW1],
    [w1, w2, strangersToW2],
  ] as const) {
    for (const person of [w.county.admin, w.county.supervisor]) {
      const label = w === w2 ? `${person.role} of the other county → B` : `${person.role} of A's county → the other county`;
      actors.push({
        label,
        role: person.role,
        auth: await signIn(env, person.username),
        home: { orgId: w.county.county.id, staffId: person.id },
        target: other,
        foreignMarkers: markers,
      });
    }
  }
  ({ routes, undocumented, unregistered } = await routeTable(env.app));
  tables = await listRlsTables(env.db);
  // After every sign-in: the fingerprint covers both worlds, county staff included.
  before = await fingerprintOf(env.db, tables, [...orgsOf(w1), ...orgsOf(w2)]);
}, 120_000);
afterAll(async () => env.close());

describe('the route table and the probe table', () => {
  it('has a probe builder (or a public reason) for every route the app serves, and none for a route it does not', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(unregistered, 'documented routes not found in the route tree (the tree was misread)').toEqual([]);
    expect(undocumented, 'routes registered but missing from /api/openapi.json').toEqual([]);
    expect(
      routes.filter((route) => !(route in PROBES)),
      'routes without a probe builder: add them to test/support/tenancy-probes-*.ts',
    ).toEqual([]);
    expect(
      Object.keys(PROBES).filter((route) => !routes.includes(route)),
      'probes for routes that no longer exist',
    ).toEqual([]);
  });

  it('sweeps all six roles of src/kernel/context.ts', () => {
    expect(new Set(actors.map((actor) => actor.role))).toEqual(new Set(ROLES));
  });
});

describe('cross-tenant sweep', () => {
  it('every route × every role × another tenant: the scope or role refusal itself, or a read with 0 foreign rows', async () => {
    const failures: string[] = [];
    for (const actor of actors) {
      const result = await sweepAs(env.app, actor, routes, PROBES);
      figures.push(result.figures);
      failures.push(...result.failures);
    }
    printFigures(figures);
    expect(failures).toEqual([]);
    for (const row of figures) {
      expect(row.probes, row.actor).toBeGreaterThan(60);
      expect(row.scopeRefusals, row.actor).toBeGreaterThan(0);
    }
  }, 120_000);

  it('changed not one row of the other tenants (versions, updated_at, events, audit rows, counts)', async () => {
    const after = await fingerprintOf(env.db, tables, [...orgsOf(w1), ...orgsOf(w2)]);
    expect(after).toEqual(before);
    const rows = Object.values(before).reduce((sum, table) => sum + table.rows, 0);
    process.stdout.write(
      `R4 fingerprint: ${String(rows)} rows of the other tenants in ${String(Object.keys(before).length)} tenant tables, unchanged by the sweep\n`,
    );
    // Per world: the joint case, the fee case, two 告知承诺 cases (an open check, one found 不实), a rated concluded case.
    expect(before.cases?.rows).toBe(10);
    expect(before.audit_log?.rows).toBeGreaterThan(40);
    expect(before.case_events?.rows).toBeGreaterThan(4);
  });

  it('answers the public routes without any sign-in', async () => {
    const { sent, failures } = await probePublic(env.app, routes, PROBES, {
      w: w1,
      home: { orgId: a.township.id, staffId: a.director.id },
    });
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(8);
  });
});

describe('another tenant named inside one’s own request', () => {
  it('is refused with the module’s reason, and changes nothing of one’s own', async () => {
    const auths = {
      director: await signIn(env, a.director.username),
      window_staff: await signIn(env, a.window.username),
      agent: await signIn(env, a.agent.username),
    };
    const fingerprintA = () => fingerprintOf(env.db, tables, [a.township.id, a.village.id]);
    const untouched = await fingerprintA();
    const failures: string[] = [];
    for (const probe of REF_PROBES) {
      expect(routes, probe.route).toContain(probe.route);
      const request = probe.request(home, w1, w2);
      expect(addresses(probe.route, request), `${probe.route}: ${request.url}`).toBe(true);
      const response = await inject(env.app, request, auths[probe.role]);
      const body = response.json<{ code?: string; detail?: string }>();
      if (body.code !== probe.refuse || !probe.detail.test(body.detail ?? ''))
        failures.push(
          `${probe.route} as ${probe.role}: expected ${probe.refuse} ${String(probe.detail)}, got ${String(response.statusCode)} ${response.body.slice(0, 300)}`,
        );
    }
    expect(failures).toEqual([]);
    expect(await fingerprintA()).toEqual(untouched);
  });
});

function printFigures(rows: RoleFigures[]): void {
  const line = (name: string, of: RoleFigures[]) => {
    const sum = (field: 'probes' | 'scopeRefusals' | 'roleRefusals' | 'cleanReads' | 'validationStops' | 'failures') =>
      String(of.reduce((total, row) => total + row[field], 0)).padStart(4);
    return `  ${name.padEnd(46)} ${sum('probes')} probes: ${sum('scopeRefusals')} scope refusals, ${sum('roleRefusals')} role refusals, ${sum('cleanReads')} clean reads, ${sum('validationStops')} stopped at validation, ${sum('failures')} failed`;
  };
  const total = (pick: (row: RoleFigures) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const [probes, reached, reads, stops] = [
    total((row) => row.probes),
    total((row) => row.scopeRefusals + row.roleRefusals),
    total((row) => row.cleanReads),
    total((row) => row.validationStops),
  ];
  process.stdout.write(
    [
      `\nR4 tenancy sweep (${env.db.engine}): ${String(routes.length)} routes, ${String(probes)} probes, ${String(reached)} reached the scope or role check and were refused there, ${String(reads)} clean reads, ${String(stops)} stopped at validation`,
      ...rows.map((row) => line(row.actor, [row])),
      '  per role:',
      ...ROLES.map((role) =>
        line(
          role,
          rows.filter((row) => row.role === role),
        ),
      ),
      '',
    ].join('\n'),
  );
}

describe('row-level security on its own', () => {
  it('runs the application under a role that is not owner, not superuser and cannot bypass RLS', async () => {
    const row = await inRolledBack(
      env.db,
      { kind: 'orgs', orgIds: [a.township.id] },
      async (tx) =>
        (
          await tx.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean; owns: number; member_of: number }>(
            `select current_user, r.rolsuper, r.rolbypassrls,
                  (select count(*)::int from pg_class c where c.relowner = r.oid) + (select count(*)::int from pg_namespace n where n.nspowner = r.oid) as owns,
                  (select count(*)::int from pg_auth_members m where m.member = r.oid) as member_of
             from pg_roles r where r.rolname = current_user`,
          )
        ).rows[0],
    );
    expect(row).toEqual({ current_user: APP_ROLE, rolsuper: false, rolbypassrls: false, owns: 0, member_of: 0 });
    expect(await grantedWithoutRls(env.db, APP_ROLE), 'tables the application role may use without row-level security').toEqual(
      Object.keys(UNSCOPED_GRANTS),
    );
  });

  it('every tenant table holds rows of the other tenants, and no scope (a township, a village agent, a county) sees one of them', async () => {
    const scopes: Record<string, string[]> = {
      'township A': [a.township.id, a.village.id],
      "A's village (an agent)": [a.village.id],
      "A's county": [w1.county.county.id, a.township.id, a.village.id, w1.town.township.id, w1.town.village.id, w1.village2.id],
    };
    const held = await fingerprintOf(env.db, tables, orgsOf(w2));
    const report: string[] = [];
    for (const [name, scope] of Object.entries(scopes)) {
      await inRolledBack(env.db, { kind: 'orgs', orgIds: scope }, async (tx) => {
        for (const table of tables) {
          if (table.tenantColumn === null) {
            expect(NATIONAL_TABLES, `${table.name} has row-level security but no org column`).toHaveProperty(table.name);
            continue;
          }
          // The other county's world alone holds a row of every kind: outside every scope tried here.
          expect(held[table.name]?.rows, `${table.name} holds no rows of the other tenants: the check would prove nothing`).toBeGreaterThan(
            0,
          );
          const isPublic = table.readQuals.includes('true');
          expect(isPublic, `${table.name}: every scope reads it in full`).toBe(table.name in PUBLIC_READ_TABLES);
          const visible = await foreignRowsVisible(tx, table, scope);
          if (table.name in PUBLISHED_READ_TABLES) expect(visible.unpublished, `${table.name}: unpublished rows outside ${name}`).toBe(0);
          else if (!isPublic) expect(visible.all, `${table.name}: rows outside ${name}`).toBe(0);
          if (name === 'township A') report.push(`${table.name} ${String(held[table.name]?.rows)}/${String(visible.all)}`);
        }
      });
    }
    process.stdout.write(
      `R4 row-level security alone: ${String(report.length)} tenant tables (the other county's rows / rows outside township A it sees): ${report.join(', ')}\n`,
    );
  });

  it('lets no scope update or delete another tenant’s rows in any tenant table, nor touch the audit log', async () => {
    const scope = { kind: 'orgs' as const, orgIds: [a.township.id, a.village.id] };
    const foreign = [...orgsOf(w1), ...orgsOf(w2)];
    await inRolledBack(env.db, scope, async (tx) => {
      for (const table of tables.filter((candidate) => candidate.tenantColumn !== null)) {
        const touched = await foreignWritesUnderRls(tx, table, foreign);
        expect([0, 'denied'], `${table.name}: update`).toContain(touched.update);
        expect([0, 'denied'], `${table.name}: delete`).toContain(touched.delete);
      }
    });
    await expect(
      env.db.transaction(scope, (tx) =>
        tx.query(`insert into departments (org_id, name, category) values ($1, '越权站', 'civil_affairs_hr')`, [w1.town.township.id]),
      ),
    ).rejects.toThrow(/row-level security|row level security/);
    await expect(env.db.transaction(scope, (tx) => tx.query('update audit_log set action = $1', ['x']))).rejects.toThrow(
      /permission denied/,
    );
    await expect(env.db.transaction(scope, (tx) => tx.query('delete from audit_log'))).rejects.toThrow(/permission denied/);
    await expect(env.db.transaction(scope, (tx) => tx.query('select * from sessions'))).rejects.toThrow(/permission denied/);
  });
});

// Last: the owners' requests change their own world (the fingerprint and row-level security checks are done).
describe('controls', () => {
  it('the same probes sent by the objects’ own staff get through the scope check (so each stranger’s refusal was the scope check)', async () => {
    const owners: Actor[] = [];
    for (const person of [w1.town.director, w1.town.window, w1.town.reviewer, w1.town.agent, w1.county.admin, w1.county.supervisor]) {
      owners.push({
        label: `owner ${person.role}`,
        role: person.role,
        auth: await signIn(env, person.username),
        home: { orgId: person.orgId, staffId: person.id },
        target: w1,
        foreignMarkers: new Set(),
      });
    }
    // A password reset signs its target (the county's supervisor) out: it goes last, after the supervisor's own controls.
    const isReset = (route: string) => route.endsWith('/reset-password');
    const ordered = [...routes.filter((route) => !isReset(route)), ...routes.filter(isReset)];
    const { sent, answers, failures } = await controlProbes(env.app, owners, ordered, PROBES);
    process.stdout.write(`R4 controls: ${String(sent)} probes sent by the objects' own staff, answered ${JSON.stringify(answers)}\n`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(100);
  }, 120_000);
});
