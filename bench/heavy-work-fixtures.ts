// Inputs of the P11 benchmark (bench/heavy-work.bench.ts), built by the load client before it measures.
import PDFDocument from 'pdfkit';
import type { ItemContent } from '../src/modules/catalog/index.ts';
import { writeCatalogWorkbook } from '../src/modules/catalog/xlsx.ts';

/**
 * A workbook of `rows` items in the import layout (the exporter's own), each a copy of one of
 * `samples` (the demo catalog) under a new code and name, with its materials and fees: what a
 * county sends when it loads its whole list at once.
 */
export async function catalogWorkbook(samples: readonly ItemContent[], rows: number, prefix: string): Promise<Buffer> {
  const items = Array.from({ length: rows }, (_, index) => {
    const sample = samples[index % samples.length];
    if (!sample) throw new Error('no sample items');
    return { ...sample, code: `${prefix}-${String(index + 1).padStart(5, '0')}`, name: `${sample.name}（第${String(index + 1)}号）` };
  });
  return Buffer.from(await writeCatalogWorkbook(items));
}

/** A valid PDF of just under `bytes` bytes: real pages whose (uncompressed) content streams draw many small squares. */
export function paddedPdf(bytes: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', compress: false, info: { Title: 'P11 upload', Creator: 'bench' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    }),
  );
  doc.fontSize(14).text('P11 benchmark upload');
  const perPage = 400_000;
  const pages = Math.max(1, Math.floor((bytes - 50_000) / perPage));
  for (let page = 0; page < pages; page += 1) {
    if (page > 0) doc.addPage();
    const ops: string[] = [];
    let size = 0;
    for (let index = 0; size < perPage; index += 1) {
      const op = `${String(40 + (index % 500))} ${String(40 + ((index * 7) % 760))} 3 3 re S\n`;
      ops.push(op);
      size += op.length;
    }
    doc.addContent(ops.join(''));
  }
  doc.end();
  return done;
}
