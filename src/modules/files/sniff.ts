/** R8: the type of an upload is decided by its bytes, never by its name or declared type. */
export type AllowedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'application/ofd';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((value, index) => bytes[offset + index] === value);
}

/**
 * OFD (GB/T 33190) is a ZIP package whose root holds OFD.xml. The ZIP's central directory is read
 * in place — nothing is unpacked — and the package is refused when it is not a plain, small,
 * single-volume archive: more than 1,000 entries, an entry name with `..` or an absolute path.
 */
export function isOfdPackage(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return false;
  const entries = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries === 0 || entries > 1000 || directoryOffset >= bytes.length) return false;
  let position = directoryOffset;
  let hasRoot = false;
  const decoder = new TextDecoder();
  for (let n = 0; n < entries; n++) {
    if (position + 46 > bytes.length || view.getUint32(position, true) !== 0x02014b50) return false;
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const name = decoder.decode(bytes.subarray(position + 46, position + 46 + nameLength));
    if (name.includes('..') || name.startsWith('/') || name.includes('\\')) return false;
    if (name === 'OFD.xml') hasRoot = true;
    position += 46 + nameLength + extraLength + commentLength;
  }
  return hasRoot;
}

export function sniffMediaType(bytes: Uint8Array): AllowedMediaType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (isOfdPackage(bytes)) return 'application/ofd';
  return null;
}
