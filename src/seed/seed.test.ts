import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE, type Db } from '../db/db.ts';
import { firstUnaudited, verifyAuditChain } from '../modules/audit/index.ts';
import { verifyCaseEventChains } from '../modules/cases/index.ts';
import { openIsolatedDb, TEST_AUDIT_KEY } from '../../test/support/test-env.ts';
import { recountCaseRollups } from '../modules/cases/index.ts';
import { listCaseRollups } from '../modules/stats/index.ts';
import { isDatabaseEmpty, seedDemoCounty } from './seed.ts';

let db: Db;
const rows = <T>(sql: string) => db.transaction(SYSTEM_SCOPE, async (tx) => (await tx.query<T>(sql)).rows);

beforeAll(async () => {
  // Its own database: the demo county is loaded only into an empty one.
  db = await openIsolatedDb();
});
afterAll(async () => db.close());

describe('the demo county (田林县)', () => {
  it('loads its centers, staff with AB posts, a published catalog and one audit record; afterwards the database is no longer empty', async () => {
    expect(await isDatabaseEmpty(db)).toBe(true);
    const { staffCount } = await seedDemoCounty(db, 'Demo@2026pass', TEST_AUDIT_KEY, new Date('2026-10-15T01:00:00Z'));
    expect(await isDatabaseEmpty(db)).toBe(false);
    const kinds = await rows<{ kind: string; n: number }>('select kind, count(*)::int as n from orgs group by kind order by kind');
    expect(kinds).toEqual([
      { kind: 'county', n: 1 },
      { kind: 'township', n: 3 },
      { kind: 'village', n: expect.any(Number) as number },
    ]);
    expect((await rows<{ n: number }>('select count(*)::int as n from staff'))[0]?.n).toBe(staffCount);
    const backups = await rows<{ username: string; backup: string }>(
      `select s.username, b.username as backup from staff s join staff b on b.id = s.backup_id order by s.username`,
    );
    expect(backups).toEqual([
      { username: 'window1', backup: 'window1b' },
      { username: 'window1b', backup: 'window1' },
    ]);
    const published = await rows<{ n: number }>(`select count(*)::int as n from catalog_items where published_version is not null`);
    expect(published[0]?.n).toBeGreaterThanOrEqual(40);
    // agent1's first requests: one whose 报送 is three working days late, one forwarded today.
    const agency = await rows<{ status: string; forward_due_on: string; registered_on: string }>(
      `select status, forward_due_on::text, registered_on::text from agency_requests order by registered_at`,
    );
    expect(agency.map((request) => request.status)).toEqual(['registered', 'forwarded']);
    expect(agency[0]?.registered_on).toBe('2026-10-12');
    expect(agency[0]?.forward_due_on).toBe('2026-10-14');
    // 乐里镇's bookings: lunch-break 延时服务 on weekdays, next Saturday's 非工作日预约, two bookings tomorrow.
    const sessions = await rows<{ kind: string; on_date: string | null }>(
      `select kind, on_date::text from queue_appointment_sessions order by kind`,
    );
    expect(sessions).toEqual([
      { kind: 'extended', on_date: null },
      { kind: 'non_working_day', on_date: '2026-10-17' },
    ]);
    expect(await rows<{ on_date: string }>(`select on_date::text from queue_appointments where status = 'booked'`)).toEqual([
      { on_date: '2026-10-16' },
      { on_date: '2026-10-16' },
    ]);
    // 电子监察大屏: past cases open at each grade and concluded on time and late; rollups kept by their acts.
    const cases = await rows<{ status: string; n: number }>('select status, count(*)::int as n from cases group by status order by status');
    expect(cases).toEqual([
      { status: 'accepted', n: 7 },
      { status: 'concluded', n: 3 + 16 }, // and 好差评's month of concluded cases
    ]);
    const kept = await db.transaction(SYSTEM_SCOPE, (tx) => listCaseRollups(tx, null));
    expect(kept).toEqual(await db.transaction(SYSTEM_SCOPE, (tx) => recountCaseRollups(tx, null)));
    expect(kept.reduce((sum, row) => sum + row.concludedLate, 0)).toBe(1);
    // One late case (临时救助, accepted at window1b's desk past its promised limit): 督办 has a holder to go to.
    const late = await rows<{ status: string; due_on: string; holder: string }>(
      `select c.status, c.due_on::text, s.username as holder from cases c join staff s on s.id = c.assignee_id where s.username = 'window1b'`,
    );
    expect(late).toEqual([{ status: 'accepted', due_on: '2026-10-13', holder: 'window1b' }]);
    // 好差评: a month at 乐里镇 from the tracking page, one default, and a 差评 in each stage of its loop.
    const ratings = await rows<{ channel: string; n: number }>(
      `select channel, count(*)::int as n from ratings where channel <> 'window_pad' group by channel order by channel`,
    );
    expect(ratings.find((row) => row.channel === 'default')?.n).toBe(1);
    expect(ratings.reduce((sum, row) => sum + row.n, 0)).toBe(15);
    expect(await rows<{ stage: string }>('select stage from rectifications order by created_at')).toEqual([
      { stage: 'closed' },
      { stage: 'view' },
      { stage: 'rectify' },
      { stage: 'verify' },
    ]);
    // One audit record for the load, and one for each change of the month of ratings (cases, ratings' loops).
    expect(await verifyAuditChain(db, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
    // R9: every case event the demo made is traced to the audit record of its change.
    expect(await verifyCaseEventChains(db, TEST_AUDIT_KEY, { firstUnaudited })).toMatchObject({ ok: true });
  });
});
