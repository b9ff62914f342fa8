-- 办理情形: which of the item guide's situations the clerk or agent ticked at intake. Materials that
-- apply only to situations not chosen are not required of the applicant (issue 11 item 1).

alter table cases add column situations text[] not null default '{}';
comment on column cases.situations is '办理情形 chosen at intake (names as the guide published them); empty: none chosen';

-- A village agent ticks them at registration; the township's window opens the case with them.
alter table agency_requests add column situations text[] not null default '{}';
comment on column agency_requests.situations is '办理情形 the agent ticked at registration (the guide''s names); carried to the case';
