import { defineErrors } from '../../shared/errors.ts';

export const orgErrors = defineErrors({
  ORG_NOT_FOUND: { status: 404, title: '未找到该组织机构' },
  ORG_INVALID: { status: 400, title: '组织机构信息有误' },
  ORG_CODE_TAKEN: { status: 409, title: '区划代码已被使用' },
  DEPARTMENT_NOT_FOUND: { status: 404, title: '未找到该部门站所' },
  DEPARTMENT_NAME_TAKEN: { status: 409, title: '同一机构下已有同名部门' },
  WINDOW_NOT_FOUND: { status: 404, title: '未找到该窗口' },
  WINDOW_NUMBER_TAKEN: { status: 409, title: '同一机构下已有该窗口号' },
  WINDOW_INVALID: { status: 400, title: '窗口信息有误' },
});
