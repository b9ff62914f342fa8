import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { workerTasks } from '../../kernel/heavy-work.ts';
import { pdfBytes, registerChineseFonts } from '../../shared/pdf-fonts.ts';
import { formatFen } from '../../shared/money.ts';
import type { AgencyRequestView, AgentMonthView } from './schemas.ts';

const LABEL_SIZE: [number, number] = [283.46, 198.43]; // 100 × 70 mm, a sticker for the paper folder

/**
 * 代办件流转标签: stuck on the paper folder; the QR code holds only the request number, which a
 * window's scanner types into the console, so no personal data travels on the label.
 */
export async function requestLabelPdf(request: AgencyRequestView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: LABEL_SIZE,
    margin: 12,
    info: { Title: `代办件 ${request.requestNo}`, Creator: '一站 · 便民服务平台' },
  });
  registerChineseFonts(doc);
  const qr = await QRCode.toBuffer(request.requestNo, { type: 'png', margin: 1, width: 360, errorCorrectionLevel: 'M' });
  doc.image(qr, 12, 12, { width: 110, height: 110 });
  const x = 130;
  const width = LABEL_SIZE[0] - x - 12;
  doc.font('bold').fontSize(11).text('村级代办件', x, 14, { width });
  doc
    .font('bold')
    .fontSize(9)
    .text(request.requestNo, x, doc.y + 2, { width });
  doc.font('regular').fontSize(8);
  for (const line of [
    `事项：${request.item.name}`,
    `申请人：${request.applicant.name}`,
    `村：${request.village.name}`,
    `代办员：${request.agent.name}`,
  ]) {
    doc.text(line, x, doc.y + 3, { width });
  }
  const forward = request.legs.find((leg) => leg.leg === 'forward');
  doc
    .font('regular')
    .fontSize(7.5)
    .text(`报送期限：${forward?.dueOn ?? ''}\u3000每次交接请扫码登记`, 12, 130, { width: LABEL_SIZE[0] - 24 });
  return pdfBytes(doc);
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** 代办员月度绩效表: what the township pays the monthly transport subsidy and incentives by. */
export async function agentMonthWorkbook(orgName: string, month: string, agents: readonly AgentMonthView[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '一站';
  const sheet = book.addWorksheet(`${month} 代办员绩效`);
  sheet.addRow([`${orgName} 村级代办员月度绩效表（${month}）`]);
  sheet.mergeCells(1, 1, 1, 14);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = [
    '代办员',
    '负责村',
    '登记代办件',
    '已签收',
    '不能代办',
    '咨询登记',
    '完成环节',
    '按期环节',
    '超期未办环节',
    '按期率',
    '超期记录',
    '评价数',
    '满意率',
    '代收费用（元）',
  ];
  sheet.addRow(header).font = { bold: true };
  for (const agent of agents) {
    sheet.addRow([
      agent.agentName,
      agent.villages,
      agent.requests,
      agent.signed,
      agent.declined,
      agent.consultations,
      agent.legsDone,
      agent.legsOnTime,
      agent.legsOpenLate,
      percent(agent.onTimeRate),
      agent.lateRecords,
      agent.ratings,
      percent(agent.satisfiedRate),
      formatFen(agent.feesFen),
    ]);
  }
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 24 : 13;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The label (with its QR code) and the workbook are made on the heavy-work pool, never on the event loop. */
export const documentTasks = workerTasks(import.meta.url, { requestLabelPdf, agentMonthWorkbook });
