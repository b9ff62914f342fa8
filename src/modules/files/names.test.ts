import { describe, expect, it } from 'vitest';
import { storedFileName } from './names.ts';

describe('stored file names (R8)', () => {
  it('takes the extension from the detected type', () => {
    expect(storedFileName('scan.exe', 'application/pdf')).toBe('scan.pdf');
    expect(storedFileName('身份证正面', 'image/jpeg')).toBe('身份证正面.jpg');
    expect(storedFileName('photo.JPEG', 'image/jpeg')).toBe('photo.jpg');
    expect(storedFileName('a.pdf.exe', 'application/pdf')).toBe('a.pdf');
    expect(storedFileName('营业执照.2024', 'image/png')).toBe('营业执照.png');
    expect(storedFileName('文件.ofd', 'application/ofd')).toBe('文件.ofd');
  });

  it('removes bidi overrides, embeddings, isolates and marks, controls and path separators', () => {
    // U+202E turns "invoice\u202Egpj.exe" into what reads as "invoiceexe.jpg".
    expect(storedFileName('invoice\u202egpj.exe', 'application/pdf')).toBe('invoicegpj.pdf');
    for (const mark of ['\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
      expect(storedFileName(`a${mark}b.pdf`, 'application/pdf')).toBe('ab.pdf');
    }
    expect(storedFileName('a\u0000b\r\nc\u0085.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(storedFileName('../../etc/passwd', 'application/pdf')).toBe('etcpasswd.pdf');
    expect(storedFileName('C:\\Users\\x\\scan.pdf', 'application/pdf')).toBe('C:Usersxscan.pdf');
  });

  it('gives a name to a name that was nothing but marks or dots', () => {
    expect(storedFileName('\u202e\u202e', 'image/png')).toBe('文件.png');
    expect(storedFileName('...', 'application/pdf')).toBe('文件.pdf');
  });
});
