import { describe, expect, it } from 'vitest';
import { isOfdPackage, sniffMediaType } from './sniff.ts';

/** A minimal stored (uncompressed) ZIP with the given entry names. */
function zipOf(names: string[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  for (const name of names) {
    const bytes = [...encoder.encode(name)];
    const offset = locals.length;
    locals.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u16(bytes.length), ...u16(0), ...bytes);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(0), ...u32(0), ...u16(bytes.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...bytes);
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(names.length), ...u16(names.length), ...u32(central.length), ...u32(locals.length), ...u16(0)];
  return new Uint8Array([...locals, ...central, ...end]);
}

describe('upload type by content (R8)', () => {
  it('knows PDF, JPEG, PNG and OFD by their bytes', () => {
    expect(sniffMediaType(new TextEncoder().encode('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffMediaType(zipOf(['OFD.xml', 'Doc_0/Document.xml']))).toBe('application/ofd');
  });

  it('refuses a spoofed file whatever its name says, and archives that are not OFD or are hostile', () => {
    expect(sniffMediaType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('MZ\x90\x00 an executable'))).toBeNull();
    expect(isOfdPackage(zipOf(['word/document.xml']))).toBe(false);
    expect(isOfdPackage(zipOf(['OFD.xml', '../../etc/passwd']))).toBe(false);
    expect(isOfdPackage(zipOf(['OFD.xml', '/abs/path']))).toBe(false);
  });
});
