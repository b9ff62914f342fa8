-- 办件 (cases): the projection row, its event log (the truth, hash-chained per case), submitted
-- materials and files, case numbers, accountability records and the applicant notification outbox.

create table case_number_counters (
  org_id uuid not null references orgs (id),
  day date not null,
  last integer not null check (last >= 0),
  primary key (org_id, day)
);

create table files (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png', 'application/ofd')),
  size integer not null check (size > 0),
  name text not null,
  content bytea not null,
  uploaded_by uuid references staff (id),
  created_at timestamptz not null,
  unique (org_id, sha256)
);
comment on table files is 'Uploads stored content-addressed inside the database transaction (R8)';

create table cases (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  case_no text not null unique,
  item_code text not null,
  item_name text not null,
  item_version integer not null,
  handling text not null check (handling in ('immediate', 'promised', 'joint', 'escalated', 'reply')),
  promised_days integer not null check (promised_days >= 0),
  legal_days integer not null check (legal_days >= promised_days),
  applicant_type text not null check (applicant_type in ('person', 'org')),
  applicant_name text not null,
  applicant_id_number text not null,
  applicant_phone text not null,
  applicant_address text not null default '',
  channel text not null check (channel in ('window', 'online', 'agent')),
  first_contact_id uuid references staff (id),
  assignee_id uuid references staff (id),
  status text not null check (status in
    ('submitted', 'supplement_requested', 'accepted', 'suspended', 'escalated', 'concluded', 'delivered', 'closed', 'refused', 'withdrawn')),
  received_at timestamptz not null,
  received_on date not null,
  accepted_on date,
  due_on date,
  decision_due_on date,
  suspended_on date,
  extended_days integer not null default 0 check (extended_days between 0 and 15),
  supplement_notices integer not null default 0 check (supplement_notices >= 0),
  pending_materials_due_on date,
  result text check (result in ('granted', 'denied')),
  concluded_at timestamptz,
  delivered_at timestamptz,
  closed_at timestamptz,
  warning text not null default 'none' check (warning in ('none', 'pre', 'yellow', 'red')),
  next_warning_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on column cases.received_on is '接件日期 (Asia/Shanghai): 行政许可法第32条 — without a decision in 5 working days the case counts as accepted from this day';
comment on column cases.decision_due_on is '受理决定期限: 5 working days after receipt for non-window channels';
comment on column cases.due_on is '当前阶段的办结期限 (working-day calendar of the handling org; moved only by suspension, resumption, extension)';
comment on column cases.next_warning_at is '电子监察: the next instant the warning grade changes; the warning job reads only rows whose moment has passed';
comment on column cases.applicant_id_number is 'Full ID number / USCC; shown masked (first 6 + last 4) except through an audited reveal (R10)';
create index cases_next_warning on cases (next_warning_at) where next_warning_at is not null;
create index cases_org_status_due on cases (org_id, status, due_on);
create index cases_assignee on cases (assignee_id, due_on) where status in ('submitted', 'supplement_requested', 'accepted', 'suspended', 'escalated');

create table case_events (
  case_id uuid not null references cases (id),
  seq integer not null check (seq > 0),
  org_id uuid not null references orgs (id),
  act text not null,
  actor_id uuid references staff (id),
  actor_name text not null,
  at timestamptz not null,
  business_date date not null,
  payload jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (case_id, seq)
);
comment on table case_events is 'The truth of a case: every transition, appended in the same transaction as the projection update';

create table case_materials (
  case_id uuid not null references cases (id),
  position integer not null,
  org_id uuid not null references orgs (id),
  name text not null,
  required boolean not null default true,
  received boolean not null default false,
  file_id uuid references files (id),
  pending boolean not null default false,
  primary key (case_id, position)
);

create table case_accountability (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  org_id uuid not null references orgs (id),
  staff_id uuid references staff (id),
  stage text not null,
  due_on date not null,
  level text not null check (level in ('yellow', 'red')),
  working_days_late integer not null check (working_days_late >= 0),
  created_at timestamptz not null,
  unique (case_id, stage, due_on, level)
);
comment on table case_accountability is '责任追究: who held an overdue case and how late';

create table outbox (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  case_id uuid references cases (id),
  channel text not null check (channel in ('console', 'webhook')),
  recipient text not null,
  message text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_error text,
  created_at timestamptz not null
);
create index outbox_due on outbox (next_attempt_at) where status = 'pending';

grant select, insert, update on cases, case_materials, case_number_counters, outbox to yizhan_app;
grant select, insert on case_events, case_accountability, files to yizhan_app;

alter table cases enable row level security;
alter table case_events enable row level security;
alter table case_materials enable row level security;
alter table case_number_counters enable row level security;
alter table case_accountability enable row level security;
alter table files enable row level security;
alter table outbox enable row level security;

create policy cases_scoped on cases using (org_id = any (yizhan_scope()));
create policy case_events_scoped on case_events using (org_id = any (yizhan_scope()));
create policy case_materials_scoped on case_materials using (org_id = any (yizhan_scope()));
create policy case_number_counters_scoped on case_number_counters using (org_id = any (yizhan_scope()));
create policy case_accountability_scoped on case_accountability using (org_id = any (yizhan_scope()));
create policy files_scoped on files using (org_id = any (yizhan_scope()));
create policy outbox_scoped on outbox using (org_id = any (yizhan_scope()));

-- 办件查询 for the public: one case by number, only when the last four digits of the applicant's phone
-- match; the caller (no sign-in) sees no table, only what this function returns.
create function case_track(p_case_no text, p_check text)
returns table (case_no text, item_name text, status text, received_on date, accepted_on date, due_on date,
               concluded_at timestamptz, result text, applicant_name text, org_name text)
language sql stable security definer set search_path = public, pg_temp as $$
  select c.case_no, c.item_name, c.status, c.received_on, c.accepted_on, c.due_on, c.concluded_at, c.result,
         c.applicant_name, o.name
    from cases c join orgs o on o.id = c.org_id
   where c.case_no = p_case_no and length(p_check) = 4 and right(c.applicant_phone, 4) = p_check
$$;
revoke all on function case_track(text, text) from public;
grant execute on function case_track(text, text) to yizhan_app;
