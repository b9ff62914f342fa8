-- 督办单 (supervisionOrder, issue 14; ADR 0029). 电子监察 sees a case turn yellow or red; a supervisor (or the
-- county administrator, or the township's director) orders its holder to act by a date. The owner answers
-- (整改回告); the issuer accepts the answer or returns it. An order not answered by its due date turns red
-- and is escalated to the county center once, by the job reading the index on next_check_at.

create table supervision_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  order_no text not null check (length(order_no) between 4 and 40),
  target_kind text not null check (target_kind in ('case', 'step', 'rectification', 'complaint')),
  case_id uuid references cases (id),
  step_id uuid references case_steps (id),
  target_label text not null check (length(target_label) between 1 and 200),
  target_warning text not null check (target_warning in ('yellow', 'red')),
  instruction text not null check (length(instruction) between 2 and 1000),
  addressee_kind text not null check (addressee_kind in ('holder', 'staff', 'unit')),
  addressee_staff_id uuid references staff (id),
  addressee_department_id uuid references departments (id),
  addressee_name text not null,
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'answered', 'returned', 'accepted')),
  is_overdue boolean not null default false,
  escalated_at timestamptz,
  next_check_at timestamptz,
  answer_text text check (length(answer_text) <= 2000),
  answer_file_id uuid,
  answered_by text,
  answered_at timestamptz,
  review_note text check (length(review_note) <= 500),
  reviewed_by text,
  reviewed_at timestamptz,
  issued_by_id uuid not null references staff (id),
  issued_by text not null,
  issued_on date not null,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (org_id, order_no),
  check (target_kind <> 'case' or (case_id is not null and step_id is null)),
  check (target_kind <> 'step' or (case_id is not null and step_id is not null)),
  check (addressee_kind = 'unit' or addressee_staff_id is not null),
  check (addressee_kind <> 'unit' or addressee_department_id is not null),
  check ((status in ('answered', 'accepted')) <= (answered_at is not null)),
  check (due_on >= issued_on)
);
comment on table supervision_orders is '督办单: an order of 电子监察 on a yellow or red case (or step), answered by 整改回告 (ADR 0029)';
comment on column supervision_orders.target_warning is 'the warning grade of the case or step when the order was issued (黄牌/红牌)';
comment on column supervision_orders.instruction is '督办事项: what the owner must do';
comment on column supervision_orders.addressee_kind is 'to whom: holder (the case''s or step''s holder), staff (a named person), unit (a department)';
comment on column supervision_orders.due_on is '督办期限: issue date + N working days of the township''s calendar unless the issuer names a date';
comment on column supervision_orders.is_overdue is '红色督办: not answered by due_on; stays true once set (the lateness is a fact of record)';
comment on column supervision_orders.escalated_at is 'when the overdue order was escalated to the county center (once)';
comment on column supervision_orders.answer_text is '整改回告: what the owner did';
-- The escalation job reads only orders whose next check moment has passed (like cases_next_warning).
create index supervision_orders_next_check on supervision_orders (next_check_at) where next_check_at is not null;
create index supervision_orders_org_status on supervision_orders (org_id, status, due_on, id);
create index supervision_orders_case on supervision_orders (case_id) where case_id is not null;

create table supervision_order_counters (
  org_id uuid not null references orgs (id),
  year integer not null check (year between 2000 and 2999),
  last integer not null check (last > 0),
  primary key (org_id, year)
);
comment on table supervision_order_counters is 'the last 督办单 number given per org and year (督〔year〕N号)';

grant select, insert, update on supervision_orders, supervision_order_counters to yizhan_app;
alter table supervision_orders enable row level security;
alter table supervision_order_counters enable row level security;
create policy supervision_orders_scoped on supervision_orders using (org_id = any (yizhan_scope()));
create policy supervision_order_counters_scoped on supervision_order_counters using (org_id = any (yizhan_scope()));
