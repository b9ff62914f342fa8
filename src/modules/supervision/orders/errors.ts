import { defineErrors } from '../../../shared/errors.ts';

/** 督办单 error codes, each with its HTTP status. */
export const orderErrors = defineErrors({
  ORDER_NOT_FOUND: { status: 404, title: '未找到该督办单' },
  ORDER_TARGET_NOT_FOUND: { status: 404, title: '未找到要督办的办件或步骤' },
  ORDER_TARGET_NOT_LATE: { status: 422, title: '只有黄牌、红牌的办件或步骤才能督办' },
  ORDER_TARGET_UNSUPPORTED: { status: 422, title: '暂不支持督办该类对象' },
  ORDER_ADDRESSEE_INVALID: { status: 422, title: '督办对象不正确' },
  ORDER_DUE_INVALID: { status: 422, title: '督办期限不正确' },
  ORDER_ACT_REFUSED: { status: 422, title: '督办单当前状态不允许此操作' },
  ORDER_NOT_OWNER: { status: 403, title: '只有督办对象或其中心主任可以回告' },
});
