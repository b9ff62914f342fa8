import { readFile } from 'node:fs/promises';
import { workerTasks } from '../../kernel/heavy-work.ts';
import { refuseContent, refuseType, type Verdict } from './kinds.ts';

/** What a browser sniffs (the first 512 bytes, WHATWG mimesniff) must not look like a page or a script. */
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)\b/i;
const TYPE_MESSAGE = '只接受 PDF、JPEG、PNG 或 OFD 文件；文件内容与这些格式都不符。';

/**
 * The content checks of an upload (R8): detect the type from the bytes (file-type), then parse it as
 * what it claims to be. Runs on the worker pool (`ctx.heavy.run(inspectTasks.inspectUpload, path)`):
 * it reads the temporary file itself, so the bytes never cross threads. The parsers are loaded on the
 * worker only when a file of their kind arrives.
 */
export async function inspectUpload(path: string): Promise<Verdict> {
  const bytes = await readFile(path);
  if (MARKUP.test(bytes.subarray(0, 1024).toString('latin1'))) {
    return refuseContent('markup-at-start', '文件开头含有网页代码（HTML/脚本），这不是正常的 PDF、图片或 OFD 文件，请重新导出后上传。');
  }
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime;
  if (mime === 'application/pdf') return (await import('./inspect-pdf.ts')).inspectPdf(bytes);
  if (mime === 'image/jpeg' || mime === 'image/png') return (await import('./inspect-image.ts')).inspectImage(bytes, mime);
  // An OFD package is a ZIP to file-type; whether it is an OFD is for the package check to say.
  if (mime === 'application/zip') return (await import('./inspect-ofd.ts')).inspectOfd(bytes);
  return refuseType(detected ? `type-${detected.ext}` : 'type-unknown', TYPE_MESSAGE);
}

export const inspectTasks = workerTasks(import.meta.url, { inspectUpload });
