-- 事项同义词 (issue 15): the short and common names people type (低保, 医保, 五保, 残疾证) mapped to the words
-- item names use (最低生活保障, 医疗保险, 特困人员, 残疾人证). One list per county, edited by the county and
-- used by every search of its centers: the portal, the console's pickers and the village agent's app.

create table catalog_synonyms (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs (id),
  term text not null check (term ~ '^[\u4e00-\u9fffa-z0-9]{1,20}$'),
  expansion text not null check (expansion ~ '^[\u4e00-\u9fffa-z0-9]{2,40}$'),
  created_by text not null,
  created_at timestamptz not null,
  unique (org_id, term, expansion),
  check (term <> expansion)
);
comment on table catalog_synonyms is '事项同义词: a term people type and the words an item name uses for it; one list per county';
comment on column catalog_synonyms.term is 'as a search query is normalised: Han characters, a–z, 0–9';
create index catalog_synonyms_org on catalog_synonyms (org_id, term);

grant select, insert, delete on catalog_synonyms to yizhan_app;
alter table catalog_synonyms enable row level security;
-- The list is public (it only widens searches of published guides); the county edits its own.
create policy catalog_synonyms_read on catalog_synonyms for select using (true);
create policy catalog_synonyms_insert on catalog_synonyms for insert with check (org_id = any (yizhan_scope()));
create policy catalog_synonyms_delete on catalog_synonyms for delete using (org_id = any (yizhan_scope()));
