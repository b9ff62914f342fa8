import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

/**
 * Noto Sans SC (SIL OFL 1.1) comes from an npm package, so a fresh machine without system fonts
 * prints readable Chinese; pdfkit embeds only the glyphs a document uses. Server-only (reads files);
 * the documents are laid out on the heavy-work pool's threads (src/kernel/heavy-work.ts).
 */
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

// Read and parsed once per thread, not once per document: each file is 10 MB, and pdfkit given
// the bytes would parse the font again (tables, glyph cache) for every document. A parsed font is
// only read from; each document takes its own subset of it.
const fonts = new Map<FontWeight, Font>();

function fontOf(weight: FontWeight): Font {
  let font = fonts.get(weight);
  if (!font) {
    font = create(readFileSync(require.resolve(FONT_FILES[weight])));
    fonts.set(weight, font);
  }
  return font;
}

/** Registers Noto Sans SC as the document's 'regular' and 'bold' fonts. */
export function registerChineseFonts(doc: PDFKit.PDFDocument): void {
  for (const weight of ['regular', 'bold'] as const) {
    // pdfkit accepts a parsed fontkit font as a font source; its types only list bytes and paths.
    doc.registerFont(weight, fontOf(weight) as unknown as PDFKit.Mixins.PDFFontSource);
  }
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
