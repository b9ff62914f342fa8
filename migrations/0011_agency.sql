-- 村级全程代办 (village agency): the villages each agent covers, the devices agents register on, the
-- requests they carry with their legs (报送 2 / 返还 3 / 告知 2 working days by default, per county),
-- the custody trail of the paper folder, requests declined at the village and consultations answered.
-- Every row carries the village's org id, so a township sees its villages and no other township's.

create table agent_villages (
  agent_id uuid not null references staff (id),
  village_id uuid not null references orgs (id),
  org_id uuid not null references orgs (id) check (org_id = village_id),
  primary key (agent_id, village_id)
);
comment on table agent_villages is '代办员负责的村: an agent may cover several villages; their own village always counts';

create table agency_leg_limits (
  org_id uuid primary key references orgs (id),
  forward_days integer not null check (forward_days between 1 and 10),
  return_days integer not null check (return_days between 1 and 10),
  notify_days integer not null check (notify_days between 1 and 10),
  version integer not null default 1,
  updated_at timestamptz not null
);
comment on table agency_leg_limits is '代办时限: a county''s leg limits in working days (seeds: 报送 2, 返还 3, 告知 2; some counties use 3 for 报送)';

create table agency_devices (
  prefix text primary key check (prefix ~ '^[A-Z0-9]{4,8}$'),
  agent_id uuid not null references staff (id),
  org_id uuid not null references orgs (id),
  created_at timestamptz not null
);
comment on table agency_devices is '代办设备: numbers made offline carry the device''s prefix, issued here once, so they never collide';

create table agency_requests (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  township_id uuid not null references orgs (id),
  request_no text not null unique check (request_no ~ '^[A-Z0-9]{4,8}-[0-9]{8}-[0-9]{3,5}$'),
  agent_id uuid not null references staff (id),
  item_code text not null,
  item_name text not null,
  applicant_type text not null check (applicant_type in ('person', 'org')),
  applicant_name text not null,
  applicant_id_number text not null,
  applicant_phone text not null,
  applicant_address text not null default '',
  materials jsonb not null,
  consent_at timestamptz not null,
  status text not null check (status in ('registered', 'forwarded', 'received', 'concluded', 'returned', 'notified', 'signed')),
  registered_at timestamptz not null,
  registered_on date not null,
  forward_due_on date not null,
  forwarded_at timestamptz,
  forwarded_on date,
  received_at timestamptz,
  case_id uuid references cases (id),
  case_no text,
  case_status text,
  case_due_on date,
  supplement_notice jsonb,
  concluded_at timestamptz,
  concluded_on date,
  return_due_on date,
  returned_at timestamptz,
  returned_on date,
  notify_due_on date,
  notified_at timestamptz,
  notified_on date,
  notify_method text check (notify_method in ('phone', 'visit', 'sms')),
  signed_at timestamptz,
  signature_file_id uuid references files (id),
  satisfaction text check (satisfaction in ('very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied')),
  fee_fen integer check (fee_fen > 0),
  fee_receipt_no text check (fee_receipt_no ~ '^[A-Za-z0-9-]{1,40}$'),
  fee_collected_at timestamptz,
  next_due_on date,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((case_id is null) = (status in ('registered', 'forwarded'))),
  check ((status = 'signed') = (signed_at is not null and signature_file_id is not null and satisfaction is not null)),
  check ((fee_fen is null) = (fee_receipt_no is null))
);
comment on table agency_requests is '代办件: a request an agent registered at the village and carries through its legs';
comment on column agency_requests.org_id is 'The village where the request was registered (tenancy: its township sees it)';
comment on column agency_requests.registered_at is '登记时间 as made on the agent''s device (offline registrations reach the server later)';
comment on column agency_requests.forward_due_on is '报送时限: registered_on + forward_days working days';
comment on column agency_requests.return_due_on is '返还时限: concluded_on + return_days working days';
comment on column agency_requests.notify_due_on is '告知时限: returned_on + notify_days working days';
comment on column agency_requests.next_due_on is 'Due date of the leg now running (null when none): the index the warning lists read';
comment on column agency_requests.satisfaction is '满意度 on the signed receipt (代办回执); counts as the case''s rating';

create index agency_requests_next_due on agency_requests (next_due_on) where next_due_on is not null;
create index agency_requests_org_registered on agency_requests (org_id, registered_at);
create index agency_requests_agent on agency_requests (agent_id, status);
create unique index agency_requests_case on agency_requests (case_id) where case_id is not null;

create table agency_events (
  id bigint generated always as identity primary key,
  request_id uuid not null references agency_requests (id),
  org_id uuid not null references orgs (id),
  kind text not null,
  at timestamptz not null,
  actor_id uuid references staff (id),
  actor_name text not null,
  data jsonb not null default '{}'
);
comment on table agency_events is '代办流转记录: every leg and every handover of the paper folder (scanned or not), in order';
create index agency_events_request on agency_events (request_id, id);

create table agency_declines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  agent_id uuid not null references staff (id),
  item_code text not null default '',
  item_name text not null check (length(item_name) between 1 and 120),
  applicant_name text not null,
  phone text not null default '',
  reason text not null check (length(reason) between 1 and 300),
  at timestamptz not null
);
comment on table agency_declines is '不能代办登记: requests the agent could not take (not agentable, not legal), with the reason given';
create index agency_declines_org_at on agency_declines (org_id, at);

create table agency_consultations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  agent_id uuid not null references staff (id),
  channel text not null check (channel in ('onsite', 'phone')),
  asker_name text not null default '',
  phone text not null default '',
  item_code text not null default '',
  question text not null,
  answer text not null,
  at timestamptz not null
);
comment on table agency_consultations is '咨询登记: questions an agent answered on the spot or by phone';
create index agency_consultations_org_at on agency_consultations (org_id, at);

grant select, insert, delete on agent_villages to yizhan_app;
grant select, insert, update on agency_leg_limits to yizhan_app;
grant select, insert on agency_devices to yizhan_app;
grant select, insert, update on agency_requests to yizhan_app;
grant select, insert on agency_events to yizhan_app;
grant select, insert on agency_declines to yizhan_app;
grant select, insert on agency_consultations to yizhan_app;

alter table agent_villages enable row level security;
alter table agency_leg_limits enable row level security;
alter table agency_devices enable row level security;
alter table agency_requests enable row level security;
alter table agency_events enable row level security;
alter table agency_declines enable row level security;
alter table agency_consultations enable row level security;
create policy agent_villages_scoped on agent_villages using (org_id = any (yizhan_scope()));
-- A township reads its county's limits; only the county (in scope) changes them.
create policy agency_leg_limits_read on agency_leg_limits for select using (true);
create policy agency_leg_limits_write on agency_leg_limits for insert with check (org_id = any (yizhan_scope()));
create policy agency_leg_limits_update on agency_leg_limits for update using (org_id = any (yizhan_scope()));
create policy agency_devices_scoped on agency_devices using (org_id = any (yizhan_scope()));
create policy agency_requests_scoped on agency_requests using (org_id = any (yizhan_scope()));
create policy agency_events_scoped on agency_events using (org_id = any (yizhan_scope()));
create policy agency_declines_scoped on agency_declines using (org_id = any (yizhan_scope()));
create policy agency_consultations_scoped on agency_consultations using (org_id = any (yizhan_scope()));
