import PDFDocument from 'pdfkit';
import { workerTasks } from '../../../kernel/heavy-work.ts';
import { pdfBytes, registerChineseFonts } from '../../../shared/pdf-fonts.ts';
import { chineseDateOf, orderNoticeLines, type OrderNoticeData } from './notice.rules.ts';

const MARGIN = { top: 56, bottom: 56, left: 72, right: 72 };
const WIDTH = 595.28 - MARGIN.left - MARGIN.right;
const INK = '#1f2933';
const MUTED = '#52606d';
const RED = '#b42318';
const LABEL_WIDTH = 100;

/** 督办通知书 (A4): red header of the issuing center, the fields table, the order, the issuer and date. */
export async function renderOrderNoticePdf(data: OrderNoticeData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `督办通知书 ${data.orderNo}`, Creator: '一站 · 便民服务平台' },
  });
  registerChineseFonts(doc);
  const { fields, body } = orderNoticeLines(data);
  doc.font('bold').fontSize(16).fillColor(RED).text(`${data.issuerOrgName}电子监察`, { width: WIDTH, align: 'center' });
  doc
    .moveTo(MARGIN.left, doc.y + 6)
    .lineTo(MARGIN.left + WIDTH, doc.y + 6)
    .lineWidth(1.5)
    .stroke(RED);
  doc.moveDown(1);
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(INK)
    .text('督办通知书', MARGIN.left, doc.y, { width: WIDTH, align: 'center', characterSpacing: 4 });
  doc.font('regular').fontSize(10.5).fillColor(MUTED).text(data.orderNo, { width: WIDTH, align: 'center' });
  doc.moveDown(0.8);
  for (const field of fields) {
    const y = doc.y;
    doc.font('regular').fontSize(11).lineWidth(0.6);
    const height = Math.max(21, doc.heightOfString(field.value, { width: WIDTH - LABEL_WIDTH - 12 }) + 8);
    doc.rect(MARGIN.left, y, LABEL_WIDTH, height).fillAndStroke('#f2f4f7', MUTED);
    doc.rect(MARGIN.left + LABEL_WIDTH, y, WIDTH - LABEL_WIDTH, height).stroke(MUTED);
    doc.fillColor(INK).text(field.label, MARGIN.left + 6, y + 4, { width: LABEL_WIDTH - 12, align: 'center' });
    doc.text(field.value, MARGIN.left + LABEL_WIDTH + 6, y + 4, { width: WIDTH - LABEL_WIDTH - 12 });
    doc.y = y + height;
  }
  doc.moveDown(1);
  const [salutation, ...paragraphs] = body;
  doc
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(salutation ?? '', MARGIN.left, doc.y, { width: WIDTH });
  for (const paragraph of paragraphs) {
    doc.font('regular').fontSize(12).text(paragraph, MARGIN.left, doc.y, { width: WIDTH, indent: 24, lineGap: 5, paragraphGap: 4 });
  }
  doc.moveDown(2);
  doc.text(`督办人：${data.issuedBy}`, MARGIN.left, doc.y, { width: WIDTH, align: 'right' });
  doc.text(chineseDateOf(data.issuedOn), MARGIN.left, doc.y + 4, { width: WIDTH, align: 'right' });
  return pdfBytes(doc);
}

/** Laid out on the heavy-work pool: the route reads the order in its transaction, a worker thread prints it. */
export const orderNoticeTasks = workerTasks(import.meta.url, { renderOrderNoticePdf });
