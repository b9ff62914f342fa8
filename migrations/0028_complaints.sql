-- 投诉·举报·效能投诉·办不成事 (issue 13; ADR 0027), following GB/T 36113's 受理 → 调查 → 处置 → 反馈 → 归档.
-- A complaint arrives from the portal (phone verified by SMS code), the hall's 意见箱 or the 效能投诉电话
-- (transcribed by staff), or a 12345/8890 hotline work order. The center decides within 5 working days
-- whether to accept it, investigates, and answers within a configurable number of working days. A
-- complaint about a director is handled by the county center (org_id is then the county). The person
-- complained about (subject_staff_id) never sees the complaint: the application filters it out of every
-- route; row-level security scopes it to the handling org like every other table.

create table complaint_settings (
  org_id uuid primary key references orgs (id),
  answer_days integer not null check (answer_days between 1 and 60),
  version integer not null default 1,
  updated_at timestamptz not null
);
comment on column complaint_settings.answer_days is '答复时限: working days from 受理 to 反馈 (default 15 when no row; ADR 0027)';

create table complaints (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  filed_org_id uuid not null references orgs (id),
  tracking_code text not null unique check (tracking_code ~ '^[A-Z2-9]{10}$'),
  kind text not null check (kind in ('complaint', 'report', 'efficiency', 'undone')),
  channel text not null check (channel in ('portal', 'mailbox', 'phone', 'hotline')),
  filed_by text not null,
  work_order_no text check (work_order_no is null or length(work_order_no) between 1 and 40),
  content text not null check (length(content) between 5 and 2000),
  complainant_name text,
  complainant_phone text,
  case_no text,
  subject_staff_id uuid references staff (id),
  subject_text text,
  assignee_staff_id uuid references staff (id),
  status text not null default 'received'
    check (status in ('received', 'investigating', 'disposing', 'answered', 'archived', 'refused')),
  received_on date not null,
  decide_due_on date not null,
  accepted_on date,
  answer_due_on date,
  refusal_reason text,
  finding text,
  verdict text check (verdict is null or verdict in ('true', 'partly', 'false')),
  disposal text,
  answer text,
  answered_on date,
  rating text check (rating is null or rating in ('satisfied', 'basically', 'unsatisfied')),
  rated_at timestamptz,
  archived_at timestamptz,
  warning text not null default 'none' check (warning in ('none', 'pre', 'yellow', 'red')),
  next_warning_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((channel = 'hotline') = (work_order_no is not null)),
  check (complainant_phone is null or complainant_phone ~ '^1[3-9][0-9]{9}$'),
  check (status not in ('investigating', 'disposing', 'answered') or accepted_on is not null),
  check (status <> 'refused' or refusal_reason is not null)
);
comment on table complaints is '投诉·举报 (GB/T 36113): one complaint, report, 效能投诉 or 办不成事 reflection and its handling';
comment on column complaints.org_id is 'the handling center: the township it was filed with, or the county when it is about a director';
comment on column complaints.filed_org_id is 'the center the complainant addressed';
comment on column complaints.filed_by is 'who entered it: the complainant on the portal, or the staff member who transcribed it';
comment on column complaints.tracking_code is '查询码: the only key an anonymous complainant holds';
comment on column complaints.work_order_no is '12345/8890 热线工单号 (required for the hotline channel)';
comment on column complaints.complainant_phone is 'null: anonymous; set: real-name, verified by SMS code on the portal, gets the answer by SMS';
comment on column complaints.subject_staff_id is '被投诉人: never shown the complaint, nor who made it';
comment on column complaints.decide_due_on is '受理决定期限: received + 5 working days';
comment on column complaints.answer_due_on is '答复期限: accepted + the org''s answer_days working days';
comment on column complaints.verdict is '调查结论: true 属实, partly 部分属实 (both make an accountability record), false 不属实';
comment on column complaints.next_warning_at is 'when the warning job next looks at this complaint (indexed; null: nothing due)';

create index complaints_org_received on complaints (org_id, received_on desc, id);
create index complaints_next_warning on complaints (next_warning_at) where next_warning_at is not null;
create index complaints_assignee on complaints (assignee_staff_id) where assignee_staff_id is not null;

create table complaint_events (
  id uuid primary key default gen_random_uuid(),
  complaint_id uuid not null references complaints (id),
  org_id uuid not null references orgs (id),
  act text not null,
  actor_name text not null,
  at timestamptz not null,
  payload jsonb not null default '{}'
);
comment on table complaint_events is 'the complaint''s history: every act, in order (the complaint row is its projection)';
create index complaint_events_of on complaint_events (complaint_id, at);

create table complaint_accountability (
  id uuid primary key default gen_random_uuid(),
  complaint_id uuid not null unique references complaints (id),
  org_id uuid not null references orgs (id),
  staff_id uuid references staff (id),
  verdict text not null check (verdict in ('true', 'partly')),
  recorded_on date not null,
  created_at timestamptz not null
);
comment on table complaint_accountability is '责任追究: a complaint found 属实 or 部分属实, counted against the staff member complained about';

grant select, insert, update on complaint_settings, complaints to yizhan_app;
grant select, insert on complaint_events, complaint_accountability to yizhan_app;
alter table complaint_settings enable row level security;
alter table complaints enable row level security;
alter table complaint_events enable row level security;
alter table complaint_accountability enable row level security;
create policy complaint_settings_scoped on complaint_settings using (org_id = any (yizhan_scope()));
create policy complaints_scoped on complaints using (org_id = any (yizhan_scope()));
-- A township files a complaint about its director with the county (org_id), which it cannot read afterwards.
create policy complaints_file on complaints for insert with check (filed_org_id = any (yizhan_scope()));
create policy complaint_events_scoped on complaint_events using (org_id = any (yizhan_scope()));
create policy complaint_accountability_scoped on complaint_accountability using (org_id = any (yizhan_scope()));

-- 查询码: a complainant (no sign-in) sees one complaint by its code — its stage and answer, and nothing
-- about staff. org_id is returned so the rating can run in that center's scope; it is never sent out.
create function complaint_track(p_code text)
returns table (id uuid, org_id uuid, kind text, status text, received_on date, decide_due_on date, answer_due_on date,
               refusal_reason text, answer text, answered_on date, rating text, is_real_name boolean, org_name text, version integer)
language sql stable security definer set search_path = public, pg_temp as $$
  select c.id, c.org_id, c.kind, c.status, c.received_on, c.decide_due_on, c.answer_due_on, c.refusal_reason, c.answer,
         c.answered_on, c.rating, c.complainant_phone is not null, o.name, c.version
    from complaints c join orgs o on o.id = c.filed_org_id
   where c.tracking_code = upper(p_code)
$$;
revoke all on function complaint_track(text) from public;
grant execute on function complaint_track(text) to yizhan_app;
