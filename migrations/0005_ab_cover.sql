-- AB岗互补 (A/B posts): every window staff member has a backup (B post). While A is absent (leave,
-- meeting, training) A's open cases appear in B's queue; B's acts are recorded as B's, the case's
-- assignee stays A. Absences are business dates (Asia/Shanghai), both ends inclusive.

alter table staff add column backup_id uuid references staff (id);
alter table staff add constraint staff_backup_not_self check (backup_id is null or backup_id <> id);
comment on column staff.backup_id is 'AB岗: the B post who covers this staff member''s open cases while they are absent (same org, set by a director)';
-- "whose backup am I": the covering queue starts from the backup.
create index staff_backup on staff (backup_id) where backup_id is not null;

create table staff_absences (
  id uuid primary key default gen_random_uuid(),
  staff_id uuid not null references staff (id),
  org_id uuid not null references orgs (id),
  starts_on date not null,
  ends_on date not null,
  reason text not null check (length(reason) between 1 and 200),
  created_by uuid not null references staff (id),
  created_at timestamptz not null,
  cancelled_at timestamptz,
  cancelled_by uuid references staff (id),
  check (ends_on >= starts_on),
  check ((cancelled_at is null) = (cancelled_by is null))
);
comment on table staff_absences is 'AB岗: a staff member away (请假、会议、培训); while absent their open cases show in their backup''s queue';
comment on column staff_absences.starts_on is 'first absent business day (Asia/Shanghai), inclusive';
comment on column staff_absences.ends_on is 'expected return: last absent business day (Asia/Shanghai), inclusive; after it the person counts as present';
comment on column staff_absences.cancelled_at is 'marked present (returned early) or the absence called off; the row stays for the record';
-- "who is absent today" for one person (the covering queue) and for an org (the staff page).
create index staff_absences_current on staff_absences (staff_id, ends_on) where cancelled_at is null;
create index staff_absences_org_current on staff_absences (org_id, ends_on) where cancelled_at is null;

grant select, insert, update on staff_absences to yizhan_app;
alter table staff_absences enable row level security;
create policy staff_absences_scoped on staff_absences using (org_id = any (yizhan_scope()));
