import { defineErrors } from '../../shared/errors.ts';

/** 台帐 error codes, each with its HTTP status. */
export const reportErrors = defineErrors({
  REPORT_ORG_NOT_FOUND: { status: 404, title: '未找到该机构' },
  REPORT_RANGE_INVALID: { status: 400, title: '日期范围不正确' },
});
