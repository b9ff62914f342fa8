-- 时限计算方式: most items count working days (行政许可法 第82条); some count natural days
-- (自然日, e.g. 人民调解). The case keeps how its item counted when it was opened.

alter table cases add column day_kind text not null default 'working' check (day_kind in ('working', 'calendar'));
comment on column cases.day_kind is '时限计算方式 of the item version the case was opened under: working (工作日) or calendar (自然日; a limit ending on a rest day ends on the next working day)';
