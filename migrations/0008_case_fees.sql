-- 收费 (case fees): the fees of the item, copied when the case is opened (from the item version the case
-- is opened under, so a later change of the published fee does not change what this applicant owes),
-- and the settlement on the case: paid against a receipt (票据号) or waived on a stated basis (减免依据).
-- Money is stored as integer fen (分), never as a float.

create table case_fees (
  case_id uuid not null references cases (id),
  position integer not null,
  org_id uuid not null references orgs (id),
  name text not null check (length(name) between 1 and 80),
  amount_fen integer not null check (amount_fen >= 0),
  primary key (case_id, position)
);
comment on table case_fees is '收费项目: the fees of the item at the version the case was opened under, copied at intake';
comment on column case_fees.amount_fen is '收费金额（分）: integer fen; the catalog publishes yuan, converted once at intake';

alter table cases add column fee_status text not null default 'none' check (fee_status in ('none', 'due', 'paid', 'waived'));
alter table cases add column fee_receipt_no text check (fee_receipt_no ~ '^[A-Za-z0-9-]{1,40}$');
alter table cases add column fee_settled_at timestamptz;
alter table cases add column fee_waiver_reason text check (length(fee_waiver_reason) between 1 and 500);
alter table cases add constraint cases_fee_settlement check (
  case fee_status
    when 'paid' then fee_receipt_no is not null and fee_settled_at is not null and fee_waiver_reason is null
    when 'waived' then fee_waiver_reason is not null and fee_settled_at is not null and fee_receipt_no is null
    else fee_receipt_no is null and fee_waiver_reason is null and fee_settled_at is null
  end
);
comment on column cases.fee_status is '收费状态: none 不收费或不再应收（不予许可、不予受理、撤回） · due 待缴 · paid 已缴 · waived 已减免; 送达 is refused while due';
comment on column cases.fee_receipt_no is '票据号: the number of the receipt (财政票据) issued for the payment';
comment on column cases.fee_settled_at is '缴费或减免的时间';
comment on column cases.fee_waiver_reason is '减免依据: the legal or policy basis on which the fee was waived';

grant select, insert on case_fees to yizhan_app;
alter table case_fees enable row level security;
create policy case_fees_scoped on case_fees using (org_id = any (yizhan_scope()));
