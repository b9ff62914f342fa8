import { SYSTEM_SCOPE, type Db } from '../src/db/db.ts';
import { hashPassword } from '../src/modules/auth/index.ts';
import { insertOrg } from '../src/modules/org/index.ts';
import { insertStaff } from '../src/modules/staff/index.ts';
import type { Role } from '../src/kernel/context.ts';

/**
 * A county for the case-list benchmark: 10 townships of 10 villages each, a director and 5 window
 * clerks per township, a supervisor and an admin at the county; then cases in bulk (one statement per
 * batch). Open cases are a fixed set (what a county has in hand at any time); history — finished
 * cases over ten years — grows from 10⁴ to 10⁶, as it does in a county that keeps every case.
 */
export const BENCH_PASSWORD = 'Bench@2026pass';
export const TOWNSHIPS = 10;
export const CLERKS_PER_TOWNSHIP = 5;
export const ITEMS = 200;
/** Open cases in the county, whatever the history: 300 per township. */
export const OPEN_CASES = 3_000;

export interface BenchCounty {
  countyId: string;
  townshipIds: string[];
  /** Township codes, in the order of townshipIds (case numbers start with them). */
  townshipCodes: string[];
  /** Clerk ids, CLERKS_PER_TOWNSHIP per township, in township order. */
  clerkIds: string[];
  users: { clerk: string; director: string; supervisor: string };
  /** A finished case of the first township (searched for by number), set once cases are in. */
  sampleCaseNo: string;
}

export async function createBenchCounty(db: Db, now: Date): Promise<BenchCounty> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const org = (code: string, kind: 'county' | 'township' | 'village', parentId: string | null, name: string) =>
      insertOrg(tx, { code, kind, parentId, name, address: '', phone: '', officeHours: [], isEthnic: false }, now);
    const staff = (orgId: string, username: string, role: Role) =>
      insertStaff(
        tx,
        {
          orgId,
          username,
          name: `压测${username}`.slice(0, 30),
          role,
          phone: '',
          departmentId: null,
          windowId: null,
          passwordHash,
          mustChangePassword: false,
        },
        now,
      );
    const county = await org('459901000000', 'county', null, '压测县');
    await staff(county.id, 'benchsupervisor', 'supervisor');
    const townshipIds: string[] = [];
    const townshipCodes: string[] = [];
    const clerkIds: string[] = [];
    for (let t = 0; t < TOWNSHIPS; t++) {
      const code = `459901${String(100 + t)}000`;
      const township = await org(code, 'township', county.id, `压测镇${String(t)}`);
      townshipIds.push(township.id);
      townshipCodes.push(code);
      for (let v = 0; v < 10; v++)
        await org(`${code.slice(0, 9)}${String(200 + v)}`, 'village', township.id, `压测村${String(t)}-${String(v)}`);
      await staff(township.id, `benchdirector${String(t)}`, 'director');
      for (let c = 0; c < CLERKS_PER_TOWNSHIP; c++)
        clerkIds.push(await staff(township.id, `benchclerk${String(t)}x${String(c)}`, 'window_staff'));
    }
    return {
      countyId: county.id,
      townshipIds,
      townshipCodes,
      clerkIds,
      users: { clerk: 'benchclerk0x0', director: 'benchdirector0', supervisor: 'benchsupervisor' },
      sampleCaseNo: '',
    };
  });
}

const SURNAMES = ['韦', '黄', '覃', '陆', '蓝', '罗', '农', '李', '王', '张', '梁', '莫', '潘', '杨', '卢', '刘', '陈', '赵', '周', '吴'];
const GIVEN = [
  '光明',
  '春花',
  '美玲',
  '志强',
  '秀英',
  '建国',
  '小燕',
  '海军',
  '丽华',
  '文杰',
  '永福',
  '桂兰',
  '德胜',
  '金凤',
  '玉梅',
  '国庆',
  '红梅',
  '少华',
  '振华',
  '秀珍',
];

/**
 * Cases g in [from, to): township g % 10, clerk by g, item skewed towards popular ones, channel 70/25/5
 * window/agent/online; `open` cases were received in the last month and are due around today with
 * some warned, history cases are finished and spread over the ten years before.
 */
export async function insertBenchCases(db: Db, county: BenchCounty, from: number, to: number, open: boolean, today: string): Promise<void> {
  const batch = 50_000;
  for (let start = from; start < to; start += batch) {
    const end = Math.min(to, start + batch);
    await db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(
        `insert into cases (org_id, case_no, item_code, item_name, item_version, handling, promised_days, legal_days,
            applicant_type, applicant_name, applicant_id_number, applicant_phone, channel, first_contact_id, assignee_id, status,
            received_at, received_on, accepted_on, due_on, decision_due_on, result, concluded_at, warning, created_at, updated_at)
         select o.id, o.code || '-' || to_char(d.day, 'YYYYMMDD') || '-' || lpad(g::text, 7, '0'),
                'BI-' || lpad(i.n::text, 3, '0'), '压测事项' || i.n, 1, i.handling, 10, 20,
                'person', ($3::text[])[(x.h / 7) % 20 + 1] || ($4::text[])[(x.h / 140) % 20 + 1],
                '4599011980' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'),
                '139' || lpad(((g::bigint * 104729) % 100000000)::text, 8, '0'),
                case when (x.h / 100000) % 20 = 0 then 'online' when (x.h / 100000) % 20 <= 5 then 'agent' else 'window' end,
                c.id, c.id, s.status,
                d.day::timestamptz + interval '9 hours', d.day, d.accepted, d.due, d.decision,
                case when s.status in ('closed', 'delivered') then 'granted' end,
                case when s.status in ('closed', 'delivered') then d.day::timestamptz + interval '5 days' end,
                s.warning, now(), now()
           from generate_series($5::int, $6::int - 1) g
           cross join lateral (select (g::bigint * 2654435761) % 4294967296 as h) x
           cross join lateral (select $1::uuid[] as ids, $2::text[] as codes) t
           cross join lateral (select t.ids[(g % ${String(TOWNSHIPS)}) + 1] as id, t.codes[(g % ${String(TOWNSHIPS)}) + 1] as code) o
           cross join lateral (select ($7::uuid[])[(g % ${String(TOWNSHIPS)}) * ${String(CLERKS_PER_TOWNSHIP)} + ((x.h / 10) % ${String(CLERKS_PER_TOWNSHIP)})::int + 1] as id) c
           cross join lateral (select floor(${String(ITEMS)} * power(((x.h / 2000) % 1000003) / 1000003.0, 3))::int as n) i0
           cross join lateral (select i0.n as n, case when i0.n % 20 = 0 then 'reply' when i0.n % 10 = 1 then 'joint'
                                                      when i0.n % 10 = 2 then 'escalated' when i0.n % 3 = 0 then 'immediate'
                                                      else 'promised' end as handling) i
           cross join lateral (select case when $8 then
                                 (array['submitted', 'supplement_requested', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted',
                                        'accepted', 'suspended', 'escalated'])[(x.h / 50) % 10 + 1]
                               else (array['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed',
                                           'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'delivered', 'refused',
                                           'withdrawn', 'closed'])[(x.h / 5000) % 20 + 1] end as status,
                                      case when $8 and (x.h / 50) % 10 between 2 and 7 then
                                        (array['none', 'none', 'none', 'none', 'none', 'none', 'pre', 'pre', 'yellow', 'red'])[(x.h / 500) % 10 + 1]
                                      else 'none' end as warning) s
           cross join lateral (select case when $8 then $9::date - ((x.h / 3) % 30)::int
                                           else $9::date - 31 - ((x.h / 11) % 3650)::int end as day) d0
           cross join lateral (select d0.day as day,
                                      case when s.status in ('submitted', 'supplement_requested', 'refused') then null else d0.day end as accepted,
                                      case when s.status in ('submitted', 'supplement_requested', 'refused') then null else d0.day + 14 end as due,
                                      case when s.status in ('submitted', 'supplement_requested') then d0.day + 7 end as decision) d`,
        [county.townshipIds, county.townshipCodes, SURNAMES, GIVEN, start, end, county.clerkIds, open, today],
      ),
    );
  }
}
