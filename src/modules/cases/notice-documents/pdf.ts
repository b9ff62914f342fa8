import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { workerTasks } from '../../../kernel/heavy-work.ts';
import { pdfBytes, registerChineseFonts } from '../../../shared/pdf-fonts.ts';
import { NOTICE_TITLES, noticeModel, type NoticeData } from './model.ts';

export {
  chineseDate,
  NOTICE_KINDS,
  NOTICE_TITLES,
  noticeLines,
  noticeModel,
  type NoticeBlock,
  type NoticeData,
  type NoticeKind,
} from './model.ts';
export { STANDARD_REMEDIES } from './wording.ts';

// Official documents keep wide margins (GB/T 9704 uses about 28 mm at the sides).
const MARGIN = { top: 56, bottom: 56, left: 72, right: 72 };
const PAGE_WIDTH = 595.28;
const WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const INK = '#1f2933';
const MUTED = '#52606d';
const RED = '#b42318';
const LABEL_WIDTH = 110;
const SEAL = { width: 200, height: 80 };

function drawField(doc: PDFKit.PDFDocument, label: string, value: string): void {
  const y = doc.y;
  doc.font('regular').fontSize(11).lineWidth(0.6);
  const height = Math.max(21, doc.heightOfString(value, { width: WIDTH - LABEL_WIDTH - 12 }) + 8);
  doc.rect(MARGIN.left, y, LABEL_WIDTH, height).fillAndStroke('#f2f4f7', MUTED);
  doc
    .rect(MARGIN.left + LABEL_WIDTH, y, WIDTH - LABEL_WIDTH, height)
    .lineWidth(0.6)
    .stroke(MUTED);
  doc.fillColor(INK).text(label, MARGIN.left + 6, y + 4, { width: LABEL_WIDTH - 12, align: 'center' });
  doc.text(value, MARGIN.left + LABEL_WIDTH + 6, y + 4, { width: WIDTH - LABEL_WIDTH - 12 });
  doc.y = y + height;
}

/** The seal box at lower right, the date of issue under it, and the applicant's receipt at its left. */
function drawSeal(doc: PDFKit.PDFDocument, orgName: string): { x: number; y: number } {
  if (doc.y + SEAL.height + 48 > doc.page.height - MARGIN.bottom) doc.addPage();
  const x = MARGIN.left + WIDTH - SEAL.width;
  const y = doc.y + 18;
  doc.rect(x, y, SEAL.width, SEAL.height).lineWidth(1).stroke(RED);
  doc
    .font('bold')
    .fontSize(12)
    .fillColor(INK)
    .text(orgName, x + 8, y + 20, { width: SEAL.width - 16, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text('（盖章）', x + 8, doc.y + 4, { width: SEAL.width - 16, align: 'center' });
  return { x, y };
}

const QR_SIZE = 64;

/** 办件查询 as a QR code at the top right, for the phone of an applicant who keeps the paper. */
async function drawTrackingQr(doc: PDFKit.PDFDocument, url: string, caption = '扫码查询进度'): Promise<void> {
  const png = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: QR_SIZE * 3, errorCorrectionLevel: 'M' });
  const x = MARGIN.left + WIDTH - QR_SIZE;
  doc.image(png, x, MARGIN.top - 20, { width: QR_SIZE, height: QR_SIZE });
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(MUTED)
    .text(caption, x - 8, MARGIN.top - 20 + QR_SIZE + 1, { width: QR_SIZE + 16, align: 'center', lineBreak: false });
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
}

/** 通知书 (A4, one page for an ordinary case): red center header, fields table, body, seal box, receipt line. */
export async function renderNoticePdf(data: NoticeData): Promise<Buffer> {
  const title = NOTICE_TITLES[data.kind];
  const doc = new PDFDocument({ size: 'A4', margins: MARGIN, info: { Title: `${title} ${data.caseNo}`, Creator: '一站 · 便民服务平台' } });
  registerChineseFonts(doc);
  if (data.trackingUrl && (data.kind === 'accepted' || data.kind === 'receipt')) await drawTrackingQr(doc, data.trackingUrl);
  // 办结: the QR opens the rating form (好差评, 一事一评; ADR 0026).
  if (data.trackingUrl && data.kind === 'concluded') await drawTrackingQr(doc, `${data.trackingUrl}&rate=1`, '扫码评价');
  let seal = { x: MARGIN.left + WIDTH - SEAL.width, y: doc.y };
  let receiptY = 0;
  for (const block of noticeModel(data)) {
    switch (block.style) {
      case 'center':
        doc.font('bold').fontSize(16).fillColor(RED).text(block.text, { width: WIDTH, align: 'center' });
        doc
          .moveTo(MARGIN.left, doc.y + 6)
          .lineTo(MARGIN.left + WIDTH, doc.y + 6)
          .lineWidth(1.5)
          .stroke(RED);
        doc.moveDown(1);
        break;
      case 'title':
        doc
          .font('bold')
          .fontSize(20)
          .fillColor(INK)
          .text(block.text, MARGIN.left, doc.y, { width: WIDTH, align: 'center', characterSpacing: 4 });
        break;
      case 'docNo':
        doc.font('regular').fontSize(10.5).fillColor(MUTED).text(block.text, { width: WIDTH, align: 'center' });
        doc.moveDown(0.8);
        break;
      case 'field':
        drawField(doc, block.label, block.value);
        break;
      case 'salutation':
        doc.moveDown(1);
        doc.font('bold').fontSize(12).fillColor(INK).text(block.text, MARGIN.left, doc.y, { width: WIDTH });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc
          .font('regular')
          .fontSize(12)
          .fillColor(INK)
          .text(block.text, MARGIN.left, doc.y, { width: WIDTH, indent: 24, lineGap: 5, paragraphGap: 4 });
        break;
      case 'item':
        doc
          .font('regular')
          .fontSize(12)
          .fillColor(INK)
          .text(block.text, MARGIN.left + 24, doc.y, { width: WIDTH - 24, lineGap: 5, paragraphGap: 2 });
        break;
      case 'note':
        doc.moveDown(0.5);
        doc.font('regular').fontSize(10).fillColor(MUTED).text(block.text, MARGIN.left, doc.y, { width: WIDTH, indent: 24 });
        break;
      case 'seal':
        seal = drawSeal(doc, block.text);
        receiptY = seal.y + SEAL.height - 40;
        break;
      case 'date':
        doc
          .font('regular')
          .fontSize(12)
          .fillColor(INK)
          .text(block.text, seal.x, seal.y + SEAL.height + 8, { width: SEAL.width, align: 'center' });
        break;
      case 'sign':
        doc.moveDown(0.9);
        doc.font('regular').fontSize(12).fillColor(INK).text(block.text, MARGIN.left, doc.y, { width: WIDTH });
        break;
      case 'receipt':
        doc
          .font('regular')
          .fontSize(11)
          .fillColor(INK)
          .text(block.text, MARGIN.left, receiptY, { width: WIDTH - SEAL.width - 16, lineBreak: false });
        receiptY += 24;
        break;
    }
  }
  return pdfBytes(doc);
}

/** Laid out on the heavy-work pool: the route gathers the data in its transaction, a worker thread prints it. */
export const noticePdfTasks = workerTasks(import.meta.url, { renderNoticePdf });
