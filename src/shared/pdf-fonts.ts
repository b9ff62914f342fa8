import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans SC (SIL OFL 1.1) comes from an npm package, so a fresh machine without system fonts
 * prints readable Chinese; pdfkit embeds only the glyphs a document uses. Server-only (reads files).
 */
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

// Read once per process: each font file is several megabytes.
const fonts = new Map<FontWeight, Buffer>();

/** The TrueType data of one weight of Noto Sans SC. */
export function fontData(weight: FontWeight): Buffer {
  let data = fonts.get(weight);
  if (!data) {
    data = readFileSync(require.resolve(FONT_FILES[weight]));
    fonts.set(weight, data);
  }
  return data;
}

/** Ends a pdfkit document and collects the bytes it streams. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
    doc.end();
  });
}
