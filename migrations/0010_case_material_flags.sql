-- The flags of each material as the item published them when the case was opened, and how a
-- material was received: 容缺受理 (may follow later) and 证明事项告知承诺制 (the applicant's signed
-- commitment stands in for a proof, verified afterwards).

alter table case_materials add column pending_allowed boolean not null default false;
alter table case_materials add column commitment_allowed boolean not null default false;
alter table case_materials add column by_commitment boolean not null default false;
alter table case_materials add constraint case_materials_commitment_allowed check (not by_commitment or (commitment_allowed and received));
comment on column case_materials.pending_allowed is '容缺: the item allows accepting the case before this material arrives (copied at intake)';
comment on column case_materials.commitment_allowed is '告知承诺: the item allows a signed commitment in place of this proof (copied at intake)';
comment on column case_materials.by_commitment is 'received as the applicant''s signed commitment (告知承诺书) rather than the proof itself; to be verified afterwards';
