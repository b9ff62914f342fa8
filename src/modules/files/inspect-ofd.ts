import { Inflate } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { refuseContent, refuseType, type Verdict } from './kinds.ts';
import { readZipDirectory, type ZipEntry } from './zip-directory.ts';

/** What an OFD package (GB/T 33190) holds: XML, images, fonts, signatures and seals. */
const OFD_EXTENSIONS = new Set([
  'xml',
  'png',
  'jpg',
  'jpeg',
  'bmp',
  'gif',
  'tif',
  'tiff',
  'jb2',
  'jbig2',
  'ttf',
  'otf',
  'ttc',
  'dat',
  'esl',
  'sel',
  'sig',
  'cer',
  'der',
  'p7s',
]);
/** Types an entry's bytes may be found to be (file-type); undetected bytes (XML, signatures) are checked below. */
const ENTRY_TYPES = new Set(['xml', 'png', 'jpg', 'bmp', 'gif', 'tif', 'ttf', 'otf', 'ttc', 'jb2']);
const SCRIPT_START = /^(?:\s|\ufeff)*(?:#!|<(?:!doctype\s+html|html|script|body|iframe|svg)\b|@echo\b|function\b|var\s|const\s|let\s)/i;

export const MAX_OFD_UNPACKED_BYTES = 100 * 1024 * 1024;
export const MAX_OFD_RATIO = 100;
const HEAD_BYTES = 4100;

const HOSTILE_MESSAGE = 'OFD 文件的结构不安全（含有可疑的文件名、可执行文件、脚本或异常的压缩数据），请用 OFD 阅读器重新导出后上传。';
const NOT_OFD_MESSAGE = '文件不是 OFD：压缩包根目录下没有 OFD.xml，请确认导出的是 OFD 版式文件。';

/** An entry name that could escape a folder or hide what it is. */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name === '' ||
    name.length > 255 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name) ||
    name.split('/').some((segment, index, all) => segment === '..' || segment === '.' || (segment === '' && index < all.length - 1))
  );
}

/** Unpacks one entry, never past its declared size; its first bytes, or null when it does not unpack to that size. */
function headOf(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return entry.size === entry.compressedSize ? data.subarray(0, HEAD_BYTES) : null;
  const head = new Uint8Array(Math.min(entry.size, HEAD_BYTES));
  const state = { produced: 0, isOver: false };
  const inflate = new Inflate((chunk) => {
    if (state.produced < head.length) head.set(chunk.subarray(0, head.length - state.produced), state.produced);
    state.produced += chunk.length;
    if (state.produced > entry.size) state.isOver = true;
  });
  try {
    // In slices, so that an entry that inflates past its declared size stops early.
    for (let at = 0; at < data.length && !state.isOver; at += 65536) inflate.push(data.subarray(at, at + 65536), at + 65536 >= data.length);
  } catch {
    return null;
  }
  return !state.isOver && state.produced === entry.size ? head : null;
}

/**
 * An OFD is a ZIP checked from its central directory before anything is unpacked — entry count,
 * names, declared sizes and compression ratio, OFD.xml at the root, only the kinds of entry an OFD
 * holds — then each entry is unpacked within its declared size and refused when its bytes are an
 * executable, an archive or a script, whatever its name says.
 */
export async function inspectOfd(bytes: Uint8Array): Promise<Verdict> {
  const directory = readZipDirectory(bytes);
  if ('refused' in directory) return refuseContent(directory.refused, HOSTILE_MESSAGE);
  const { entries } = directory;
  if (entries.some((entry) => isUnsafeEntryName(entry.name))) return refuseContent('ofd-unsafe-name', HOSTILE_MESSAGE);
  if (new Set(entries.map((entry) => entry.name.toLowerCase())).size !== entries.length)
    return refuseContent('ofd-duplicate-name', HOSTILE_MESSAGE);
  if (!entries.some((entry) => entry.name === 'OFD.xml')) return refuseType('ofd-no-root', NOT_OFD_MESSAGE);
  const files = entries.filter((entry) => !entry.name.endsWith('/'));
  if (entries.some((entry) => entry.name.endsWith('/') && entry.size !== 0)) return refuseContent('ofd-unsafe-name', HOSTILE_MESSAGE);
  const unpacked = files.reduce((sum, entry) => sum + entry.size, 0);
  const packed = files.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (unpacked > MAX_OFD_UNPACKED_BYTES || unpacked > Math.max(packed, 1) * MAX_OFD_RATIO)
    return refuseContent('ofd-too-large-unpacked', HOSTILE_MESSAGE);
  for (const entry of files) {
    const extension = /\.([A-Za-z0-9]+)$/.exec(entry.name)?.[1]?.toLowerCase();
    if (extension === undefined || !OFD_EXTENSIONS.has(extension)) return refuseContent('ofd-entry-type', HOSTILE_MESSAGE);
    if (entry.size === 0) continue;
    const head = headOf(bytes, entry);
    if (head === null) return refuseContent('ofd-entry-size', HOSTILE_MESSAGE);
    const detected = await fileTypeFromBuffer(head);
    if (detected !== undefined && !ENTRY_TYPES.has(detected.ext)) return refuseContent('ofd-entry-executable', HOSTILE_MESSAGE);
    if (isExecutableStart(head) || SCRIPT_START.test(new TextDecoder().decode(head.subarray(0, 256)))) {
      return refuseContent('ofd-entry-executable', HOSTILE_MESSAGE);
    }
  }
  return { ok: true, mediaType: 'application/ofd' };
}

/** Executables by magic, also those file-type leaves undetected (a bare PE stub, a Mach-O slice). */
function isExecutableStart(head: Uint8Array): boolean {
  const starts = (...signature: number[]) => signature.every((value, index) => head[index] === value);
  return (
    starts(0x4d, 0x5a) || // MZ: Windows PE, DOS
    starts(0x7f, 0x45, 0x4c, 0x46) || // ELF
    starts(0xfe, 0xed, 0xfa, 0xce) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xce, 0xfa, 0xed, 0xfe) ||
    starts(0xcf, 0xfa, 0xed, 0xfe) || // Mach-O
    starts(0xca, 0xfe, 0xba, 0xbe) || // Mach-O universal, Java class
    starts(0x50, 0x4b, 0x03, 0x04) || // a nested archive (JAR, APK, …)
    starts(0xd0, 0xcf, 0x11, 0xe0) || // OLE2 (macro documents, MSI)
    starts(0x00, 0x61, 0x73, 0x6d) || // WebAssembly
    starts(0x64, 0x65, 0x78, 0x0a) // Android DEX
  );
}
