import { createHash } from 'node:crypto';
import { z } from 'zod';
import { runChange, sendChange } from '../../server/change.ts';
import type { AppContext } from '../../server/context.ts';
import { IdParams, problemResponses, type RoutesPlugin } from '../../server/route-kit.ts';
import { readInScope, requireStaff } from '../../server/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { fileErrors } from './errors.ts';
import { findFile, storeFile } from './repo.ts';
import { MAX_FILE_BYTES, sniffMediaType } from './sniff.ts';

const FileView = z.object({ id: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string(), name: z.string() });
const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd', 'application/octet-stream'];

export function fileRoutes(ctx: AppContext): RoutesPlugin {
  return async (app) => {
    app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => {
      done(null, body);
    });

    app.post(
      '/api/files',
      {
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags: ['files'],
          summary: '上传材料文件（PDF、JPEG、PNG、OFD，≤ 10 MB，按内容识别类型）',
          description: '请求体为文件原始字节；文件名放在查询参数 name。',
          querystring: z.strictObject({ name: z.string().trim().min(1, '请提供文件名').max(120) }),
          response: { 201: FileView, ...problemResponses },
        },
      },
      async (request, reply) => {
        requireStaff(request, 'window_staff', 'director', 'reviewer', 'county_admin', 'agent');
        const content = request.body;
        if (!Buffer.isBuffer(content) || content.length === 0) throw new DomainError(fileErrors.FILE_EMPTY, '上传的文件是空的。');
        const mediaType = sniffMediaType(content);
        if (!mediaType) throw new DomainError(fileErrors.FILE_TYPE_REFUSED, '只接受 PDF、JPEG、PNG 或 OFD 文件；文件内容与这些格式都不符。');
        const sha256 = createHash('sha256').update(content).digest('hex');
        const result = await runChange(ctx, request, async (tx, actor, now) => {
          const stored = await storeFile(tx, { orgId: actor.orgId, sha256, mediaType, content, name: request.query.name, uploadedBy: actor.staffId }, now);
          const { orgId: _orgId, ...view } = stored;
          return {
            status: 201,
            body: view,
            audit: { action: 'file.upload', targetType: 'file', targetId: stored.id, orgId: actor.orgId, summary: { mediaType, size: content.length, sha256 } },
          };
        });
        sendChange(reply, result);
      },
    );

    app.get(
      '/api/files/:id',
      { schema: { tags: ['files'], summary: '下载材料文件（作为附件）', params: IdParams } },
      async (request, reply) => {
        const actor = requireStaff(request);
        const file = await readInScope(ctx, actor, (tx) => findFile(tx, request.params.id));
        if (!file || !actor.scopeOrgIds.includes(file.orgId)) throw new DomainError(fileErrors.FILE_NOT_FOUND, '未找到该文件。');
        return reply
          .header('content-type', file.mediaType)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .send(Buffer.from(file.content));
      },
    );
  };
}
