-- Service-item catalog (事项目录) and public service guide (办事指南·八公开).
-- An item is a stable identity (catalog_items); its content lives in numbered versions
-- (catalog_item_versions) that are never deleted: a case keeps the version it was accepted under.
-- The county keeps the base catalog (基本目录, tier 'base'); a township's implementation list
-- (实施清单, tier 'local') derives from a base item at a given version.

create extension if not exists pg_trgm;

create table catalog_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'),
  tier text not null check (tier in ('base', 'local')),
  base_item_id uuid references catalog_items (id),
  base_version integer,
  name text not null check (length(name) between 2 and 120),
  status text not null default 'draft' check (status in ('draft', 'published', 'unpublished')),
  draft_version integer check (draft_version >= 1),
  published_version integer check (published_version >= 1),
  latest_version integer not null default 1 check (latest_version >= 1),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code),
  check ((base_item_id is null) = (base_version is null)),
  check (tier = 'local' or base_item_id is null),
  check ((status = 'published') = (published_version is not null))
);
comment on column catalog_items.code is '事项编码: the same code in the county base catalog and every township implementation list';
comment on column catalog_items.tier is 'base = 县级基本目录; local = 乡镇实施清单 (derives from base_item_id at base_version)';
comment on column catalog_items.version is 'optimistic-concurrency version of this row (R3), not the content version';
create index catalog_items_base on catalog_items (base_item_id) where base_item_id is not null;

create table catalog_item_versions (
  item_id uuid not null references catalog_items (id),
  version integer not null check (version >= 1),
  org_id uuid not null references orgs (id),
  status text not null check (status in ('draft', 'published', 'superseded', 'unpublished')),
  content jsonb not null,
  code text not null,
  name text not null,
  item_type text not null,
  audience text[] not null,
  department text not null,
  handling text not null check (handling in ('immediate', 'promised', 'joint', 'escalated', 'reply')),
  legal_days integer not null check (legal_days between 0 and 365),
  promised_days integer not null check (promised_days between 0 and 365),
  life_events text[] not null default '{}',
  agentable boolean not null default false,
  online boolean not null default false,
  max_visits integer not null default 1 check (max_visits between 0 and 5),
  search_key text not null,
  search_grams text not null,
  created_by uuid,
  created_at timestamptz not null,
  published_at timestamptz,
  primary key (item_id, version),
  check (promised_days <= legal_days)
);
comment on column catalog_item_versions.content is 'the whole guide (八公开) as validated by src/modules/catalog/schemas.ts ItemContent';
comment on column catalog_item_versions.legal_days is '法定时限 (working days unless content.dayKind = calendar)';
comment on column catalog_item_versions.promised_days is '承诺时限: never longer than the legal limit';
comment on column catalog_item_versions.search_key is 'name + full pinyin + pinyin initials + code, lower case: pg_trgm substring search';
comment on column catalog_item_versions.agentable is '可由村代办员代办; with online and max_visits copied out of content so a result list never reads the jsonb';
comment on column catalog_item_versions.search_grams is 'every 1- and 2-character gram of the search key, space-separated and padded: queries too short for trigrams match '' xy '' here';
-- At most one draft and one published version per item.
create unique index catalog_item_versions_one_draft on catalog_item_versions (item_id) where status = 'draft';
create unique index catalog_item_versions_one_published on catalog_item_versions (item_id) where status = 'published';
-- Public search: only published rows are indexed.
create index catalog_published_org on catalog_item_versions (org_id, department) where status = 'published';
create index catalog_published_trgm on catalog_item_versions using gin (search_key gin_trgm_ops) where status = 'published';
create index catalog_published_grams on catalog_item_versions using gin (search_grams gin_trgm_ops) where status = 'published';

-- 一件事一次办: items one life event needs, published by the county.
create table catalog_bundles (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'),
  name text not null check (length(name) between 2 and 60),
  description text not null default '',
  audience text not null default 'personal' check (audience in ('personal', 'legal')),
  item_codes text[] not null check (cardinality(item_codes) between 1 and 30),
  status text not null default 'published' check (status in ('draft', 'published')),
  sort integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (org_id, code)
);

grant select, insert, update on catalog_items, catalog_item_versions, catalog_bundles to yizhan_app;

alter table catalog_items enable row level security;
alter table catalog_item_versions enable row level security;
alter table catalog_bundles enable row level security;

-- Published guides are public (八公开); drafts, history and every write stay in the caller's scope.
create policy catalog_items_read on catalog_items for select using (status = 'published' or org_id = any (yizhan_scope()));
create policy catalog_items_insert on catalog_items for insert with check (org_id = any (yizhan_scope()));
create policy catalog_items_update on catalog_items for update using (org_id = any (yizhan_scope()));
create policy catalog_versions_read on catalog_item_versions for select using (status = 'published' or org_id = any (yizhan_scope()));
create policy catalog_versions_insert on catalog_item_versions for insert with check (org_id = any (yizhan_scope()));
create policy catalog_versions_update on catalog_item_versions for update using (org_id = any (yizhan_scope()));
create policy catalog_bundles_read on catalog_bundles for select using (status = 'published' or org_id = any (yizhan_scope()));
create policy catalog_bundles_insert on catalog_bundles for insert with check (org_id = any (yizhan_scope()));
create policy catalog_bundles_update on catalog_bundles for update using (org_id = any (yizhan_scope()));

-- A case keeps the version it was accepted under, even after that version is superseded: the
-- case workflow reads any version of an item published in (or above) the caller's scope.
create function catalog_item_version(p_item_id uuid, p_version integer)
returns table (item_id uuid, version integer, org_id uuid, status text, content jsonb, created_at timestamptz, published_at timestamptz)
language sql stable security definer set search_path = public, pg_temp as $$
  select v.item_id, v.version, v.org_id, v.status, v.content, v.created_at, v.published_at
    from catalog_item_versions v
   where v.item_id = p_item_id and v.version = p_version
     and (v.org_id = any (yizhan_scope()) or v.status in ('published', 'superseded', 'unpublished'))
$$;
revoke all on function catalog_item_version(uuid, integer) from public;
grant execute on function catalog_item_version(uuid, integer) to yizhan_app;

-- Public search over published items. Row-level security would evaluate its own condition on every
-- row before a non-leakproof LIKE could use an index, so search runs as the owner and admits only
-- published rows itself. Dynamic SQL is planned with the actual pattern (so the trigram and gram
-- indexes are usable); search rows are small and hot, hence random_page_cost for SSD/memory, and a
-- sequential scan is never wanted here: the table holds every version of every org's items.
create function catalog_search_published(
  p_org_id uuid, p_department text, p_audience text, p_event text, p_mode text, p_text text, p_limit integer
) returns table (code text, name text, handling text, item_type text, department text, audience text[],
                 promised_days integer, legal_days integer, agentable boolean, online boolean, max_visits integer)
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
            v.agentable, v.online, v.max_visits
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
