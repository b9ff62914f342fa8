import { defineErrors } from '../../shared/errors.ts';

export const calendarErrors = defineErrors({
  CALENDAR_ORG_UNKNOWN: { status: 400, title: '未找到该区划代码对应的机构' },
  CALENDAR_ORG_NOT_FOUND: { status: 404, title: '未找到该组织机构' },
  CALENDAR_RANGE_INVALID: { status: 400, title: '日期范围有误' },
  CALENDAR_OVERRIDE_INVALID: { status: 400, title: '本地日历设置有误' },
  CALENDAR_OVERRIDE_EXISTS: { status: 409, title: '该日期已有本地设置' },
  CALENDAR_OVERRIDE_NOT_FOUND: { status: 404, title: '未找到该本地日历设置' },
  CALENDAR_YEAR_INVALID: { status: 400, title: '全国节假日数据有误' },
  CALENDAR_YEAR_IN_PACKAGE: { status: 409, title: '该年度已有全国节假日数据' },
});
