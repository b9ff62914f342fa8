import { defineErrors } from '../../shared/errors.ts';

/** 好差评与差评整改的拒绝理由 (status per code; a new code without a status does not compile). */
export const ratingErrors = defineErrors({
  RATING_CASE_NOT_FOUND: { status: 404, title: '未查询到该办件' },
  RATING_NOT_YET: { status: 409, title: '办件尚未办结，暂不能评价' },
  RATING_DUPLICATE: { status: 409, title: '该办件已经评价过了' },
  RATING_INVALID: { status: 400, title: '评价内容有误' },
  RATING_NOT_FOUND: { status: 404, title: '未找到该评价' },
  RATING_ORG_NOT_FOUND: { status: 404, title: '未找到该服务中心' },
  RECTIFICATION_NOT_FOUND: { status: 404, title: '未找到该整改事项' },
  RECTIFICATION_ACT_REFUSED: { status: 409, title: '整改事项当前环节不允许此操作' },
  RECTIFICATION_ACT_INVALID: { status: 400, title: '整改操作内容有误' },
});
