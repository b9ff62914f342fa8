import { defineErrors } from '../../shared/errors.ts';

export const fileErrors = defineErrors({
  FILE_EMPTY: { status: 400, title: '文件为空' },
  FILE_UPLOAD_INCOMPLETE: { status: 400, title: '文件上传未完成' },
  FILE_TOO_LARGE: { status: 413, title: '文件过大' },
  FILE_TYPE_REFUSED: { status: 415, title: '不支持的文件类型' },
  FILE_CONTENT_REFUSED: { status: 415, title: '文件内容不安全或已损坏' },
  FILE_NOT_FOUND: { status: 404, title: '未找到该文件' },
});
