import { Readable } from 'node:stream';
import { sendChange } from '../../kernel/change.ts';
import type { AppContext } from '../../kernel/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../kernel/route-kit.ts';
import { readInScope, requireStaff, scopeOf } from '../../kernel/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { contentOf } from './content.ts';
import { fileErrors } from './errors.ts';
import { EXTENSION_OF, MAX_FILE_BYTES } from './kinds.ts';
import { storedFileName } from './names.ts';
import { findFile } from './repo.ts';
import { FileView, UploadQuery } from './schemas.ts';
import { acceptUpload } from './service.ts';
import { discardUpload, registerUploadBody } from './upload-body.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';

export function fileRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    registerUploadBody(app);

    app.post(
      '/api/files',
      {
        schema: {
          tags: ['files'],
          summary: `上传材料文件（PDF、JPEG、PNG、OFD，≤ ${String(MAX_FILE_BYTES / 1024 / 1024)} MB，按内容识别类型）`,
          description:
            '请求体为文件原始字节；文件名放在查询参数 name。文件按内容解析检查（PDF 不得含脚本或嵌入文件，图片须能完整解码，OFD 压缩包逐项检查），保存的文件名去掉控制字符和方向控制符，扩展名取自识别出的类型。',
          querystring: UploadQuery,
          response: { 201: FileView, ...problemResponses },
        },
        // Refused before a byte is read: who may upload is known from the headers alone.
        onRequest: async (request, reply) => {
          requireStaff(request, ...rolesFor('file.upload'));
          reply.raw.once('close', () => void discardUpload(request));
        },
      },
      async (request, reply) => {
        const actor = requireStaff(request, ...rolesFor('file.upload'));
        try {
          sendChange(reply, await acceptUpload(ctx, request, actor, request.query.name));
        } finally {
          await discardUpload(request);
        }
      },
    );

    app.get(
      '/api/files/:id',
      { schema: { tags: ['files'], summary: '下载材料文件（作为附件）', params: IdParams } },
      async (request, reply) => {
        const actor = requireStaff(request);
        const file = await readInScope(ctx, actor, (tx) => findFile(tx, request.params.id));
        if (!file || !actor.scopeOrgIds.includes(file.orgId)) throw new DomainError(fileErrors.FILE_NOT_FOUND, '未找到该文件。');
        // Names stored before the names were cleaned are cleaned on the way out too.
        const name = storedFileName(file.name, file.mediaType);
        return reply
          .header('content-type', file.mediaType)
          .header('content-length', String(file.size))
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `attachment; filename="file.${EXTENSION_OF[file.mediaType]}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(Readable.from(contentOf(ctx.db, scopeOf(actor), file)));
      },
    );
  };
}
