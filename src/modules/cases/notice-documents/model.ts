import { TIME_NOTICE_TITLES, timeNoticeBody, type TimeNoticeData } from './time-notices.ts';
import { appliedPhrase, decisionBasis, extraRemedies, isLicence, remediesSentence, resultWords, type ItemWording } from './wording.ts';

/** The printable notices of a window (行政许可法 第32条、第38条、第42条、第45条), the 收件凭证 and the 送达回证. */
export const NOTICE_KINDS = ['accepted', 'refused', 'supplement', 'concluded', 'extended', 'suspended', 'receipt', 'delivery'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  accepted: '受理通知书',
  refused: '不予受理通知书',
  supplement: '一次性告知书',
  concluded: '办结通知书',
  ...TIME_NOTICE_TITLES,
  receipt: '收件凭证',
  delivery: '送达回证',
};

export interface NoticeFees {
  lines: { name: string; amount: string }[];
  total: string;
  statusLabel: string;
}

interface NoticeBase extends ItemWording {
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
  /** 复议机关 named in the remedies (the county's people's government). */
  reviewBody?: string | undefined;
  /** 办件查询 address with the number prefilled (YIZHAN_PUBLIC_URL); printed and as a QR code. */
  trackingUrl?: string | undefined;
  /** 收费 owed or settled; null or absent when the item charges nothing. */
  fees?: NoticeFees | null;
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
    | { kind: 'supplement'; materials: { name: string; reason: string }[]; note: string; dueOn?: string | null }
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
    | { kind: 'receipt'; channelLabel: string; materials: string[]; commitments: string[] }
    | { kind: 'delivery'; document: string; certificateNo: string; methodLabel: string; deliveredOn: string | null }
    | TimeNoticeData
  );

export type NoticeBlock =
  | {
      style: 'center' | 'title' | 'docNo' | 'salutation' | 'paragraph' | 'item' | 'note' | 'seal' | 'date' | 'receipt' | 'sign';
      text: string;
    }
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

function remedyBlocks(data: NoticeBase, remedies: string): NoticeBlock[] {
  const extra = extraRemedies(remedies);
  return [
    ...(extra ? [{ style: 'paragraph' as const, text: `告知事项：${extra}` }] : []),
    { style: 'paragraph', text: remediesSentence(data.reviewBody) },
  ];
}

function feeFields(data: NoticeBase): [string, string][] {
  if (!data.fees) return [];
  const lines = data.fees.lines.map((line) => `${line.name} ${line.amount} 元`).join('；');
  return [['收费', `${lines}；合计 ${data.fees.total} 元（${data.fees.statusLabel}）`]];
}

function trackingText(data: NoticeBase): string {
  const where = data.trackingUrl ? `（网址 ${data.trackingUrl}，或扫描本通知书右上角的二维码）` : '';
  return `您可凭办件编号和预留手机号后4位查询办理进度${where}。`;
}

function bodyOf(data: NoticeData): { fields: [string, string][]; body: NoticeBlock[] } {
  const applied = appliedPhrase(data.itemName, chineseDate(data.receivedOn));
  const phone = data.centerPhone ? `咨询电话：${data.centerPhone}。` : '';
  const basis = decisionBasis(data);
  switch (data.kind) {
    case 'extended':
    case 'suspended':
      return timeNoticeBody(data, applied, phone);
    case 'accepted': {
      const opening = data.isDeemed
        ? `${applied}，本中心未在收到申请之日起五个工作日内作出受理决定。依据《中华人民共和国行政许可法》第三十二条，自收到申请材料之日起即为受理。`
        : data.pendingMaterials.length > 0
          ? `${applied}，主要申请材料齐全、符合法定形式，本中心决定予以容缺受理。请于${optionalDate(data.pendingDueOn)}前补交以下材料：`
          : `${applied}，申请材料齐全、符合法定形式。${basis}本中心决定予以受理。`;
      return {
        fields: [
          ['受理日期', chineseDate(data.acceptedOn)],
          ['承诺时限', dayText(data.promisedDays, data.dayKind)],
          ['办结期限', optionalDate(data.dueOn)],
          ...(data.pendingMaterials.length > 0
            ? ([['容缺材料', `${data.pendingMaterials.join('、')}（${optionalDate(data.pendingDueOn)}前补交）`]] as [string, string][])
            : []),
          ...feeFields(data),
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
          { style: 'paragraph', text: `请妥善保管本通知书。${trackingText(data)}${phone}` },
        ],
      };
    }
    case 'refused':
      return {
        fields: [],
        body: [
          { style: 'paragraph', text: `${applied}，经审查，不符合受理条件。${basis}本中心决定不予受理。` },
          { style: 'paragraph', text: `不予受理理由：${data.reason}` },
          ...remedyBlocks(data, data.remedies),
        ],
      };
    case 'supplement': {
      const dueOn = data.dueOn ?? null;
      return {
        fields: [
          ['承诺时限', dayText(data.promisedDays, data.dayKind)],
          ...(dueOn ? ([['补正期限', chineseDate(dueOn)]] as [string, string][]) : []),
        ],
        body: [
          {
            style: 'paragraph',
            text: `${applied}，经审查，申请材料不齐全或者不符合法定形式。${isLicence(data) ? `依据《中华人民共和国行政许可法》第三十二条，` : ''}现一次性告知您需要补正的全部内容如下：`,
          },
          ...data.materials.map((material, index) => ({
            style: 'item' as const,
            text: `${String(index + 1)}. ${material.name}：${material.reason}`,
          })),
          ...(data.note ? [{ style: 'paragraph' as const, text: `其他说明：${data.note}` }] : []),
          {
            style: 'paragraph',
            text: `请您${dueOn ? `于${chineseDate(dueOn)}前` : ''}按上述要求补齐材料后到本中心窗口提交，或交由村代办员代为报送。补正材料齐全、符合法定形式的，本中心予以受理，承诺办结时限为${dayText(data.promisedDays, data.dayKind)}，自受理之日起计算。${phone}`,
          },
        ],
      };
    }
    case 'concluded': {
      const isGranted = data.result === 'granted';
      // 明确答复件: the result is the written answer itself.
      const answer = data.answer ?? '';
      const resultText = answer ? '已书面答复' : resultWords(data, data.result);
      const denied = resultWords(data, 'denied');
      const place = `${data.centerName}${data.centerAddress ? `（${data.centerAddress}）` : ''}`;
      return {
        fields: [
          ['受理日期', optionalDate(data.acceptedOn)],
          ['办结期限', optionalDate(data.dueOn)],
          ['办结日期', chineseDate(data.issuedOn)],
          ['办理结果', resultText],
          ...(data.certificateNo ? ([['证照（批文）编号', data.certificateNo]] as [string, string][]) : []),
          ...(isGranted ? feeFields(data) : []),
        ],
        body: [
          { style: 'paragraph', text: `${applied}，本中心已于${chineseDate(data.issuedOn)}办结，办理结果为：${resultText}。` },
          ...(answer ? [{ style: 'paragraph' as const, text: `答复内容：${answer}` }] : []),
          ...(isGranted
            ? []
            : [{ style: 'paragraph' as const, text: `${denied}理由：${data.reason}` }, ...remedyBlocks(data, data.remedies)]),
          {
            style: 'paragraph',
            text: `请申请人凭本通知书和本人有效身份证件，在工作时间到${place}领取${isGranted ? '办理结果' : `${denied}决定书及申请材料`}；委托他人或村代办员代领的，请出具委托书。${phone}`,
          },
          ...(data.trackingUrl
            ? [
                {
                  style: 'paragraph' as const,
                  text: `欢迎对本次办理作出评价（好差评）：网址 ${data.trackingUrl}&rate=1，或扫描本通知书右上角的二维码。`,
                },
              ]
            : []),
        ],
      };
    }
    case 'receipt':
      return {
        fields: [['收件方式', data.channelLabel], ...feeFields(data)],
        body: [
          { style: 'paragraph', text: `${applied}，本中心已收到下列申请材料（共${String(data.materials.length)}项）：` },
          ...data.materials.map((name, index) => ({ style: 'item' as const, text: `${String(index + 1)}. ${name}` })),
          ...(data.commitments.length > 0
            ? [{ style: 'paragraph' as const, text: `以告知承诺代替的材料：${data.commitments.join('、')}。` }]
            : []),
          {
            style: 'paragraph',
            text: `收件不等于受理。本中心将依法在五个工作日内作出是否受理的决定，并出具受理通知书、不予受理通知书或一次性告知书。${trackingText(data)}${phone}`,
          },
        ],
      };
    case 'delivery':
      return {
        fields: [
          ['送达文书', data.document],
          ...(data.certificateNo ? ([['证照（批文）编号', data.certificateNo]] as [string, string][]) : []),
          ['受送达人', data.applicantName],
          ['送达方式', data.methodLabel],
          ['送达地点', data.centerAddress || data.centerName],
          ['送达日期', data.deliveredOn ? chineseDate(data.deliveredOn) : '______年____月____日'],
        ],
        body: [{ style: 'paragraph', text: `${applied}的${data.document}已依法送达。受送达人请核对文书后签名或盖章，并注明签收日期。` }],
      };
  }
}

/** The notice as a list of styled text blocks: what is printed, in order, and what the tests read. */
export function noticeModel(data: NoticeData): NoticeBlock[] {
  const { fields, body } = bodyOf(data);
  const head: NoticeBlock[] = [
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
  ];
  if (data.kind === 'delivery') {
    // 送达回证: the recipient signs; a stand-in says who and why, the server signs as well.
    return [
      ...head,
      ...body,
      { style: 'sign', text: '受送达人签名（盖章）：____________________' },
      { style: 'sign', text: '签收日期：______年____月____日' },
      { style: 'sign', text: '代收人签名及代收理由：____________________' },
      { style: 'sign', text: '送达人签名：____________________' },
      { style: 'sign', text: '备注：____________________________________' },
      { style: 'seal', text: data.centerName },
      { style: 'date', text: chineseDate(data.issuedOn) },
    ];
  }
  return [
    ...head,
    { style: 'salutation', text: `${data.applicantName}：` },
    ...body,
    { style: 'note', text: `本${data.kind === 'receipt' ? '凭证' : '通知书'}一式两份，一份交申请人，一份由本中心存档。` },
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
