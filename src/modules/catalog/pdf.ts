import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { workerTasks } from '../../kernel/heavy-work.ts';
import { pdfBytes, registerChineseFonts } from '../../shared/pdf-fonts.ts';
import {
  AUDIENCE_LABELS,
  DELIVERY_LABELS,
  HANDLED_AT_LABELS,
  HANDLING_LABELS,
  MATERIAL_FORM_LABELS,
  type PublicGuideView,
} from './schemas.ts';

const PAGE = { size: 'A4' as const, margins: { top: 50, bottom: 56, left: 56, right: 56 } };
const WIDTH = 595.28 - PAGE.margins.left - PAGE.margins.right;
const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#b42318';

function newDocument(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...PAGE, info: { Title: title, Creator: '一站 · 便民服务平台' }, bufferPages: true });
  registerChineseFonts(doc);
  doc.font('regular').fillColor(INK);
  return doc;
}

function finish(doc: PDFKit.PDFDocument, footer: string): Promise<Buffer> {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.height - PAGE.margins.bottom + 18;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(`${footer}\u3000第 ${index + 1} 页 / 共 ${range.count} 页`, PAGE.margins.left, bottom, {
      width: WIDTH,
      align: 'center',
      lineBreak: false,
      height: 12,
    });
  }
  return pdfBytes(doc);
}

async function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): Promise<void> {
  const png = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: size * 3, errorCorrectionLevel: 'M' });
  doc.image(png, x, y, { width: size, height: size });
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(MUTED)
    .text('扫码查看最新办事指南', x - 10, y + size + 2, { width: size + 20, align: 'center' });
  doc.fillColor(INK);
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y > doc.page.height - PAGE.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.6);
  const y = doc.y;
  doc.rect(PAGE.margins.left, y + 2, 3, 13).fill(ACCENT);
  doc
    .fillColor(INK)
    .font('bold')
    .fontSize(12)
    .text(text, PAGE.margins.left + 9, y, { width: WIDTH - 9 });
  doc.font('regular').fontSize(10).moveDown(0.2);
}

function paragraph(doc: PDFKit.PDFDocument, text: string, indent = 0): void {
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(INK)
    .text(text, PAGE.margins.left + indent, doc.y, { width: WIDTH - indent, lineGap: 2 });
}

function numbered(doc: PDFKit.PDFDocument, lines: readonly string[], empty = '无'): void {
  if (lines.length === 0) paragraph(doc, empty, 9);
  lines.forEach((line, index) => {
    paragraph(doc, `${index + 1}. ${line}`, 9);
  });
}

function dayText(days: number, guide: Pick<PublicGuideView, 'dayKind'>): string {
  if (days === 0) return '当场办结';
  return `${days} 个${guide.dayKind === 'calendar' ? '自然日' : '工作日'}`;
}

/** 办事指南 (A4): the eight public disclosures of one item, with a QR code to the guide page. */
export async function renderGuidePdf(guide: PublicGuideView, url: string): Promise<Buffer> {
  const doc = newDocument(`${guide.name} 办事指南`);
  const qrSize = 78;
  await drawQr(doc, url, PAGE.margins.left + WIDTH - qrSize, PAGE.margins.top - 6, qrSize);
  doc
    .font('bold')
    .fontSize(17)
    .fillColor(INK)
    .text(guide.name, PAGE.margins.left, PAGE.margins.top, { width: WIDTH - qrSize - 16 });
  doc.font('regular').fontSize(10).fillColor(MUTED).moveDown(0.3);
  doc.text(`${guide.org.name}\u3000办事指南\u3000事项编码 ${guide.code}\u3000第 ${guide.version} 版`, { width: WIDTH - qrSize - 16 });
  doc.text(
    `${guide.itemType}｜${HANDLING_LABELS[guide.handling]}｜服务对象：${guide.audience.map((a) => AUDIENCE_LABELS[a]).join('、')}｜${guide.maxVisits === 0 ? '零跑腿' : `最多跑 ${guide.maxVisits} 次`}`,
    { width: WIDTH - qrSize - 16 },
  );
  doc.fillColor(INK).y = Math.max(doc.y, PAGE.margins.top + qrSize + 16);

  heading(doc, '一、办事依据');
  numbered(doc, guide.basis);
  heading(doc, '二、办理条件');
  numbered(doc, guide.conditions);
  heading(doc, '三、办理程序');
  numbered(
    doc,
    guide.procedure.map((step) => `${step.name}（${step.actor}${step.days === null ? '' : `，${dayText(step.days, guide)}`}）`),
  );
  heading(doc, '四、申请材料');
  guide.materials.forEach((material, index) => {
    const form = `${MATERIAL_FORM_LABELS[material.form]}${material.copies > 0 ? ` ${material.copies} 份` : ''}`;
    const flags = [
      material.required ? '必需' : '非必需',
      material.pendingAllowed ? '可容缺受理' : '',
      material.commitmentAllowed ? '可告知承诺' : '',
    ]
      .filter(Boolean)
      .join('，');
    const situation =
      material.situations.length > 0
        ? `（适用：${material.situations.map((id) => guide.situations.find((s) => s.id === id)?.name ?? id).join('、')}）`
        : '';
    paragraph(
      doc,
      `${index + 1}. ${material.name}${situation}\u3000${form}\u3000${flags}${material.notes ? `\u3000${material.notes}` : ''}`,
      9,
    );
  });
  heading(doc, '五、办理时限');
  paragraph(doc, `法定时限：${dayText(guide.legalDays, guide)}\u3000\u3000承诺时限：${dayText(guide.promisedDays, guide)}`, 9);
  for (const step of guide.specialSteps) {
    paragraph(
      doc,
      `特殊环节：${step.name}，${step.days} 天，${step.countsInLimit ? '计入' : '不计入'}办理时限${step.basis ? `（${step.basis}）` : ''}`,
      9,
    );
  }
  heading(doc, '六、收费标准');
  if (guide.fees.length === 0) paragraph(doc, '不收费', 9);
  for (const fee of guide.fees) paragraph(doc, `${fee.name}：${fee.amount} 元（依据：${fee.basis}）`, 9);
  heading(doc, '七、经办人员');
  paragraph(doc, `${guide.contacts.staff}\u3000${guide.department}${guide.window ? `\u3000${guide.window}` : ''}`, 9);
  paragraph(doc, `办理地点：${guide.location.address}（${HANDLED_AT_LABELS[guide.handledAt]}）`, 9);
  paragraph(doc, `办理时间：${guide.location.officeHours}`, 9);
  paragraph(
    doc,
    `送达方式：${guide.delivery.map((d) => DELIVERY_LABELS[d]).join('、')}${guide.agentable ? '；可由村代办员全程代办' : ''}${guide.online ? '；可网上办理' : ''}${guide.appointment ? '；可预约办理' : ''}`,
    9,
  );
  heading(doc, '八、咨询及监督电话');
  paragraph(doc, `咨询电话：${guide.contacts.consultPhone}\u3000\u3000监督电话：${guide.contacts.supervisePhone}`, 9);
  return finish(doc, `${guide.org.name} · ${guide.code} · ${url}`);
}

function fillLine(doc: PDFKit.PDFDocument, label: string, x: number, y: number, width: number): void {
  doc.font('regular').fontSize(11).fillColor(INK).text(label, x, y, { lineBreak: false });
  const start = x + doc.widthOfString(label) + 4;
  doc
    .moveTo(start, y + 15)
    .lineTo(x + width, y + 15)
    .lineWidth(0.6)
    .strokeColor(MUTED)
    .stroke();
}

/** 一次性告知单 (blank): the window ticks what is missing and hands it over, all at once (行政许可法 第32条). */
export async function renderNoticeChecklistPdf(guide: PublicGuideView, url: string): Promise<Buffer> {
  const doc = newDocument(`${guide.name} 一次性告知单`);
  const left = PAGE.margins.left;
  doc.font('bold').fontSize(18).text('一次性告知单', left, PAGE.margins.top, { width: WIDTH, align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`${guide.org.name}\u3000编号：________________`, { width: WIDTH, align: 'center' });
  let y = doc.y + 14;
  fillLine(doc, '申请人：', left, y, WIDTH / 2 - 10);
  fillLine(doc, '联系电话：', left + WIDTH / 2 + 10, y, WIDTH / 2 - 10);
  y += 26;
  doc.font('regular').fontSize(11).fillColor(INK);
  doc.text(`您申请办理的“${guide.name}”（事项编码 ${guide.code}）事项，经审查，尚需补正或提交以下材料（在 □ 内打 √）：`, left, y, {
    width: WIDTH,
    lineGap: 3,
  });
  doc.moveDown(0.5);
  guide.materials.forEach((material, index) => {
    if (doc.y > doc.page.height - PAGE.margins.bottom - 40) doc.addPage();
    const rowY = doc.y;
    doc
      .rect(left + 4, rowY + 2, 10, 10)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    const form = `${MATERIAL_FORM_LABELS[material.form]} ${material.copies} 份${material.required ? '' : '（如有）'}`;
    doc
      .font('regular')
      .fontSize(10.5)
      .fillColor(INK)
      .text(`${index + 1}. ${material.name}\u3000${form}${material.notes ? `\u3000${material.notes}` : ''}`, left + 22, rowY, {
        width: WIDTH - 22,
        lineGap: 2,
      });
    doc.moveDown(0.25);
  });
  const blankRowY = doc.y + 2;
  doc
    .rect(left + 4, blankRowY + 2, 10, 10)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  fillLine(doc, '其他：', left + 22, blankRowY, WIDTH - 22);
  doc.y = blankRowY + 26;
  doc
    .font('regular')
    .fontSize(10.5)
    .fillColor(INK)
    .text(
      `依据《中华人民共和国行政许可法》第三十二条，以上为需要补正的全部内容。请您补齐后再次提交，或交由村代办员代为报送。本事项承诺时限为 ${dayText(guide.promisedDays, guide)}，自材料齐全受理之日起计算。`,
      left,
      doc.y,
      { width: WIDTH, lineGap: 3 },
    );
  y = doc.y + 24;
  fillLine(doc, '窗口工作人员（首问责任人）：', left, y, WIDTH / 2 - 10);
  fillLine(doc, '申请人签收：', left + WIDTH / 2 + 10, y, WIDTH / 2 - 10);
  y += 30;
  fillLine(doc, '告知日期：', left, y, WIDTH / 2 - 10);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`咨询电话：${guide.contacts.consultPhone}\u3000监督电话：${guide.contacts.supervisePhone}`, left, y + 34, { width: WIDTH - 90 });
  await drawQr(doc, url, left + WIDTH - 72, y + 20, 72);
  return finish(doc, `${guide.org.name} · 一次性告知单 · ${guide.code}`);
}

/** Laid out on the heavy-work pool (with the QR code): a guide PDF takes tens to hundreds of milliseconds of CPU. */
export const guidePdfTasks = workerTasks(import.meta.url, { renderGuidePdf, renderNoticeChecklistPdf });
