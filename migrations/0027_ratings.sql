-- 好差评 and the 差评 loop (issue 13; ADR 0026). One `ratings` row per rated handling, whatever the channel:
-- the window's rating pad (一次一评, per ticket), the portal's tracking page and the SMS link (一事一评, per
-- case), and the default rating the job gives a concluded case nobody rated. Levels use the hall pad's keys
-- (queue RATING_LEVELS: 1 非常满意 … 5 非常不满意); 4 and 5 are 差评 and each opens a rectification.

create table ratings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  channel text not null check (channel in ('window_pad', 'portal', 'sms', 'default')),
  case_id uuid references cases (id),
  case_no text,
  ticket_id uuid unique references queue_tickets (id),
  ticket_no text,
  case_ids uuid[] not null default '{}',
  level text not null check (level in ('very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied')),
  indicator_version integer not null check (indicator_version >= 1),
  indicators jsonb not null default '{}',
  reasons text[] not null default '{}',
  comment text not null default '' check (length(comment) <= 500),
  is_defaulted boolean not null default false,
  staff_id uuid references staff (id),
  window_number text,
  rater_name text,
  rater_phone text,
  rated_at timestamptz not null,
  rated_on date not null,
  check ((channel = 'window_pad') = (ticket_id is not null)),
  check (channel = 'window_pad' or case_id is not null),
  check (is_defaulted = (channel = 'default'))
);
comment on table ratings is '好差评 (国办发〔2019〕51号, GB/T 39734-2020): one row per rated handling; insert-only for the application';
comment on column ratings.rater_name is 'the rater as the case names the applicant; confidential: never in a staff view, only through an audited reveal';
comment on column ratings.rater_phone is 'the applicant''s phone from the case; confidential like rater_name';
comment on column ratings.is_defaulted is '默认好评: 基本满意 given by the job when a concluded case was not rated within N natural days (counted separately)';
comment on column ratings.indicator_version is 'version of the indicator set (ratings/indicators.rules.ts) the rater answered';
-- 一事一评: one online (portal, SMS, default) rating per case.
create unique index ratings_one_per_case on ratings (case_id) where channel <> 'window_pad';
create index ratings_org_month on ratings (org_id, rated_on);
create index ratings_cases on ratings using gin (case_ids);

-- 差评整改: opened by every 差评, owned by the unit that handled the case (谁办理、谁负责).
create table rectifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  rating_id uuid not null unique references ratings (id),
  stage text not null default 'verify'
    check (stage in ('verify', 'classify', 'appeal', 'rectify', 'answer', 'view', 'callback', 'closed')),
  classification text check (classification in ('real', 'explanation', 'disputed')),
  appeal_upheld boolean,
  due_on date,
  verify_note text,
  classify_note text,
  appeal_note text,
  rectify_note text,
  answer text,
  rater_view text check (rater_view in ('satisfied', 'basic', 'dissatisfied')),
  callback_note text,
  history jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz,
  check ((stage = 'closed') = (closed_at is not null)),
  check (stage = 'closed' or due_on is not null)
);
comment on table rectifications is '差评整改: 核实 → 分类 (→ 申诉复核) → 整改 → 反馈 → 群众评价整改 → 回访 → 办结';
comment on column rectifications.due_on is 'the current step''s limit on the handling org''s working-day calendar (ratings/rectifications/transitions.rules.ts)';
comment on column rectifications.classification is 'real: 真实问题; explanation: 解释说明 (no legal basis to change); disputed: 恶意或误评 (申诉复核 by a supervisor)';
comment on column rectifications.rater_view is 'the rater''s view of the fix: 满意 / 基本满意 / 不满意';
comment on column rectifications.history is 'each act: who, when, what (the step log shown on the detail page)';
create index rectifications_open_due on rectifications (org_id, due_on) where stage <> 'closed';

grant select, insert on ratings to yizhan_app;
grant select, insert, update on rectifications to yizhan_app;
alter table ratings enable row level security;
alter table rectifications enable row level security;
create policy ratings_read on ratings for select using (org_id = any (yizhan_scope()));
create policy ratings_insert on ratings for insert with check (org_id = any (yizhan_scope()));
create policy rectifications_scoped on rectifications using (org_id = any (yizhan_scope()));

-- The public rating form names a case by number and the last 4 digits of the applicant's phone, exactly
-- as 办件查询 (case_track) does; this answers what a rating needs of that case and nothing when the
-- check is wrong, so a wrong check is indistinguishable from an unknown number.
create function case_for_rating(p_case_no text, p_check text)
returns table (id uuid, org_id uuid, case_no text, status text, concluded_at timestamptz, applicant_name text,
               applicant_phone text, staff_id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
  select c.id, c.org_id, c.case_no, c.status, c.concluded_at, c.applicant_name, c.applicant_phone,
         coalesce(c.assignee_id, c.first_contact_id)
    from cases c
   where c.case_no = p_case_no and length(p_check) = 4 and right(c.applicant_phone, 4) = p_check
$$;
revoke all on function case_for_rating(text, text) from public;
grant execute on function case_for_rating(text, text) to yizhan_app;
