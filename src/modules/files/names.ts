import { EXTENSION_OF, type AllowedMediaType } from './kinds.ts';

// C0 and C1 controls, bidi embeddings/overrides/isolates and marks (U+202A–U+202E, U+2066–U+2069,
// U+200E/U+200F, U+061C), other invisible format characters that disguise a name (zero-width
// spaces and joiners, the BOM), and path separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff/\\]/g;
const TRAILING_EXTENSION = /\.[A-Za-z0-9]{1,8}$/;
const MAX_BASE_LENGTH = 100;
const SAME_EXTENSION: Readonly<Record<AllowedMediaType, RegExp>> = {
  'application/pdf': /\.pdf$/i,
  'image/jpeg': /\.jpe?g$/i,
  'image/png': /\.png$/i,
  'application/ofd': /\.ofd$/i,
};

/**
 * The name a file is stored and downloaded under (R8): the uploader's name without anything that can
 * disguise it (a right-to-left override turning `gpj.exe` into `exe.jpg`, a path), and the extension
 * of the type its bytes were found to be — `scan.exe` stored as a PDF downloads as `scan.pdf`.
 */
export function storedFileName(given: string, mediaType: AllowedMediaType): string {
  let base = given.normalize('NFC').replace(UNSAFE, '').trim();
  // The given extension goes, and the detected type's is added: `a.exe` → `a.pdf`, `a.pdf.exe` → `a.pdf`.
  base = base.replace(TRAILING_EXTENSION, '');
  base = base.replace(SAME_EXTENSION[mediaType], '').replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '') base = '文件';
  const kept = Array.from(new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(base), (part) => part.segment).slice(
    0,
    MAX_BASE_LENGTH,
  );
  return `${kept.join('')}.${EXTENSION_OF[mediaType]}`;
}
