-- 延期申请 (issue 11 item 4, 行政许可法 第四十二条): the window clerk asks for an extension with a reason and
-- a number of working days; the center's director approves or refuses it. The request stands on the case
-- until decided (one at a time; the decision and the request are both events of the case's history).
alter table cases
  add column extension_requested_at timestamptz,
  add column extension_requested_days integer check (extension_requested_days between 1 and 15),
  add column extension_request_reason text,
  add column extension_requested_by text;
comment on column cases.extension_requested_at is '延期申请: when the clerk asked for the extension now awaiting the director (null: none pending)';
comment on column cases.extension_requested_days is '延期申请: working days asked for (at most 10, 15 for a joint case; 第四十二条)';
comment on column cases.extension_request_reason is '延期申请: the reason given by the clerk';
comment on column cases.extension_requested_by is '延期申请: name of the clerk who asked';

-- 待办 of a director: the pending requests of each org, due soonest first (a small set, hence partial).
create index cases_extension_requests on cases (org_id, list_done, list_due, id) where extension_requested_at is not null;
