-- The hall (大厅): service categories with ticket prefixes, which windows serve them, tickets and
-- calls, the running state of each window, rating pads and the ratings they record, appointments,
-- and the hourly rollups the director's figures read.

-- 取号叫号设置 of a center: the fair priority policy, no-show rejoin, 无声叫号 and booking limits.
create table queue_settings (
  org_id uuid primary key references orgs (id),
  normal_per_priority integer not null default 3 check (normal_per_priority between 0 and 20),
  elderly_age integer not null default 70 check (elderly_age between 55 and 100),
  rejoin_limit integer not null default 1 check (rejoin_limit between 0 and 5),
  rejoin_after integer not null default 3 check (rejoin_after between 0 and 50),
  sms_ahead integer not null default 3 check (sms_ahead between 0 and 20),
  slot_minutes integer not null default 30 check (slot_minutes in (10, 15, 20, 30, 60)),
  booking_days integer not null default 7 check (booking_days between 1 and 60),
  no_show_limit integer not null default 3 check (no_show_limit between 1 and 20),
  no_show_days integer not null default 90 check (no_show_days between 7 and 365),
  ban_days integer not null default 30 check (ban_days between 1 and 365),
  announcements text[] not null default '{}',
  version integer not null default 1,
  updated_at timestamptz
);
comment on column queue_settings.normal_per_priority is
  '公平叫号: at most one priority ticket (预约、老年人、残疾人、孕妇、军人) before every N normal ones; 0 = priority always first';
comment on column queue_settings.rejoin_after is '过号重排: a no-show that rejoins goes behind this many waiting tickets';
comment on column queue_settings.sms_ahead is '无声叫号: an SMS when this many are ahead (0 = none)';

-- 业务类别: what a citizen chooses at the kiosk; the prefix starts its ticket numbers (A001).
create table queue_categories (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  code text not null check (code ~ '^[a-z0-9-]{1,20}$'),
  name text not null check (length(name) between 2 and 20),
  prefix text not null check (prefix ~ '^[A-Z]$'),
  description text not null default '' check (length(description) <= 100),
  sort integer not null default 0,
  slot_capacity integer not null default 0 check (slot_capacity between 0 and 50),
  status text not null default 'active' check (status in ('active', 'inactive')),
  version integer not null default 1,
  created_at timestamptz not null,
  unique (org_id, code)
);
comment on column queue_categories.slot_capacity is '预约: bookings per slot of the office hours (0 = not bookable)';
create unique index queue_categories_prefix on queue_categories (org_id, prefix) where status = 'active';

create table queue_window_categories (
  window_id uuid not null references windows (id) on delete cascade,
  category_id uuid not null references queue_categories (id),
  org_id uuid not null references orgs (id),
  primary key (window_id, category_id)
);

-- The running state of a window: closed, open (a clerk signed in to it) or paused.
create table queue_windows (
  window_id uuid primary key references windows (id),
  org_id uuid not null references orgs (id),
  number text not null,
  name text not null,
  status text not null default 'closed' check (status in ('closed', 'open', 'paused')),
  staff_id uuid references staff (id),
  staff_name text not null default '',
  pause_reason text not null default '',
  current_ticket_id uuid,
  changed_at timestamptz not null,
  version integer not null default 1,
  check ((status = 'closed') = (staff_id is null))
);
-- A clerk serves one window at a time.
create unique index queue_windows_staff on queue_windows (staff_id) where staff_id is not null;

-- Per category and day: the last ticket number given and the fair policy's count.
create table queue_category_days (
  category_id uuid not null references queue_categories (id),
  business_date date not null,
  org_id uuid not null references orgs (id),
  last_seq integer not null default 0 check (last_seq between 0 and 9999),
  normal_since_priority integer not null default 1000 check (normal_since_priority >= 0),
  primary key (category_id, business_date)
);

create table queue_tickets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  category_id uuid not null references queue_categories (id),
  business_date date not null,
  seq integer not null,
  ticket_no text not null,
  channel text not null check (channel in ('kiosk', 'phone', 'staff', 'appointment')),
  priority text check (priority in ('appointment', 'elderly', 'disabled', 'pregnant', 'service_member')),
  applicant_name text not null default '',
  applicant_id_number text not null default '',
  phone text not null default '',
  status text not null check (status in ('waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled', 'expired')),
  issued_at timestamptz not null,
  queued_at timestamptz not null,
  target_window_id uuid references windows (id),
  window_id uuid references windows (id),
  staff_id uuid references staff (id),
  staff_name text not null default '',
  window_number text not null default '',
  first_called_at timestamptz,
  called_at timestamptz,
  call_count integer not null default 0,
  started_at timestamptz,
  finished_at timestamptz,
  rejoins integer not null default 0,
  transfers integer not null default 0,
  outcome text check (outcome in ('case', 'consultation', 'none')),
  case_ids uuid[] not null default '{}',
  consultation text not null default '',
  appointment_id uuid,
  is_notified_ahead boolean not null default false,
  version integer not null default 1,
  unique (category_id, business_date, seq),
  check ((status = 'finished') = (outcome is not null))
);
comment on column queue_tickets.queued_at is 'the place in the queue: the issue time, moved back on 过号重排';
comment on column queue_tickets.priority is '优先: 预约 (appointment), 老年人 (elderly), 残疾人, 孕妇, 军人; null for a normal ticket';
comment on column queue_tickets.case_ids is '办件: the cases opened or attached when service finished (the ticket becomes a case at the window)';
-- call-next reads only waiting tickets: history never enters this index.
create index queue_tickets_waiting on queue_tickets (category_id, queued_at) where status = 'waiting';
create index queue_tickets_day on queue_tickets (org_id, business_date, called_at desc);
create index queue_tickets_finished on queue_tickets (category_id, finished_at desc) where status = 'finished';
create index queue_tickets_live on queue_tickets (business_date) where status in ('waiting', 'called', 'serving');
-- One phone may hold one live ticket per category.
create unique index queue_tickets_live_phone on queue_tickets (category_id, phone)
  where phone <> '' and status in ('waiting', 'called', 'serving');

alter table queue_windows add foreign key (current_ticket_id) references queue_tickets (id);

-- 评价器: a tablet or a browser window at a window, paired by a code the director gives it.
create table queue_devices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  window_id uuid not null references windows (id),
  kind text not null default 'rating_pad' check (kind in ('rating_pad')),
  name text not null check (length(name) between 1 and 40),
  pairing_code_hash text,
  pairing_expires_at timestamptz,
  token_hash text unique,
  paired_at timestamptz,
  last_seen_at timestamptz,
  revoked_at timestamptz,
  created_by uuid references staff (id),
  created_at timestamptz not null,
  version integer not null default 1
);
create index queue_devices_window on queue_devices (window_id) where revoked_at is null;

-- The citizen's own rating of one service at a window, touched on the pad: bound to the ticket, the
-- case(s) and the clerk. Insert-only for the application: nobody, the clerk least, changes it.
create table queue_ratings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  ticket_id uuid not null unique references queue_tickets (id),
  window_id uuid not null references windows (id),
  staff_id uuid not null references staff (id),
  case_ids uuid[] not null default '{}',
  level text not null check (level in ('very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied')),
  channel text not null default 'window_pad' check (channel in ('window_pad')),
  device_id uuid references queue_devices (id),
  rated_at timestamptz not null
);
comment on table queue_ratings is '好差评 (窗口评价器): five national levels per service; the ratings module (issue 13) builds on these rows';
create index queue_ratings_cases on queue_ratings using gin (case_ids);

-- 延时服务 (lunch break, evenings) and 非工作日预约 sessions the director opens for booking.
create table queue_appointment_sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  kind text not null check (kind in ('extended', 'non_working_day')),
  on_date date,
  weekdays integer[] not null default '{}',
  from_time text not null check (from_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  to_time text not null check (to_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and to_time > from_time),
  category_ids uuid[] not null default '{}',
  capacity integer not null check (capacity between 1 and 50),
  note text not null default '',
  created_by uuid references staff (id),
  created_at timestamptz not null,
  removed_at timestamptz,
  version integer not null default 1,
  check ((on_date is not null) <> (cardinality(weekdays) > 0)),
  check (kind = 'extended' or on_date is not null)
);

-- 预约: online (portal, phone verified by an SMS code), by phone (电话预约, staff) and home visits (上门服务).
create table queue_appointments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  category_id uuid not null references queue_categories (id),
  kind text not null check (kind in ('online', 'phone', 'home_visit')),
  on_date date not null,
  slot_from text not null check (slot_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  slot_to text not null check (slot_to ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  session_kind text not null default 'regular' check (session_kind in ('regular', 'extended', 'non_working_day', 'home_visit')),
  applicant_name text not null default '',
  applicant_id_number text not null default '',
  phone text not null,
  address text not null default '',
  note text not null default '',
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'checked_in', 'no_show', 'done')),
  code text not null check (code ~ '^[0-9]{6}$'),
  ticket_id uuid references queue_tickets (id),
  assignee_id uuid references staff (id),
  reschedules integer not null default 0,
  created_by uuid references staff (id),
  created_at timestamptz not null,
  changed_at timestamptz not null,
  version integer not null default 1
);
create index queue_appointments_slot on queue_appointments (category_id, on_date, slot_from) where status in ('booked', 'checked_in');
create index queue_appointments_phone on queue_appointments (org_id, phone, on_date);
create index queue_appointments_due on queue_appointments (on_date) where status = 'booked';

-- SMS codes that verify a phone before booking (stored hashed, a few tries, minutes of life).
create table queue_phone_codes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  phone text not null,
  code_hash text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null
);
create index queue_phone_codes_phone on queue_phone_codes (org_id, phone, created_at desc);

-- Hall figures, per hour × category × window × clerk, kept in the transaction of each act so the
-- month view never reads tickets. A zero uuid stands for "no window / no clerk" (tickets issued, bookings).
create table queue_rollups (
  org_id uuid not null references orgs (id),
  business_date date not null,
  hour smallint not null check (hour between 0 and 23),
  category_id uuid not null references queue_categories (id),
  window_id uuid not null,
  staff_id uuid not null,
  issued integer not null default 0,
  called integer not null default 0,
  wait_seconds bigint not null default 0,
  served integer not null default 0,
  service_seconds bigint not null default 0,
  no_shows integer not null default 0,
  cases integer not null default 0,
  consultations integer not null default 0,
  booked integer not null default 0,
  checked_in integer not null default 0,
  booking_no_shows integer not null default 0,
  ratings integer not null default 0,
  rating_points integer not null default 0,
  primary key (org_id, business_date, hour, category_id, window_id, staff_id)
);
comment on column queue_rollups.rating_points is 'sum of rating levels scored 5 (非常满意) … 1 (非常不满意)';

grant select, insert, update on queue_settings, queue_categories, queue_windows, queue_category_days, queue_tickets,
  queue_devices, queue_appointment_sessions, queue_appointments, queue_phone_codes, queue_rollups to yizhan_app;
grant select, insert, delete on queue_window_categories to yizhan_app;
grant select, insert on queue_ratings to yizhan_app;

alter table queue_settings enable row level security;
alter table queue_categories enable row level security;
alter table queue_window_categories enable row level security;
alter table queue_windows enable row level security;
alter table queue_category_days enable row level security;
alter table queue_tickets enable row level security;
alter table queue_devices enable row level security;
alter table queue_ratings enable row level security;
alter table queue_appointment_sessions enable row level security;
alter table queue_appointments enable row level security;
alter table queue_phone_codes enable row level security;
alter table queue_rollups enable row level security;

-- Public requests (kiosk, phone, screens) run in the scope of the one center they name.
create policy queue_settings_scoped on queue_settings using (org_id = any (yizhan_scope()));
create policy queue_categories_scoped on queue_categories using (org_id = any (yizhan_scope()));
create policy queue_window_categories_scoped on queue_window_categories using (org_id = any (yizhan_scope()));
create policy queue_windows_scoped on queue_windows using (org_id = any (yizhan_scope()));
create policy queue_category_days_scoped on queue_category_days using (org_id = any (yizhan_scope()));
create policy queue_tickets_scoped on queue_tickets using (org_id = any (yizhan_scope()));
create policy queue_devices_scoped on queue_devices using (org_id = any (yizhan_scope()));
create policy queue_ratings_read on queue_ratings for select using (org_id = any (yizhan_scope()));
create policy queue_ratings_insert on queue_ratings for insert with check (org_id = any (yizhan_scope()));
create policy queue_appointment_sessions_scoped on queue_appointment_sessions using (org_id = any (yizhan_scope()));
create policy queue_appointments_scoped on queue_appointments using (org_id = any (yizhan_scope()));
create policy queue_phone_codes_scoped on queue_phone_codes using (org_id = any (yizhan_scope()));
create policy queue_rollups_scoped on queue_rollups using (org_id = any (yizhan_scope()));
