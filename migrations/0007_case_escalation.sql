-- 上报件 (escalated handling): a township pre-reviews and forwards a case to the county, which
-- accepts it and decides. 行政许可法 第43条: the lower level finishes its pre-review within 20
-- working days of acceptance. The details of forwarding, the county's acceptance and its result
-- live in the case's events; the projection keeps what the clock and the acts need.

alter table cases add column pre_review_due_on date;
alter table cases add column county_due_on date;
alter table cases add column county_result text check (county_result in ('granted', 'denied'));
comment on column cases.pre_review_due_on is '下级初审期限 (行政许可法第43条): the township must forward an escalated item within 20 working days of acceptance (or its promised days, if fewer); the stage due while the case is accepted';
comment on column cases.county_due_on is '县级办理期限 as the county told it on acceptance; the stage due while the case is escalated (graded, but not held against township staff)';
comment on column cases.county_result is '县级审批结果: the township''s conclusion must agree with it';
