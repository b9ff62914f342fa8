import { defineErrors } from '../../shared/errors.ts';

export const staffErrors = defineErrors({
  STAFF_NOT_FOUND: { status: 404, title: '未找到该工作人员' },
  STAFF_USERNAME_TAKEN: { status: 409, title: '用户名已被使用' },
  STAFF_INVALID: { status: 400, title: '工作人员信息有误' },
  STAFF_ROLE_NOT_ALLOWED: { status: 403, title: '无权授予该角色' },
  STAFF_SELF_ACTION: { status: 422, title: '不能对本人账户执行此操作' },
  STAFF_ABSENCE_OVERLAP: { status: 409, title: '与已登记的离岗时间重叠' },
  STAFF_ABSENCE_NOT_FOUND: { status: 404, title: '未找到该离岗记录' },
  STAFF_NOT_ABSENT: { status: 422, title: '该工作人员今天不在离岗期间' },
});
