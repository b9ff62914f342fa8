-- 办件汇总 (issue 14; ADR 0028): per business day (Asia/Shanghai) × township × item × channel, the counts the
-- supervision overview and ledgers read instead of scanning cases. Kept in the same transaction as the case
-- event that changes them (one upsert per counted event); `yizhan rollups rebuild` recomputes them from the
-- case event log. The department of a row is its item's department in the catalog (read at query time).

create table case_rollups (
  org_id uuid not null references orgs (id),
  business_date date not null,
  item_code text not null,
  channel text not null check (channel in ('window', 'online', 'agent')),
  received integer not null default 0 check (received >= 0),
  accepted integer not null default 0 check (accepted >= 0),
  refused integer not null default 0 check (refused >= 0),
  supplement_notices integer not null default 0 check (supplement_notices >= 0),
  concluded integer not null default 0 check (concluded >= 0),
  concluded_on_time integer not null default 0 check (concluded_on_time >= 0),
  concluded_late integer not null default 0 check (concluded_late >= 0),
  granted integer not null default 0 check (granted >= 0),
  denied integer not null default 0 check (denied >= 0),
  working_days_sum integer not null default 0 check (working_days_sum >= 0),
  primary key (org_id, business_date, item_code, channel),
  check (concluded_on_time + concluded_late = concluded),
  check (granted + denied = concluded)
);
comment on table case_rollups is '办件汇总: counts of case events per business day, township, item and channel (ADR 0028)';
comment on column case_rollups.business_date is 'the Asia/Shanghai business date of the counted event (接件 for received, 受理 for accepted, 办结 for concluded)';
comment on column case_rollups.refused is '不予受理 (行政许可法 第32条)';
comment on column case_rollups.supplement_notices is '一次性告知补正 notices issued (行政许可法 第32条)';
comment on column case_rollups.concluded_on_time is '办结 on or before the case''s due date (承诺时限, with approved extensions)';
comment on column case_rollups.concluded_late is '办结 after the case''s due date (超期办结)';
comment on column case_rollups.working_days_sum is 'working days from 受理 to 办结 summed over the concluded cases (average = sum / concluded)';
-- The month view of one township or the county: a range of days for a set of orgs.
create index case_rollups_day on case_rollups (business_date, org_id);

grant select, insert, update, delete on case_rollups to yizhan_app;
alter table case_rollups enable row level security;
create policy case_rollups_scoped on case_rollups using (org_id = any (yizhan_scope()));
