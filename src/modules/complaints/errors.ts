import { defineErrors } from '../../shared/errors.ts';

/** 投诉·举报 refusals; the status of each code is part of its definition (a code cannot lack one). */
export const complaintErrors = defineErrors({
  COMPLAINT_NOT_FOUND: { status: 404, title: '未找到该投诉' },
  COMPLAINT_ORG_NOT_FOUND: { status: 404, title: '未找到该服务中心' },
  COMPLAINT_INVALID: { status: 400, title: '投诉信息有误' },
  COMPLAINT_ACT_NOT_ALLOWED: { status: 409, title: '投诉当前阶段不允许此操作' },
  COMPLAINT_STAFF_NOT_FOUND: { status: 404, title: '未找到该工作人员' },
  COMPLAINT_RATING_CLOSED: { status: 409, title: '该投诉当前不能评价' },
});
