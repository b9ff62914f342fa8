-- 办件列表 at volume (issue 11): keyset pagination over an index per filter path, search by case number,
-- applicant name and the last 4 digits of the ID number or phone, and the counts of the home page's to-do.
-- Every list index leads with org_id: the list reads each org of the caller's scope as
-- its own ordered range and merges the first rows of each, so its cost does not grow with history.

-- Sort key of "due soonest first": cases whose clock runs (the open statuses) before finished ones, then the
-- due date of the stage (a received case's decision date until it is accepted; none sorts last), then id.
-- Last 4 digits of the ID number and phone: already stored in plain text inside the full values (and shown
-- on every masked screen); these columns only make them searchable under row-level security, where an
-- expression such as right(...) is not leakproof and could not use an index. One rewrite for all four.
alter table cases
  add column list_done boolean generated always as
    (status not in ('submitted', 'supplement_requested', 'accepted', 'suspended', 'escalated')) stored,
  add column list_due date generated always as (coalesce(due_on, decision_due_on, 'infinity'::date)) stored,
  add column applicant_id_last4 text generated always as (right(applicant_id_number, 4)) stored,
  add column applicant_phone_last4 text generated always as (right(applicant_phone, 4)) stored;
comment on column cases.list_done is '办件列表: true once the case no longer runs a clock (办结、送达、归档、不予受理、撤回); open cases list first';
comment on column cases.list_due is '办件列表: the due date a list sorts by — due_on, else the decision deadline of a received case, else infinity';
comment on column cases.applicant_id_last4 is '证件号码后 4 位 (derived from applicant_id_number, for search; R10 masks show the same digits)';
comment on column cases.applicant_phone_last4 is '手机号后 4 位 (derived from applicant_phone, for search; R10 masks show the same digits)';

-- The default order and the status groups (open / finished), per org.
create index cases_list_due on cases (org_id, list_done, list_due, id);
-- Newest first, and a received-date range.
create index cases_list_received on cases (org_id, received_at, id);
-- One index per filter path, each ordered like the list so a page stops after its rows.
create index cases_list_status on cases (org_id, status, list_done, list_due, id);
create index cases_list_item on cases (org_id, item_code, list_done, list_due, id);
create index cases_list_channel on cases (org_id, channel, list_done, list_due, id);
create index cases_list_handling on cases (org_id, handling, list_done, list_due, id);
-- 电子监察: only warned cases (a small set: the warning job clears a grade when the clock stops).
create index cases_list_warning on cases (org_id, warning, list_done, list_due, id) where warning <> 'none';
-- 经办人 and "my queue" (AB岗 included: a colleague's open cases are the list_done = false range).
create index cases_list_holder on cases (org_id, assignee_id, list_done, list_due, id);
-- Search: the case number exactly or by prefix, the applicant's name, the last 4 digits. "C" collation:
-- a prefix is a byte range whatever the database's locale.
create index cases_search_no on cases (org_id, case_no collate "C");
create index cases_search_name on cases (org_id, applicant_name collate "C");
create index cases_search_id_last4 on cases (org_id, applicant_id_last4);
create index cases_search_phone_last4 on cases (org_id, applicant_phone_last4);

-- Replaced by cases_list_status and cases_list_holder (same leading columns, ordered like the list).
drop index cases_org_status_due;
drop index cases_assignee;

-- 代办: folders forwarded by village agents that the township has not received yet (the to-do's section).
create index agency_requests_to_receive on agency_requests (township_id, next_due_on) where status = 'forwarded';
