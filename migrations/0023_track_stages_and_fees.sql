-- 办件查询, more of it (issue 11 item 2 and round one's open points): the public sees the stages of its
-- case with their business dates, and the fees it owes or paid. Like case_track, these functions are the
-- only way in for a caller without sign-in, and answer only when the last four phone digits match.

-- Stages: the acts a citizen may know of (never who did them, nor reasons or payloads), in order.
create function case_track_stages(p_case_no text, p_check text)
returns table (act text, business_date date)
language sql stable security definer set search_path = public, pg_temp as $$
  select e.act, e.business_date
    from cases c join case_events e on e.case_id = c.id
   where c.case_no = p_case_no and length(p_check) = 4 and right(c.applicant_phone, 4) = p_check
     and e.act in ('submit', 'request-supplement', 'supplement', 'accept', 'accept-pending', 'deem-accepted', 'suspend',
                   'resume', 'extend', 'escalate', 'county-result', 'conclude', 'settle-fee', 'deliver', 'close',
                   'refuse', 'withdraw')
   order by e.seq
$$;
revoke all on function case_track_stages(text, text) from public;
grant execute on function case_track_stages(text, text) to yizhan_app;

-- Fees: the lines copied at intake and the case's fee status (none when the item charges nothing).
create function case_track_fees(p_case_no text, p_check text)
returns table (name text, amount_fen integer, fee_status text)
language sql stable security definer set search_path = public, pg_temp as $$
  select f.name, f.amount_fen, c.fee_status
    from cases c join case_fees f on f.case_id = c.id
   where c.case_no = p_case_no and length(p_check) = 4 and right(c.applicant_phone, 4) = p_check
   order by f.position
$$;
revoke all on function case_track_fees(text, text) from public;
grant execute on function case_track_fees(text, text) to yizhan_app;

-- 退费 (round one's open point): a fee paid in error is refunded against a refund voucher (退付凭证号) for
-- a stated reason; the payment (票据号, time) stays on the case, and the refund is an event of its own.
alter table cases drop constraint cases_fee_status_check;
alter table cases add constraint cases_fee_status_check check (fee_status in ('none', 'due', 'paid', 'waived', 'refunded'));
alter table cases add column fee_refund_no text check (fee_refund_no ~ '^[A-Za-z0-9-]{1,40}$');
alter table cases add column fee_refund_reason text check (length(fee_refund_reason) between 1 and 500);
alter table cases add column fee_refunded_at timestamptz;
alter table cases drop constraint cases_fee_settlement;
alter table cases add constraint cases_fee_settlement check (
  case fee_status
    when 'paid' then fee_receipt_no is not null and fee_settled_at is not null and fee_waiver_reason is null
                     and fee_refunded_at is null
    when 'refunded' then fee_receipt_no is not null and fee_settled_at is not null and fee_waiver_reason is null
                     and fee_refund_no is not null and fee_refund_reason is not null and fee_refunded_at is not null
    when 'waived' then fee_waiver_reason is not null and fee_settled_at is not null and fee_receipt_no is null
                     and fee_refunded_at is null
    else fee_receipt_no is null and fee_waiver_reason is null and fee_settled_at is null and fee_refunded_at is null
  end
);
comment on column cases.fee_refund_no is '退付凭证号: the voucher of the refund of a fee paid in error';
comment on column cases.fee_refund_reason is '退费原因: why the fee paid is given back (paid in error, twice, or for a decision not made)';
comment on column cases.fee_refunded_at is '退费时间';
