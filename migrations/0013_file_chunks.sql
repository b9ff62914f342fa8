-- R8 and P11: an upload's bytes are stored as chunks of at most 64 KiB, each written by its own short
-- statement before the change's transaction (docs/adr, file content in chunks); the metadata row in
-- `files` only refers to content that is complete. Content is addressed by (org, SHA-256 of the file):
-- the same bytes uploaded twice in one org are stored once, and no tenant's content is shared.

create table file_chunks (
  org_id uuid not null references orgs (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  seq integer not null check (seq >= 0),
  data bytea not null check (length(data) between 1 and 65536),
  written_at timestamptz not null,
  primary key (org_id, sha256, seq)
);
comment on table file_chunks is
  'The bytes of uploaded files, in order (seq), ≤ 64 KiB a row so that no statement moves much; rows without a file_contents row older than a day are removed by the orphan job.';
comment on column file_chunks.written_at is 'Last written or reused by an upload: the orphan job spares chunks an upload may be about to complete.';

-- Written after every chunk, in one statement that checks they are all there: a row here means the
-- content is complete. `files` refers to it, so no metadata row exists without all of its bytes.
create table file_contents (
  org_id uuid not null references orgs (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size integer not null check (size > 0),
  chunk_count integer not null check (chunk_count = (size + 65535) / 65536),
  stored_at timestamptz not null,
  primary key (org_id, sha256)
);
comment on table file_contents is 'Complete content: every chunk 0 … chunk_count − 1 of file_chunks is present and their lengths add up to size.';
comment on column file_contents.stored_at is 'Last stored or reused by an upload: content no file refers to is removed a day after this.';

alter table files alter column content drop not null;
alter table files add column content_sha256 text;
alter table files add constraint files_content_complete foreign key (org_id, content_sha256) references file_contents (org_id, sha256);
alter table files add constraint files_content_is_own check (content_sha256 = sha256);
comment on column files.content is 'Before migration 0013 the bytes were kept here; 0013 moved them to file_chunks. NULL for every row since.';
comment on column files.content_sha256 is 'The complete content (file_contents) this file''s bytes are read from.';
comment on table files is 'Uploaded files: metadata, content in file_contents/file_chunks (R8)';

grant select, insert on file_chunks, file_contents to yizhan_app;
grant update (written_at) on file_chunks to yizhan_app;
grant update (stored_at) on file_contents to yizhan_app;

alter table file_chunks enable row level security;
alter table file_contents enable row level security;
create policy file_chunks_scoped on file_chunks using (org_id = any (yizhan_scope()));
create policy file_contents_scoped on file_contents using (org_id = any (yizhan_scope()));

-- Files stored before this migration move into chunks, one file at a time. `|| ''::bytea` makes one
-- plain copy of the value, so the slices are cut from memory instead of decompressing the stored
-- value again for every slice.
do $$
declare
  f record;
  whole bytea;
  n integer;
begin
  for f in select id, org_id, sha256, size, created_at from files where content is not null and content_sha256 is null loop
    select content || ''::bytea into whole from files where id = f.id;
    n := (length(whole) + 65535) / 65536;
    insert into file_chunks (org_id, sha256, seq, data, written_at)
      select f.org_id, f.sha256, s, substring(whole from s * 65536 + 1 for 65536), f.created_at
        from generate_series(0, n - 1) as s
      on conflict do nothing;
    insert into file_contents (org_id, sha256, size, chunk_count, stored_at)
      values (f.org_id, f.sha256, length(whole), n, f.created_at)
      on conflict do nothing;
    update files set content_sha256 = sha256, content = null, size = length(whole) where id = f.id;
  end loop;
end
$$;
alter table files alter column content_sha256 set not null;
alter table files add constraint files_content_moved check (content is null);

create index file_chunks_orphans on file_chunks (written_at);
create index file_contents_orphans on file_contents (stored_at);
create index files_content on files (org_id, content_sha256);
