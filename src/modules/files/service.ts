import type { FastifyRequest } from 'fastify';
import { runChange } from '../../kernel/change.ts';
import type { AppContext, Principal } from '../../kernel/context.ts';
import { scopeOf } from '../../kernel/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { storeContent } from './content.ts';
import { fileErrors } from './errors.ts';
import { inspectTasks } from './inspect.ts';
import { storedFileName } from './names.ts';
import { storeFile, type StoredFile } from './repo.ts';
import { hasUploadBody, UPLOAD_CONTENT_TYPES, uploadPathOf, type UploadBody } from './upload-body.ts';

export type FileView = Omit<StoredFile, 'orgId'>;

/**
 * An upload, its bytes already in a temporary file: checked by parsing on the worker pool, its bytes
 * stored as content of the uploader's org, then — in the change's own transaction, through runChange
 * (key, audit row) — the metadata row that refers to that content.
 */
export async function acceptUpload(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Principal,
  givenName: string,
): Promise<{ status: number; body: FileView }> {
  if (!hasUploadBody(request)) {
    throw new DomainError(
      fileErrors.FILE_TYPE_REFUSED,
      `请以文件的原始字节上传，Content-Type 为 ${UPLOAD_CONTENT_TYPES.join('、')} 之一。`,
    );
  }
  const upload = request.body as UploadBody;
  if (upload.size === 0) throw new DomainError(fileErrors.FILE_EMPTY, '上传的文件是空的。');
  const path = uploadPathOf(request);
  const verdict = await ctx.heavy.run(inspectTasks.inspectUpload, path);
  if (!verdict.ok) {
    const spec = verdict.refusal === 'type' ? fileErrors.FILE_TYPE_REFUSED : fileErrors.FILE_CONTENT_REFUSED;
    throw new DomainError(spec, verdict.message, { reason: verdict.reason });
  }
  const { mediaType } = verdict;
  await storeContent(ctx.db, scopeOf(actor), { orgId: actor.orgId, sha256: upload.sha256, size: upload.size, path }, () => ctx.clock.now());
  return runChange(ctx, request, async (tx, changer, now) => {
    const name = storedFileName(givenName, mediaType);
    const stored = await storeFile(
      tx,
      { orgId: changer.orgId, sha256: upload.sha256, mediaType, size: upload.size, name, uploadedBy: changer.staffId },
      now,
    );
    const { orgId: _orgId, ...view } = stored;
    return {
      status: 201,
      body: view,
      audit: {
        action: 'file.upload',
        targetType: 'file',
        targetId: stored.id,
        orgId: changer.orgId,
        summary: { mediaType, size: upload.size, sha256: upload.sha256 },
      },
    };
  });
}
