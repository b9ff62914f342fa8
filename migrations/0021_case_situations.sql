-- 办理情形: which of the item guide's situations the clerk or agent ticked at intake. Materials that
-- apply only to situations not chosen are not required of the applicant (issue 11 item 1).

alter table cases add column situations text[] not null default '{}';
comment on column cases.situations is '办理情形 chosen at intake (names as the guide published them); empty: none chosen';

-- The catalog's search key holds an item's code as a query is normalised (ZJD-001 → zjd001), so a
-- clerk typing the code in the intake picker finds it; published keys written before are brought in line.
update catalog_item_versions
   set search_key = replace(search_key, lower(code), regexp_replace(lower(code), '[^a-z0-9]', '', 'g'))
 where lower(code) <> regexp_replace(lower(code), '[^a-z0-9]', '', 'g');

-- A village agent ticks them at registration; the township's window opens the case with them.
alter table agency_requests add column situations text[] not null default '{}';
comment on column agency_requests.situations is '办理情形 the agent ticked at registration (the guide''s names); carried to the case';
