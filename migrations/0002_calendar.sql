-- Working-day calendar (工作日历): national years the chinese-days package lacks (entered or imported
-- by an administrator), local overrides of counties and townships, and a revision counter that lets
-- every server process keep resolved calendars in memory and notice a change on its next read.

create table calendar_national_years (
  year integer primary key check (year between 2000 and 2100),
  source text not null check (source in ('manual', 'json', 'ics')),
  document text not null default '' check (length(document) <= 100),
  entered_by uuid references staff (id),
  entered_at timestamptz not null,
  version integer not null default 1 check (version >= 1)
);
comment on table calendar_national_years is
  '国务院办公厅 部分节假日安排的通知 entered by an administrator: a year listed here is known (deadlines into it are not provisional) and replaces the package data for that year';
comment on column calendar_national_years.document is '通知文号, e.g. 国办发明电〔2024〕12号';

create table calendar_national_days (
  on_date date primary key,
  year integer not null references calendar_national_years (year) on delete cascade,
  kind text not null check (kind in ('holiday', 'adjusted_workday')),
  name text not null check (length(name) between 1 and 30),
  check (extract(year from on_date)::integer = year),
  -- The notices only ever work weekends (调休): a weekday is never an adjusted working day.
  check (kind = 'holiday' or extract(isodow from on_date) in (6, 7))
);
comment on column calendar_national_days.kind is
  'holiday: 法定节假日/放假调休 (not a working day, deadlines skip it); adjusted_workday: 调休上班 (a weekend that is a working day)';
create index calendar_national_days_year on calendar_national_days (year);

create table calendar_overrides (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  on_date date not null check (on_date between date '2000-01-01' and date '2100-12-31'),
  kind text not null check (kind in ('local_holiday', 'local_workday')),
  name text not null check (length(name) between 1 and 30),
  note text not null default '' check (length(note) <= 200),
  version integer not null default 1 check (version >= 1),
  created_by uuid not null references staff (id),
  created_at timestamptz not null,
  removed_by uuid references staff (id),
  removed_at timestamptz,
  check ((removed_at is null) = (removed_by is null))
);
comment on table calendar_overrides is
  'Local days of a county or township (e.g. 广西 壮族三月三), inherited by its townships and villages; removed rows are kept so past deadlines stay explainable';
comment on column calendar_overrides.kind is
  'local_holiday: 本地假日 (not a working day for this org and below); local_workday: 本地工作日 (a working day even if the national calendar says otherwise)';
create unique index calendar_overrides_active on calendar_overrides (org_id, on_date) where removed_at is null;

create table calendar_revision (
  id integer primary key check (id = 1),
  epoch uuid not null default gen_random_uuid(),
  revision bigint not null default 0
);
comment on table calendar_revision is
  'Bumped in the transaction of every calendar change; server processes compare it with the revision of their cached calendars (ADR 0002)';
insert into calendar_revision (id) values (1);

create function calendar_bump_revision() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  update calendar_revision set revision = revision + 1 where id = 1;
  return null;
end $$;
revoke all on function calendar_bump_revision() from public;

create trigger calendar_national_years_changed after insert or update or delete on calendar_national_years
  for each statement execute function calendar_bump_revision();
create trigger calendar_national_days_changed after insert or update or delete on calendar_national_days
  for each statement execute function calendar_bump_revision();
create trigger calendar_overrides_changed after insert or update or delete on calendar_overrides
  for each statement execute function calendar_bump_revision();

grant select on calendar_revision to yizhan_app;
grant select, insert, update, delete on calendar_national_years to yizhan_app;
grant select, insert, delete on calendar_national_days to yizhan_app;
grant select, insert, update on calendar_overrides to yizhan_app;

alter table calendar_national_years enable row level security;
alter table calendar_national_days enable row level security;
alter table calendar_overrides enable row level security;

-- The calendar is public information (the deadline API runs under the public scope); national
-- years are written by signed-in staff only (the service admits county administrators), local
-- overrides only for orgs in the caller's scope.
create policy calendar_national_years_read on calendar_national_years for select using (true);
create policy calendar_national_years_write on calendar_national_years for insert with check (cardinality(yizhan_scope()) > 0);
create policy calendar_national_years_update on calendar_national_years for update using (cardinality(yizhan_scope()) > 0);
create policy calendar_national_years_delete on calendar_national_years for delete using (cardinality(yizhan_scope()) > 0);
create policy calendar_national_days_read on calendar_national_days for select using (true);
create policy calendar_national_days_write on calendar_national_days for insert with check (cardinality(yizhan_scope()) > 0);
create policy calendar_national_days_delete on calendar_national_days for delete using (cardinality(yizhan_scope()) > 0);
create policy calendar_overrides_read on calendar_overrides for select using (true);
create policy calendar_overrides_insert on calendar_overrides for insert with check (org_id = any (yizhan_scope()));
create policy calendar_overrides_update on calendar_overrides for update using (org_id = any (yizhan_scope()))
  with check (org_id = any (yizhan_scope()));
