-- 事中事后核查 and 失信记录 (issue 11, 告知承诺; ADR 0024). A case accepted with any material received by the
-- applicant's signed commitment (告知承诺) gets one verification task, due a number of working days after
-- acceptance (county default 20; ADR 0024). Its outcome: 属实 closes it; 不实 revokes the decision on the
-- case's history and records the applicant's bad credit, which excludes the ID number from 告知承诺 and
-- 容缺受理 until a director repairs it (信用修复, 国办发〔2020〕42号).

create table case_verifications (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null unique references cases (id),
  org_id uuid not null references orgs (id),
  materials text[] not null check (cardinality(materials) > 0),
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'true', 'false')),
  outcome_note text,
  decided_by text,
  decided_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table case_verifications is '事中事后核查: the check of a case''s 告知承诺 materials after acceptance';
comment on column case_verifications.materials is 'the materials received by commitment, as named on the case';
comment on column case_verifications.due_on is 'acceptance + N working days of the handling org''s calendar (ADR 0024)';
comment on column case_verifications.status is 'open: to check; true: 属实; false: 不实 (decision revoked, bad credit recorded)';
-- The clerk's list: open tasks of an org, due soonest first.
create index case_verifications_open_due on case_verifications (org_id, due_on, id) where status = 'open';

create table bad_credit_records (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  id_number text not null,
  applicant_name text not null,
  case_id uuid not null references cases (id),
  case_no text not null,
  reason text not null,
  recorded_on date not null,
  recorded_by text not null,
  repaired_at timestamptz,
  repaired_by text,
  repair_reason text,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table bad_credit_records is '失信记录 (国办发〔2020〕42号): a false commitment; excludes the ID number from 告知承诺 and 容缺受理 until 信用修复';
create index bad_credit_records_standing on bad_credit_records (id_number) where repaired_at is null;

grant select, insert, update on case_verifications, bad_credit_records to yizhan_app;
alter table case_verifications enable row level security;
alter table bad_credit_records enable row level security;
create policy case_verifications_scoped on case_verifications using (org_id = any (yizhan_scope()));
create policy bad_credit_records_scoped on bad_credit_records using (org_id = any (yizhan_scope()));

-- A false commitment made at one township excludes the applicant at every window of the county, yet a
-- township reads no other township's rows: this function answers only "which standing record, if any,
-- holds this exact ID number" (case number, date, reason) — the fact the refusal must name.
create function bad_credit_standing(p_id_number text)
returns table (id uuid, case_no text, recorded_on date, reason text)
language sql stable security definer set search_path = public, pg_temp as $$
  select b.id, b.case_no, b.recorded_on, b.reason
    from bad_credit_records b
   where b.id_number = p_id_number and b.repaired_at is null
   order by b.recorded_on, b.id
   limit 1
$$;
revoke all on function bad_credit_standing(text) from public;
grant execute on function bad_credit_standing(text) to yizhan_app;
