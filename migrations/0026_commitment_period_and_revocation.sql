-- 告知承诺, the rest of it (issue 11; ADR 0024 amended). Each item sets its own 事中事后核查 period, copied to
-- the case at intake like its other limits; a 不实 finding now ends the case: an open case is terminated
-- (终止办理), a decided one revoked (撤销), so no clock, warning or act runs on a decision made on a false
-- commitment (国办发〔2020〕42号: 依法终止办理、撤销决定).

alter table cases add column verification_days integer check (verification_days between 1 and 180);
comment on column cases.verification_days is '事中事后核查期限 (working days after acceptance) of the item at intake; null: the county default';

alter table cases drop constraint cases_status_check;
alter table cases add constraint cases_status_check check (status in
  ('submitted', 'supplement_requested', 'accepted', 'suspended', 'escalated', 'concluded', 'delivered', 'closed', 'refused',
   'withdrawn', 'terminated', 'revoked'));
comment on column cases.status is 'terminated: 终止办理 on a false commitment while open; revoked: the decision 撤销 on a false commitment';

-- Public tracking lists the check's finding too: the applicant learns that the case ended and why (the
-- act only; the finding's text stays inside).
create or replace function case_track_stages(p_case_no text, p_check text)
returns table (act text, business_date date)
language sql stable security definer set search_path = public, pg_temp as $$
  select e.act, e.business_date
    from cases c join case_events e on e.case_id = c.id
   where c.case_no = p_case_no and length(p_check) = 4 and right(c.applicant_phone, 4) = p_check
     and (e.act in ('submit', 'request-supplement', 'supplement', 'accept', 'accept-pending', 'deem-accepted', 'suspend',
                    'resume', 'extend', 'escalate', 'county-result', 'conclude', 'settle-fee', 'deliver', 'close',
                    'refuse', 'withdraw')
          or (e.act = 'verify-commitment' and e.payload->>'outcome' = 'false'))
   order by e.seq
$$;
