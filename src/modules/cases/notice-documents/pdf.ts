import PDFDocument from 'pdfkit';
import { workerTasks } from '../../../kernel/heavy-work.ts';
import { pdfBytes, registerChineseFonts } from '../../../shared/pdf-fonts.ts';
import { TIME_NOTICE_TITLES, timeNoticeBody, type TimeNoticeData } from './time-notices.ts';

/** The printable notices the Administrative Licensing Law asks of a window (行政许可法 第32条、第38条). */
export const NOTICE_KINDS = ['accepted', 'refused', 'supplement', 'concluded', 'extended', 'suspended'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  accepted: '受理通知书',
  refused: '不予受理通知书',
  supplement: '一次性告知书',
  concluded: '办结通知书',
  ...TIME_NOTICE_TITLES,
};

/** 行政复议法 第20条 (60 days) and 行政诉讼法 第46条 (6 months): every refusal names both remedies. */
export const STANDARD_REMEDIES = '如不服本决定，可在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';

interface NoticeBase {
  centerName: string;
  centerAddress: string;
  centerPhone: string;
  caseNo: string;
  applicantName: string;
  /** Already masked (R10): a printed notice travels further than the case page. */
  applicantIdNumber: string;
  itemName: string;
  receivedOn: string;
  promisedDays: number;
  /** 时限计算方式 (absent on notices built before it existed: working days). */
  dayKind?: 'working' | 'calendar';
  /** 办理情形 ticked at intake: the notice says which situation its material list was drawn for. */
  situations?: readonly string[];
  issuedOn: string;
}

export type NoticeData = NoticeBase &
  (
    | {
        kind: 'accepted';
        acceptedOn: string;
        dueOn: string | null;
        isDeemed: boolean;
        pendingMaterials: string[];
        pendingDueOn: string | null;
      }
    | { kind: 'refused'; reason: string; remedies: string }
    | { kind: 'supplement'; materials: { name: string; reason: string }[]; note: string }
    | {
        kind: 'concluded';
        acceptedOn: string | null;
        dueOn: string | null;
        result: 'granted' | 'denied';
        reason: string;
        remedies: string;
        certificateNo: string;
        answer?: string;
      }
    | TimeNoticeData
  );

export type NoticeBlock =
  | { style: 'center' | 'title' | 'docNo' | 'salutation' | 'paragraph' | 'item' | 'note' | 'seal' | 'date' | 'receipt'; text: string }
  | { style: 'field'; label: string; value: string };

/** 2026-11-22 → 2026年11月22日, as dated on an official document. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${String(year)}年${String(month)}月${String(day)}日`;
}

function dayText(days: number, kind: NoticeBase['dayKind'] = 'working'): string {
  return days === 0 ? '即办（当场办结）' : `${String(days)}个${kind === 'calendar' ? '自然日' : '工作日'}`;
}

function optionalDate(date: string | null): string {
  return date === null ? '—' : chineseDate(date);
}

/** Stored remedies may repeat the statutory sentence; print it once. */
function remedyBlocks(remedies: string): NoticeBlock[] {
  const extra = remedies.trim();
  return [
    ...(extra && extra !== STANDARD_REMEDIES ? [{ style: 'paragraph' as const, text: `告知事项：${extra}` }] : []),
    { style: 'paragraph', text: STANDARD_REMEDIES },
  ];
}

function bodyOf(data: NoticeData): { fields: [string, string][]; body: NoticeBlock[] } {
  const applied = `您（单位）于${chineseDate(data.receivedOn)}提交的“${data.itemName}”申请`;
  const phone = data.centerPhone ? `咨询电话：${data.centerPhone}。` : '';
  switch (data.kind) {
    case 'extended':
    case 'suspended':
      return timeNoticeBody(data, applied, phone);
    case 'accepted': {
      const opening = data.isDeemed
        ? `${applied}，本中心未在收到申请之日起五个工作日内作出受理决定。依据《中华人民共和国行政许可法》第三十二条，自收到申请材料之日起即为受理。`
        : data.pendingMaterials.length > 0
          ? `${applied}，主要申请材料齐全、符合法定形式，本中心决定予以容缺受理。请于${optionalDate(data.pendingDueOn)}前补交以下材料：`
          : `${applied}，申请材料齐全、符合法定形式。依据《中华人民共和国行政许可法》第三十二条，本中心决定予以受理。`;
      return {
        fields: [
          ['受理日期', chineseDate(data.acceptedOn)],
          ['承诺时限', dayText(data.promisedDays, data.dayKind)],
          ['办结期限', optionalDate(data.dueOn)],
          ...(data.pendingMaterials.length > 0
            ? ([['容缺材料', `${data.pendingMaterials.join('、')}（${optionalDate(data.pendingDueOn)}前补交）`]] as [string, string][])
            : []),
        ],
        body: [
          { style: 'paragraph', text: opening },
          ...(data.isDeemed
            ? []
            : data.pendingMaterials.map((name, index) => ({ style: 'item' as const, text: `${String(index + 1)}. ${name}` }))),
          {
            style: 'paragraph',
            text: `本事项承诺办结时限为${dayText(data.promisedDays, data.dayKind)}，本中心将于${optionalDate(data.dueOn)}前办结（依法需要听证、检验、检测、鉴定、专家评审等的时间不计算在内）。`,
          },
          { style: 'paragraph', text: `请妥善保管本通知书。您可凭办件编号和预留手机号后4位查询办理进度。${phone}` },
        ],
      };
    }
    case 'refused':
      return {
        fields: [],
        body: [
          {
            style: 'paragraph',
            text: `${applied}，经审查，不符合受理条件。依据《中华人民共和国行政许可法》第三十二条，本中心决定不予受理。`,
          },
          { style: 'paragraph', text: `不予受理理由：${data.reason}` },
          ...remedyBlocks(data.remedies),
        ],
      };
    case 'supplement':
      return {
        fields: [['承诺时限', dayText(data.promisedDays, data.dayKind)]],
        body: [
          {
            style: 'paragraph',
            text: `${applied}，经审查，申请材料不齐全或者不符合法定形式。依据《中华人民共和国行政许可法》第三十二条，现一次性告知您需要补正的全部内容如下：`,
          },
          ...data.materials.map((material, index) => ({
            style: 'item' as const,
            text: `${String(index + 1)}. ${material.name}：${material.reason}`,
          })),
          ...(data.note ? [{ style: 'paragraph' as const, text: `其他说明：${data.note}` }] : []),
          {
            style: 'paragraph',
            text: `请您按上述要求补齐材料后到本中心窗口提交，或交由村代办员代为报送。补正材料齐全、符合法定形式的，本中心予以受理，承诺办结时限为${dayText(data.promisedDays, data.dayKind)}，自受理之日起计算。${phone}`,
          },
        ],
      };
    case 'concluded': {
      const isGranted = data.result === 'granted';
      // 明确答复件: the result is the written answer itself.
      const answer = data.answer ?? '';
      const resultText = answer ? '已书面答复' : isGranted ? '准予许可' : '不予许可';
      const place = `${data.centerName}${data.centerAddress ? `（${data.centerAddress}）` : ''}`;
      return {
        fields: [
          ['受理日期', optionalDate(data.acceptedOn)],
          ['办结期限', optionalDate(data.dueOn)],
          ['办结日期', chineseDate(data.issuedOn)],
          ['办理结果', resultText],
          ...(data.certificateNo ? ([['证照（批文）编号', data.certificateNo]] as [string, string][]) : []),
        ],
        body: [
          { style: 'paragraph', text: `${applied}，本中心已于${chineseDate(data.issuedOn)}办结，办理结果为：${resultText}。` },
          ...(answer ? [{ style: 'paragraph' as const, text: `答复内容：${answer}` }] : []),
          ...(isGranted ? [] : [{ style: 'paragraph' as const, text: `不予许可理由：${data.reason}` }, ...remedyBlocks(data.remedies)]),
          {
            style: 'paragraph',
            text: `请申请人凭本通知书和本人有效身份证件，在工作时间到${place}领取${isGranted ? '办理结果' : '不予许可决定书及申请材料'}；委托他人或村代办员代领的，请出具委托书。${phone}`,
          },
        ],
      };
    }
  }
}

/** The notice as a list of styled text blocks: what is printed, in order, and what the tests read. */
export function noticeModel(data: NoticeData): NoticeBlock[] {
  const { fields, body } = bodyOf(data);
  return [
    { style: 'center', text: data.centerName },
    { style: 'title', text: NOTICE_TITLES[data.kind] },
    { style: 'docNo', text: `办件编号：${data.caseNo}` },
    { style: 'field', label: '申请人', value: data.applicantName },
    { style: 'field', label: '证件号码', value: data.applicantIdNumber },
    { style: 'field', label: '申请事项', value: data.itemName },
    ...(data.situations && data.situations.length > 0
      ? [{ style: 'field' as const, label: '办理情形', value: data.situations.join('、') }]
      : []),
    { style: 'field', label: '收件日期', value: chineseDate(data.receivedOn) },
    ...fields.map(([label, value]) => ({ style: 'field' as const, label, value })),
    { style: 'salutation', text: `${data.applicantName}：` },
    ...body,
    { style: 'note', text: '本通知书一式两份，一份交申请人，一份由本中心存档。' },
    { style: 'seal', text: data.centerName },
    { style: 'date', text: chineseDate(data.issuedOn) },
    { style: 'receipt', text: '申请人（代理人）签收：____________' },
    { style: 'receipt', text: '签收日期：______年____月____日' },
  ];
}

/** The printed text, one string per block (a field reads “标签：值”). */
export function noticeLines(data: NoticeData): string[] {
  return noticeModel(data).map((block) => (block.style === 'field' ? `${block.label}：${block.value}` : block.text));
}

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

/** 通知书 (A4, one page for an ordinary case): red center header, fields table, body, seal box, receipt line. */
export function renderNoticePdf(data: NoticeData): Promise<Buffer> {
  const title = NOTICE_TITLES[data.kind];
  const doc = new PDFDocument({ size: 'A4', margins: MARGIN, info: { Title: `${title} ${data.caseNo}`, Creator: '一站 · 便民服务平台' } });
  registerChineseFonts(doc);
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
