-- 代办件 on the clock, every leg of it (issue 11 item 5): a folder forwarded to the township but not yet
-- received there runs its own leg (乡镇接收, receive_days working days, 1 unless the county sets it; see
-- the ADR on the agency leg clock); the 电子监察 job grades the leg now running from an index (as it
-- does cases), and lateness is recorded once and stays, like case_accountability.

alter table agency_leg_limits add column receive_days integer not null default 1 check (receive_days between 1 and 10);
comment on column agency_leg_limits.receive_days is
  '乡镇接收时限: working days the township window has to receive (check and log) a folder its agent forwarded';

alter table agency_requests add column receive_due_on date;
alter table agency_requests add column warning text not null default 'none' check (warning in ('none', 'pre', 'yellow', 'red'));
alter table agency_requests add column next_warning_at timestamptz;
comment on column agency_requests.receive_due_on is '乡镇接收时限: forwarded_on + receive_days working days';
comment on column agency_requests.warning is '电子监察 grade of the leg now running, as the warning job last raised it (lists grade on read as well)';
comment on column agency_requests.next_warning_at is 'When the grade of the leg now running next changes: the index the warning job reads';
create index agency_requests_next_warning on agency_requests (next_warning_at) where next_warning_at is not null;

-- Requests open before this migration are examined once by the job, which dates a forwarded folder's
-- receive leg from the township's calendar and sets their next moment.
update agency_requests set next_warning_at = updated_at where status <> 'signed';

create table agency_accountability (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references agency_requests (id),
  org_id uuid not null references orgs (id),
  leg text not null check (leg in ('forward', 'receive', 'return', 'notify')),
  holder text not null check (holder in ('agent', 'township')),
  staff_id uuid references staff (id),
  township_id uuid not null references orgs (id),
  due_on date not null,
  level text not null check (level in ('yellow', 'red')),
  working_days_late integer not null check (working_days_late >= 0),
  created_at timestamptz not null,
  check ((holder = 'agent') = (staff_id is not null)),
  unique (request_id, leg, due_on, level)
);
comment on table agency_accountability is
  '责任追究 of 代办 legs: who held a leg when it went overdue (the agent, or the township window) and how late; never updated or deleted';
comment on column agency_accountability.org_id is 'The village of the request (tenancy: its township sees it)';
comment on column agency_accountability.staff_id is 'The agent who held the leg then (a reassignment later does not move it)';
create index agency_accountability_request on agency_accountability (request_id, created_at);
create index agency_accountability_staff on agency_accountability (staff_id, created_at) where staff_id is not null;

grant select, insert on agency_accountability to yizhan_app;
alter table agency_accountability enable row level security;
create policy agency_accountability_scoped on agency_accountability using (org_id = any (yizhan_scope()));
