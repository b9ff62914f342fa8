/** One entry of a ZIP's central directory, checked against its local header. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's (compressed) bytes start. */
  dataOffset: number;
}

export const MAX_ZIP_ENTRIES = 1000;

/**
 * Reads a ZIP's central directory in place — nothing is unpacked — and refuses (with a reason) any
 * archive that is not one plain, single-volume, unencrypted ZIP occupying the whole file: data before
 * the first entry or after the directory (a self-extracting EXE, a polyglot), ZIP64, encrypted
 * entries, methods other than stored and deflate, a local header that disagrees with the directory,
 * and entries that overlap (the trick of small "zip bombs").
 */
export function readZipDirectory(bytes: Uint8Array): { entries: ZipEntry[] } | { refused: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  if (bytes.length < 22 || u32(0) !== 0x04034b50) return { refused: 'zip-not-at-start' };
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50 && at + 22 + u16(at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return { refused: 'zip-no-directory' };
  const count = u16(eocd + 10);
  const directorySize = u32(eocd + 12);
  const directoryOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) return { refused: 'zip-multi-volume' };
  if (count === 0xffff || directoryOffset === 0xffffffff) return { refused: 'zip64' };
  if (count === 0) return { refused: 'zip-empty' };
  if (count > MAX_ZIP_ENTRIES) return { refused: 'zip-too-many-entries' };
  if (directoryOffset + directorySize !== eocd) return { refused: 'zip-data-after-directory' };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: (ZipEntry & { start: number; end: number })[] = [];
  let position = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (position + 46 > eocd || u32(position) !== 0x02014b50) return { refused: 'zip-bad-directory' };
    const flags = u16(position + 8);
    const method = u16(position + 10);
    const compressedSize = u32(position + 20);
    const size = u32(position + 24);
    const nameLength = u16(position + 28);
    const extraLength = u16(position + 30);
    const commentLength = u16(position + 32);
    const localOffset = u32(position + 42);
    const rawName = bytes.subarray(position + 46, position + 46 + nameLength);
    position += 46 + nameLength + extraLength + commentLength;
    if (position > eocd) return { refused: 'zip-bad-directory' };
    if ((flags & 0x0001) !== 0 || (flags & 0x0040) !== 0) return { refused: 'zip-encrypted' };
    if (method !== 0 && method !== 8) return { refused: 'zip-method' };
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) return { refused: 'zip64' };
    let name: string;
    try {
      name = decoder.decode(rawName);
    } catch {
      return { refused: 'zip-name-encoding' };
    }
    // The local header must name the same entry and sit where the directory says.
    if (localOffset + 30 > directoryOffset || u32(localOffset) !== 0x04034b50) return { refused: 'zip-bad-local-header' };
    const localNameLength = u16(localOffset + 26);
    const localExtraLength = u16(localOffset + 28);
    const localName = bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength);
    if (localNameLength !== nameLength || !localName.every((byte, at) => byte === rawName[at]) || u16(localOffset + 8) !== method) {
      return { refused: 'zip-bad-local-header' };
    }
    const dataOffset = localOffset + 30 + localNameLength + localExtraLength;
    const end = dataOffset + compressedSize;
    if (end > directoryOffset) return { refused: 'zip-bad-local-header' };
    entries.push({ name, method, compressedSize, size, dataOffset, start: localOffset, end });
  }
  const byStart = [...entries].sort((left, right) => left.start - right.start);
  for (let index = 1; index < byStart.length; index++) {
    const previous = byStart[index - 1];
    const current = byStart[index];
    if (previous && current && current.start < previous.end) return { refused: 'zip-overlapping-entries' };
  }
  return { entries: entries.map(({ start: _start, end: _end, ...entry }) => entry) };
}
