import { defineErrors } from '../../shared/errors.ts';

export const fileErrors = defineErrors({
  FILE_EMPTY: { status: 400, title: '文件为空' },
  FILE_TYPE_REFUSED: { status: 415, title: '不支持的文件类型' },
  FILE_NOT_FOUND: { status: 404, title: '未找到该文件' },
});
