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

-- Lists say the promised time the way the guide does (20 个工作日 / 自然日): public search returns the
-- item's 时限计算方式 too. Same body as 0003 with day_kind added to the row.
drop function catalog_search_published(uuid, text, text, text, text, text, integer);
create function catalog_search_published(
  p_org_id uuid, p_department text, p_audience text, p_event text, p_mode text, p_text text, p_limit integer
) returns table (code text, name text, handling text, item_type text, department text, audience text[],
                 promised_days integer, legal_days integer, agentable boolean, online boolean, max_visits integer, day_kind text)
language plpgsql stable security definer set search_path = public, pg_temp set random_page_cost = 1.1 set enable_seqscan = off as $$
declare
  v_match text := case p_mode
    when 'trigram' then 'and v.search_key like ''%'' || $5 || ''%'''
    when 'gram' then 'and v.search_grams like ''% '' || $5 || '' %'''
    else '' end;
  v_order text := case when p_mode in ('trigram', 'gram') then '(position($5 in lower(v.name)) = 0), length(v.name), v.code'
    else 'v.department, v.code' end;
begin
  return query execute format(
    'select v.code, v.name, v.handling, v.item_type, v.department, v.audience, v.promised_days, v.legal_days,
            v.agentable, v.online, v.max_visits, coalesce(v.content->>''dayKind'', ''working'')
       from catalog_item_versions v
      where v.status = ''published'' and v.org_id = $1
        and ($2::text is null or v.department = $2)
        and ($3::text is null or $3 = any (v.audience))
        and ($4::text is null or $4 = any (v.life_events))
        %s
      order by %s limit $6', v_match, v_order)
    using p_org_id, p_department, p_audience, p_event, p_text, least(greatest(p_limit, 1), 200);
end $$;
revoke all on function catalog_search_published(uuid, text, text, text, text, text, integer) from public;
grant execute on function catalog_search_published(uuid, text, text, text, text, text, integer) to yizhan_app;
