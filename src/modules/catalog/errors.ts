import { defineErrors } from '../../shared/errors.ts';

export const catalogErrors = defineErrors({
  ITEM_NOT_FOUND: { status: 404, title: '未找到该事项' },
  ITEM_INVALID: { status: 422, title: '事项内容不符合要求' },
  ITEM_CODE_TAKEN: { status: 409, title: '事项编码已被使用' },
  ITEM_STATE: { status: 409, title: '事项当前状态不允许此操作' },
  ORG_NOT_FOUND: { status: 404, title: '未找到该机构' },
  BUNDLE_NOT_FOUND: { status: 404, title: '未找到该“一件事”' },
  IMPORT_REFUSED: { status: 422, title: '导入被拒绝，未作任何修改' },
  SYNONYM_INVALID: { status: 422, title: '同义词不符合要求' },
  SYNONYM_TAKEN: { status: 409, title: '该同义词已存在' },
  SYNONYM_NOT_FOUND: { status: 404, title: '未找到该同义词' },
});
