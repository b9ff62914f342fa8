import sharp from 'sharp';
import { refuseContent, refuseType, type Verdict } from './kinds.ts';

/** A phone's 50-megapixel photo fits; a picture that would decode to gigabytes (a decompression bomb) does not. */
export const MAX_IMAGE_PIXELS = 60_000_000;
export const MAX_IMAGE_SIDE = 20_000;

const TRAILING_MESSAGE = '图片结尾之后还附带了其他数据（可能夹带了别的文件），请用看图或截图工具另存为普通图片后上传。';
const BROKEN_MESSAGE = '图片无法正常解码（可能已损坏或只是伪装成图片），请重新拍摄或另存后上传。';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Where a PNG ends: after its IEND chunk, walking the chunks from the signature; null when malformed. */
export function pngEnd(bytes: Uint8Array): number | null {
  if (!PNG_SIGNATURE.every((value, index) => bytes[index] === value)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 8;
  while (position + 12 <= bytes.length) {
    const length = view.getUint32(position);
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    const end = position + 12 + length;
    if (end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return null;
    if (type === 'IEND') return end;
    position = end;
  }
  return null;
}

/**
 * Where a JPEG ends: after the EOI marker that closes its frame, found by walking the segments (so an
 * EXIF thumbnail's own EOI inside APP1 is skipped) and the entropy-coded data after each SOS.
 */
export function jpegEnd(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let position = 2;
  while (position < bytes.length) {
    if (bytes[position] !== 0xff) return null;
    while (bytes[position] === 0xff) position += 1; // fill bytes
    const marker = bytes[position];
    position += 1;
    if (marker === undefined) return null;
    if (marker === 0xd9) return position; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (position + 2 > bytes.length) return null;
    const length = ((bytes[position] ?? 0) << 8) | (bytes[position + 1] ?? 0);
    if (length < 2) return null;
    position += length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      while (position + 1 < bytes.length) {
        const next = bytes[position + 1] ?? 0;
        if (bytes[position] === 0xff && next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        position += 1;
      }
    }
  }
  return null;
}

/** Bytes after the image's end are allowed only as padding (zeros or 0xFF, as some cameras write). */
function isPadding(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0x00 || byte === 0xff);
}

/**
 * A JPEG or PNG is decoded in full (sharp, strict: a libjpeg/libpng warning refuses it), its
 * dimensions must be sane before anything is decoded, and nothing may follow the image's end —
 * a PNG with a ZIP after IEND is a polyglot, not a photo.
 */
export async function inspectImage(bytes: Uint8Array, mediaType: 'image/jpeg' | 'image/png'): Promise<Verdict> {
  const end = mediaType === 'image/png' ? pngEnd(bytes) : jpegEnd(bytes);
  if (end === null) return refuseType('image-malformed', BROKEN_MESSAGE);
  if (end < bytes.length && !isPadding(bytes.subarray(end))) return refuseContent('image-trailing-data', TRAILING_MESSAGE);
  try {
    // The header alone first: a bomb is refused by what it claims, with its dimensions in the message.
    const { format, width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (format !== (mediaType === 'image/png' ? 'png' : 'jpeg')) return refuseType('image-malformed', BROKEN_MESSAGE);
    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
      return refuseContent(
        'image-too-many-pixels',
        `图片尺寸过大（${String(width)}×${String(height)} 像素），请缩小到 ${String(MAX_IMAGE_PIXELS / 1_000_000)} 百万像素以内后上传。`,
      );
    }
    // Every pixel is decoded (statistics need them all), without keeping the decoded image.
    await sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true }).stats();
  } catch {
    return refuseType('image-malformed', BROKEN_MESSAGE);
  }
  return { ok: true, mediaType };
}
