import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.ts';
import { fileErrors } from './errors.ts';
import { MAX_FILE_BYTES } from './kinds.ts';

/**
 * What the route sees as the request body of an upload. Only the digest and the size: runChange
 * fingerprints the body, so a retry with the same key and the same bytes is the same request and
 * one with other bytes is not (R2). The bytes themselves wait in a temporary file (`uploadPathOf`).
 */
export interface UploadBody {
  sha256: string;
  size: number;
}

export const UPLOAD_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd', 'application/octet-stream'];

const TOO_LARGE = () =>
  new DomainError(fileErrors.FILE_TOO_LARGE, `文件超过 ${String(MAX_FILE_BYTES / 1024 / 1024)} MB，请压缩或分开上传。`);
const uploadPaths = new WeakMap<FastifyRequest, string>();
const TEMP_DIR = join(tmpdir(), 'yizhan-uploads');

/** Did the request's body arrive as an upload's bytes (an upload content type), not as JSON or text? */
export function hasUploadBody(request: FastifyRequest): boolean {
  return uploadPaths.has(request);
}

/** The temporary file holding the request's bytes (removed when the response is over). */
export function uploadPathOf(request: FastifyRequest): string {
  const path = uploadPaths.get(request);
  if (path === undefined) throw new Error('upload body was not parsed');
  return path;
}

/** Removes the request's temporary file; safe to call more than once. */
export async function discardUpload(request: FastifyRequest): Promise<void> {
  const path = uploadPaths.get(request);
  uploadPaths.delete(request);
  if (path !== undefined) await rm(path, { force: true });
}

/**
 * Streams an upload's body to a temporary file with a running SHA-256, refusing it (413) as soon as
 * it passes the limit — the declared Content-Length first, then the bytes actually sent. Nothing
 * holds the whole body in memory and the event loop only moves pieces of it.
 */
export function registerUploadBody(app: FastifyInstance): void {
  app.addContentTypeParser(UPLOAD_CONTENT_TYPES, async (request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<UploadBody> => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_FILE_BYTES) throw TOO_LARGE();
    await mkdir(TEMP_DIR, { recursive: true, mode: 0o700 });
    const path = join(TEMP_DIR, randomUUID());
    uploadPaths.set(request, path);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > MAX_FILE_BYTES) {
          callback(TOO_LARGE());
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(payload, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await discardUpload(request);
      if (error instanceof DomainError) throw error;
      // The client went away or sent less than it announced: nothing was stored.
      throw new DomainError(fileErrors.FILE_UPLOAD_INCOMPLETE, '文件上传中断，未能收到完整的文件，请重新上传。');
    }
    return { sha256: hash.digest('hex'), size };
  });
}
