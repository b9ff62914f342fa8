-- R5 / R13: sign-in throttling that neither reveals which user names exist nor lets a stranger lock a
-- clerk out (docs/adr/0011-sign-in-throttling.md). One row per thing failures are counted against:
--   name    a user name as typed (lower-cased), for real and unknown names alike: the lock for clients
--           without a device cookie of that account ("untrusted clients")
--   device  one device cookie (its nonce): failures of a client that signed in to that account before
--   address a client address (IPv4, or the /64 of an IPv6 address): a limit answered before any hashing
-- Sign-in runs in the system scope, so the application role is granted nothing on it.
create table sign_in_throttles (
  kind text not null check (kind in ('name', 'device', 'address')),
  key text not null check (length(key) between 1 and 200),
  failures integer not null default 0 check (failures >= 0),
  window_started_at timestamptz,
  locked_until timestamptz,
  primary key (kind, key)
);
comment on table sign_in_throttles is
  '等保 / R5: failed sign-ins (and wrong current passwords) counted per user name, device cookie and client address; a row whose window and lock are over is removed by the hourly job.';
comment on column sign_in_throttles.failures is
  'Failures in the window that started at window_started_at, attempts still being verified included (counted before the hash is checked, so parallel guesses cannot exceed the limit).';
comment on column sign_in_throttles.locked_until is
  'Until this instant the key is refused without checking any password (YIZHAN_LOCK_MINUTES after the failure that reached the limit).';

-- An administrator's unlock (or password reset) also clears the untrusted-client lock of that user name;
-- only for staff the caller can see, like staff_end_sessions.
create function sign_in_clear_name(p_staff_id uuid) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_username text;
begin
  select username into v_username from staff where id = p_staff_id and org_id = any (yizhan_scope());
  if v_username is null then
    raise exception 'staff not in scope' using errcode = '42501';
  end if;
  delete from sign_in_throttles where kind = 'name' and key = lower(v_username);
end $$;
revoke all on function sign_in_clear_name(uuid) from public;
grant execute on function sign_in_clear_name(uuid) to yizhan_app;
