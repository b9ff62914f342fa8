import { defineErrors } from '../../shared/errors.ts';

export const caseErrors = defineErrors({
  CASE_NOT_FOUND: { status: 404, title: '未找到该办件' },
  CASE_ACT_NOT_ALLOWED: { status: 422, title: '当前状态不能进行此操作' },
  CASE_INVALID: { status: 400, title: '办件信息有误' },
  CASE_ITEM_NOT_FOUND: { status: 404, title: '未找到该事项或事项未发布' },
  CASE_SUPPLEMENT_REPEATED: { status: 422, title: '不能重复告知已收取的材料' },
  CASE_PENDING_NOT_ALLOWED: { status: 422, title: '该材料不允许容缺受理' },
  CASE_EXTENSION_USED: { status: 422, title: '本办件已延期过一次' },
  CASE_EXTENSION_LATE: { status: 422, title: '办件已超期，不能延期' },
  CASE_TRACK_NOT_FOUND: { status: 404, title: '未查询到办件' },
  CASE_NOTICE_NOT_APPLICABLE: { status: 422, title: '该办件不适用此通知书' },
  CASE_COUNTY_STAGE: { status: 422, title: '县级办理环节不符' },
  CASE_FEE_DUE: { status: 422, title: '尚有费用未缴纳或减免' },
  CASE_FEE_NOT_DUE: { status: 422, title: '没有待缴的费用' },
  CASE_FEE_NOT_REFUNDABLE: { status: 422, title: '没有可退还的费用' },
  CASE_LIST_CURSOR_INVALID: { status: 400, title: '翻页位置无效' },
  CASE_MATERIAL_NOT_FOUND: { status: 404, title: '办件没有这项材料' },
  CASE_MATERIAL_NOT_RECEIVED: { status: 422, title: '材料尚未收取' },
  CASE_MATERIAL_CLOSED: { status: 422, title: '办件已终结' },
});
