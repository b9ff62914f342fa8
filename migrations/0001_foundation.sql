-- Foundation: the application role, the org tree, departments and windows, staff and sessions,
-- idempotency records and the hash-chained audit log.

-- The restricted role every request runs under (SET LOCAL ROLE): not owner, not superuser, no BYPASSRLS.
do $$
begin
  create role yizhan_app nologin nosuperuser nobypassrls;
exception when duplicate_object or unique_violation then null;
end $$;
do $$
begin
  execute format('grant yizhan_app to %I', current_user);
exception when insufficient_privilege or invalid_grant_operation then null;
end $$;
grant usage on schema public to yizhan_app;

-- The caller's org scope, set per transaction by the server (see src/db/db.ts enterScope).
create function yizhan_scope() returns uuid[] language sql stable as $$
  select coalesce(string_to_array(nullif(current_setting('yizhan.scope', true), ''), ',')::uuid[], '{}'::uuid[])
$$;
grant execute on function yizhan_scope() to yizhan_app;

create table orgs (
  id uuid primary key default gen_random_uuid(),
  code char(12) not null unique check (code ~ '^[0-9]{12}$'),
  kind text not null check (kind in ('county', 'township', 'village')),
  parent_id uuid references orgs (id),
  name text not null check (length(name) between 2 and 60),
  address text not null default '',
  phone text not null default '',
  office_hours jsonb not null default '[]',
  is_ethnic boolean not null default false,
  status text not null default 'active' check (status in ('active', 'inactive')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'county') = (parent_id is null))
);
comment on column orgs.code is '统计用区划代码 (12 digits): county 6+000000, township 9+000, village 12';
comment on column orgs.office_hours is '办公时间: [{"from":"08:30","to":"12:00"}, …] in Asia/Shanghai wall-clock time';
create index orgs_parent on orgs (parent_id);

create table departments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  name text not null check (length(name) between 2 and 40),
  category text not null check (category in
    ('party_gov', 'stability', 'civil_affairs_hr', 'medical_insurance', 'health', 'land_planning', 'general', 'local')),
  sort integer not null default 0,
  status text not null default 'active' check (status in ('active', 'inactive')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (org_id, name)
);
comment on column departments.category is '"7+X" 站所: 党政服务 综治维稳 民政人社 新农合/医保 人口计生/卫健 国土村规 综合服务 + local';

create table windows (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  number text not null check (length(number) between 1 and 10),
  name text not null check (length(name) between 2 and 40),
  status text not null default 'active' check (status in ('active', 'inactive')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (org_id, number)
);

create table window_departments (
  window_id uuid not null references windows (id) on delete cascade,
  department_id uuid not null references departments (id),
  org_id uuid not null references orgs (id),
  primary key (window_id, department_id)
);

create table staff (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  username text not null unique check (username ~ '^[a-z][a-z0-9_.-]{2,31}$'),
  name text not null check (length(name) between 2 and 30),
  role text not null check (role in ('county_admin', 'director', 'window_staff', 'reviewer', 'agent', 'supervisor')),
  phone text not null default '',
  department_id uuid references departments (id),
  window_id uuid references windows (id),
  password_hash text not null,
  must_change_password boolean not null default false,
  password_changed_at timestamptz not null default now(),
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  locked_until timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on column staff.locked_until is '等保: locked after repeated failed sign-ins until this instant';
create index staff_org on staff (org_id);

-- Sessions are looked up before any scope is known, so only the owner (system scope) touches them.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  staff_id uuid not null references staff (id),
  kind text not null check (kind in ('cookie', 'bearer')),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_staff on sessions (staff_id) where revoked_at is null;

-- R2: one row per (caller, key); written in the same transaction as the change it records.
create table idempotency_keys (
  principal text not null,
  key text not null,
  org_id uuid references orgs (id),
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (principal, key)
);

-- R9: append-only audit trail. Each row's hash is an HMAC over the previous hash and the row, with
-- a key kept outside the database; the anchor (signed the same way) exposes a truncated tail.
create table audit_log (
  seq bigint primary key check (seq > 0),
  at timestamptz not null,
  actor_id uuid,
  actor_name text not null,
  actor_role text not null,
  org_id uuid,
  action text not null,
  target_type text not null default '',
  target_id text not null default '',
  summary jsonb not null default '{}',
  client_ip text not null default '',
  prev_hash text not null,
  hash text not null
);
create index audit_log_org_at on audit_log (org_id, at desc);
create index audit_log_at on audit_log (at desc);

create table audit_anchor (
  id integer primary key check (id = 1),
  seq bigint not null,
  hash text not null,
  signature text not null
);

-- Serialises appends (held to commit) and returns the head the next row chains to. The head is the
-- signed anchor, not the last row: after rows are cut off the end, the next append leaves a visible gap.
create function audit_head(out seq bigint, out hash text)
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  perform pg_advisory_xact_lock(7412002);
  select a.seq, a.hash into seq, hash from audit_anchor a where a.id = 1;
  if seq is null then
    seq := 0;
    hash := 'genesis';
  end if;
end $$;

create function audit_append(
  p_seq bigint, p_at timestamptz, p_actor_id uuid, p_actor_name text, p_actor_role text, p_org_id uuid,
  p_action text, p_target_type text, p_target_id text, p_summary jsonb, p_client_ip text,
  p_prev_hash text, p_hash text, p_anchor_signature text
) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into audit_log (seq, at, actor_id, actor_name, actor_role, org_id, action, target_type, target_id,
                         summary, client_ip, prev_hash, hash)
  values (p_seq, p_at, p_actor_id, p_actor_name, p_actor_role, p_org_id, p_action, p_target_type, p_target_id,
          p_summary, p_client_ip, p_prev_hash, p_hash);
  insert into audit_anchor (id, seq, hash, signature) values (1, p_seq, p_hash, p_anchor_signature)
  on conflict (id) do update set seq = excluded.seq, hash = excluded.hash, signature = excluded.signature;
end $$;

revoke all on function audit_head() from public;
revoke all on function audit_append(bigint, timestamptz, uuid, text, text, uuid, text, text, text, jsonb, text, text, text, text) from public;
grant execute on function audit_head() to yizhan_app;
grant execute on function audit_append(bigint, timestamptz, uuid, text, text, uuid, text, text, text, jsonb, text, text, text, text) to yizhan_app;

-- Grants: the application role reads and writes tenant tables under RLS; audit only through audit_append.
grant select, insert, update on orgs, departments, windows, staff to yizhan_app;
grant select, insert, delete on window_departments to yizhan_app;
grant select, insert on idempotency_keys to yizhan_app;
grant select on audit_log to yizhan_app;

alter table orgs enable row level security;
alter table departments enable row level security;
alter table windows enable row level security;
alter table window_departments enable row level security;
alter table staff enable row level security;
alter table idempotency_keys enable row level security;
alter table audit_log enable row level security;

-- The org tree (names, addresses, phones, office hours) is public information; changes are scoped.
create policy orgs_read on orgs for select using (true);
create policy orgs_insert on orgs for insert with check (parent_id = any (yizhan_scope()));
create policy orgs_update on orgs for update using (id = any (yizhan_scope()));

create policy departments_scoped on departments using (org_id = any (yizhan_scope()));
create policy windows_scoped on windows using (org_id = any (yizhan_scope()));
create policy window_departments_scoped on window_departments using (org_id = any (yizhan_scope()));
create policy staff_scoped on staff using (org_id = any (yizhan_scope()));
create policy idempotency_scoped on idempotency_keys using (org_id = any (yizhan_scope()));
create policy audit_scoped on audit_log for select using (org_id = any (yizhan_scope()));

-- Usernames are unique county-wide, but RLS hides other townships' staff: ask without revealing rows.
create function staff_username_taken(p_username text) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
  select exists (select 1 from staff where username = p_username)
$$;
revoke all on function staff_username_taken(text) from public;
grant execute on function staff_username_taken(text) to yizhan_app;

-- Disabling an account or resetting its password ends its sessions; only for staff the caller can see.
create function staff_end_sessions(p_staff_id uuid, p_now timestamptz) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if not exists (select 1 from staff where id = p_staff_id and org_id = any (yizhan_scope())) then
    raise exception 'staff not in scope' using errcode = '42501';
  end if;
  update sessions set revoked_at = p_now where staff_id = p_staff_id and revoked_at is null;
end $$;
revoke all on function staff_end_sessions(uuid, timestamptz) from public;
grant execute on function staff_end_sessions(uuid, timestamptz) to yizhan_app;
