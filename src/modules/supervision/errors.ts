import { defineErrors } from '../../shared/errors.ts';

export const supervisionErrors = defineErrors({
  SUPERVISION_ORG_NOT_FOUND: { status: 404, title: '未找到该机构' },
  SUPERVISION_ORG_INVALID: { status: 400, title: '该机构不是服务中心' },
});
