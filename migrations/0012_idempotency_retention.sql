-- R10 and R2: idempotency records are kept for a documented period (YIZHAN_IDEMPOTENCY_DAYS; docs/adr, idempotency record retention),
-- and a change whose answer discloses personal data (an audited reveal) keeps no answer at all.
alter table idempotency_keys alter column response drop not null;

comment on column idempotency_keys.response is
  'The answer replayed for the same key. NULL for a change whose answer discloses personal data: it is run (and audited) again on replay.';
comment on table idempotency_keys is
  'R2: one record per (principal, key) so a retried change applies once; deleted after the retention period (docs/adr, idempotency record retention).';

create index idempotency_keys_created on idempotency_keys (created_at);

-- Answers of reveals stored before this migration: an object holding exactly the full ID number and phone.
update idempotency_keys set response = null
 where case when jsonb_typeof(response) = 'object'
             then response ?& array['idNumber', 'phone'] and (select count(*) from jsonb_object_keys(response)) = 2
             else false end;
