-- 办理步骤 (case steps): the procedure steps of a case — for 联办件 (joint handling) the parallel
-- department steps, each with its own working-day deadline and its own warning moment. A step may be
-- 超时默认 (consent on timeout): when its department misses the deadline it passes by default, the
-- lateness is recorded against that department and the written opinion is still owed within 1 working day.

create table case_steps (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  org_id uuid not null references orgs (id),
  position integer not null check (position > 0),
  department_id uuid references departments (id),
  name text not null check (length(name) between 1 and 60),
  assignee_id uuid references staff (id),
  consent_on_timeout boolean not null default false,
  due_on date not null,
  warning text not null default 'none' check (warning in ('none', 'pre', 'yellow', 'red')),
  next_warning_at timestamptz,
  status text not null default 'open' check (status in ('open', 'done', 'deemed_passed', 'cancelled')),
  decision text check (decision in ('approve', 'disapprove')),
  opinion text check (length(opinion) <= 2000),
  opinion_due_on date,
  opinion_at timestamptz,
  done_at timestamptz,
  done_by uuid references staff (id),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (case_id, position),
  check (status <> 'done' or (decision is not null and opinion is not null and done_at is not null)),
  check ((status = 'deemed_passed') = (opinion_due_on is not null)),
  check (consent_on_timeout or status <> 'deemed_passed')
);
comment on table case_steps is '办理步骤 / 联办步骤: one row per step; the due date is stored at the act (working-day calendar of the handling org), never recomputed on read';
comment on column case_steps.due_on is '步骤办理期限 (working days from the day the step was added; not later than the case due date)';
comment on column case_steps.consent_on_timeout is '超时默认: the step passes by default when its department misses due_on';
comment on column case_steps.opinion_due_on is '超时默认后书面意见期限: 1 working day after the step due date';
comment on column case_steps.next_warning_at is '电子监察: the next instant this step''s grade changes (or it passes by default); the warning job reads only rows whose moment has passed';
create index case_steps_next_warning on case_steps (next_warning_at) where next_warning_at is not null;
create index case_steps_department_open on case_steps (department_id, due_on) where status = 'open';
create index case_steps_assignee_open on case_steps (assignee_id, due_on) where status = 'open';

-- 责任追究 of a step is held against its department (and the assignee, when there is one).
alter table case_accountability add column department_id uuid references departments (id);
alter table case_accountability add column step_id uuid references case_steps (id);
comment on column case_accountability.department_id is '责任部门: the department whose step was late (超时默认 or overdue step)';
create index case_accountability_department on case_accountability (department_id, created_at) where department_id is not null;

grant select, insert, update on case_steps to yizhan_app;
alter table case_steps enable row level security;
create policy case_steps_scoped on case_steps using (org_id = any (yizhan_scope()));
