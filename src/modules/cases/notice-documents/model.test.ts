import { describe, expect, it } from 'vitest';
import { noticeLines, type NoticeData } from './model.ts';
import { appliedPhrase, reviewBodyOf, STANDARD_REMEDIES } from './wording.ts';

/** Notices in the words of the item's type and basis, with the tracking address, fees, 复议机关 and the new forms. */
const BASE = {
  centerName: '乐里镇便民服务中心',
  centerAddress: '乐里镇新昌路 8 号',
  centerPhone: '0776-7211001',
  caseNo: '451029100000-20261015-0001',
  applicantName: '黄秀兰',
  applicantIdNumber: '451029********0017',
  itemName: '最低生活保障申请',
  receivedOn: '2026-10-15',
  promisedDays: 20,
  issuedOn: '2026-10-15',
  itemType: '行政给付',
  basis: '《社会救助暂行办法》（国务院令第 649 号）',
  reviewBody: '田林县人民政府',
};
const ACCEPTED = {
  ...BASE,
  kind: 'accepted' as const,
  acceptedOn: '2026-10-15',
  dueOn: '2026-11-12',
  isDeemed: false,
  pendingMaterials: [],
  pendingDueOn: null,
};

describe('wording by item type and basis', () => {
  it('a 行政给付 (低保) is accepted on its own basis, never under 行政许可法 第三十二条, and 申请 is not doubled', () => {
    const text = noticeLines(ACCEPTED).join('\n');
    expect(text).toContain('您（单位）于2026年10月15日提交的“最低生活保障申请”，申请材料齐全、符合法定形式。');
    expect(text).toContain('依据《社会救助暂行办法》（国务院令第 649 号）等规定，本中心决定予以受理。');
    expect(text).not.toContain('行政许可法');
    expect(text).not.toContain('”申请申请');
    expect(text).not.toMatch(/“最低生活保障申请”申请/);
    expect(appliedPhrase('农村宅基地审批', '2026年10月15日')).toBe('您（单位）于2026年10月15日提交的“农村宅基地审批”申请');
  });

  it('a 行政给付 concludes 准予给付 / 不予给付, never 准予许可', () => {
    const concluded = {
      ...BASE,
      kind: 'concluded' as const,
      acceptedOn: '2026-10-15',
      dueOn: '2026-11-12',
      reason: '',
      remedies: '',
      certificateNo: '',
    };
    const granted = noticeLines({ ...concluded, result: 'granted' });
    expect(granted).toContain('办理结果：准予给付');
    expect(granted.join('\n')).not.toContain('许可');
    const denied = noticeLines({ ...concluded, result: 'denied', reason: '家庭人均收入高于当地低保标准' });
    expect(denied).toEqual(expect.arrayContaining(['办理结果：不予给付', '不予给付理由：家庭人均收入高于当地低保标准']));
    expect(denied.join('\n')).toContain('领取不予给付决定书及申请材料');
    const licence = noticeLines({ ...concluded, itemType: '行政许可', result: 'granted' });
    expect(licence).toContain('办理结果：准予许可');
    const service = noticeLines({ ...concluded, itemType: '公共服务', result: 'granted' });
    expect(service).toContain('办理结果：同意办理');
    // 好差评: the 办结 notice invites the rating at the tracking page's rating form (ADR 0026), only with a public address.
    expect(service.join('\n')).not.toContain('好差评');
    const rated = noticeLines({ ...concluded, result: 'granted', trackingUrl: 'https://yizhan.example.gov.cn/track?no=X-1' }).join('\n');
    expect(rated).toContain('欢迎对本次办理作出评价（好差评）：网址 https://yizhan.example.gov.cn/track?no=X-1&rate=1');
  });

  it('a 行政许可 still cites 第三十二条; a refusal of a 行政给付 does not', () => {
    const licence = noticeLines({ ...ACCEPTED, itemType: '行政许可', itemName: '农村宅基地审批' }).join('\n');
    expect(licence).toContain('依据《中华人民共和国行政许可法》第三十二条，本中心决定予以受理。');
    const refused = noticeLines({ ...BASE, kind: 'refused', reason: '申请人户籍不在本乡镇', remedies: '' }).join('\n');
    expect(refused).not.toContain('行政许可法');
    expect(refused).toContain('本中心决定不予受理。');
  });
});

describe('不予受理通知书: remedies once, naming the 复议机关', () => {
  it('the clerk’s own wording of the remedies is not printed beside the statutory sentence, which names the county government', () => {
    const lines = noticeLines({
      ...BASE,
      kind: 'refused',
      reason: '不符合条件',
      remedies: '可于 60 日内申请行政复议或 6 个月内提起行政诉讼',
    });
    expect(lines.filter((line) => line.includes('行政复议'))).toEqual([
      '如不服本决定，可在收到本通知书之日起六十日内向田林县人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    ]);
    expect(lines.some((line) => line.startsWith('告知事项'))).toBe(false);
    const other = noticeLines({ ...BASE, kind: 'refused', reason: '不符合条件', remedies: '请向县民政局咨询' });
    expect(other).toContain('告知事项：请向县民政局咨询');
    const unknownBody = noticeLines({ ...BASE, reviewBody: undefined, kind: 'refused', reason: '不符合条件', remedies: '' });
    expect(unknownBody).toContain(STANDARD_REMEDIES);
  });

  it('the 复议机关 of a township’s decision is the county’s people’s government', () => {
    expect(reviewBodyOf('田林县行政服务中心')).toBe('田林县人民政府');
    expect(reviewBodyOf('龙胜各族自治县政务服务中心')).toBe('龙胜各族自治县人民政府');
    expect(reviewBodyOf(undefined)).toBeUndefined();
    expect(reviewBodyOf('政务服务中心')).toBeUndefined();
  });
});

describe('tracking, fees and 补正期限 on the notices', () => {
  it('the 受理通知书 gives the tracking address and the fees owed', () => {
    const data: NoticeData = {
      ...ACCEPTED,
      itemType: '行政许可',
      itemName: '不动产登记',
      trackingUrl: 'https://yizhan.example.gov.cn/track?no=451029100000-20261015-0001',
      fees: { lines: [{ name: '不动产登记费（住宅类）', amount: '80.00' }], total: '80.00', statusLabel: '待缴' },
    };
    const lines = noticeLines(data);
    expect(lines).toContain('收费：不动产登记费（住宅类） 80.00 元；合计 80.00 元（待缴）');
    expect(lines.join('\n')).toContain(
      '您可凭办件编号和预留手机号后4位查询办理进度（网址 https://yizhan.example.gov.cn/track?no=451029100000-20261015-0001，或扫描本通知书右上角的二维码）。',
    );
  });

  it('the 一次性告知书 prints each material’s reason and the 补正期限', () => {
    const lines = noticeLines({
      ...BASE,
      kind: 'supplement',
      materials: [
        { name: '户口簿', reason: '缺户主页' },
        { name: '家庭收入证明', reason: '未加盖村委会公章' },
      ],
      note: '',
      dueOn: '2026-10-30',
    });
    expect(lines).toEqual(expect.arrayContaining(['补正期限：2026年10月30日', '1. 户口簿：缺户主页', '2. 家庭收入证明：未加盖村委会公章']));
    expect(lines.join('\n')).toContain('请您于2026年10月30日前按上述要求补齐材料');
    expect(lines.join('\n')).not.toContain('行政许可法');
  });
});

describe('收件凭证 and 送达回证', () => {
  it('收件凭证 lists the materials received and says that receipt is not acceptance', () => {
    const lines = noticeLines({
      ...BASE,
      kind: 'receipt',
      channelLabel: '窗口收件',
      materials: ['申请人居民身份证', '户口簿'],
      commitments: ['家庭收入证明'],
    });
    expect(lines[1]).toBe('收件凭证');
    expect(lines).toEqual(
      expect.arrayContaining(['收件方式：窗口收件', '1. 申请人居民身份证', '2. 户口簿', '以告知承诺代替的材料：家庭收入证明。']),
    );
    expect(lines.join('\n')).toContain('收件不等于受理');
    expect(lines).toContain('本凭证一式两份，一份交申请人，一份由本中心存档。');
  });

  it('送达回证 names the document, the method and the date, and leaves the recipient’s signature to be written', () => {
    const lines = noticeLines({
      ...BASE,
      kind: 'delivery',
      document: '办结通知书',
      certificateNo: '',
      methodLabel: '窗口领取（直接送达）',
      deliveredOn: '2026-11-02',
      issuedOn: '2026-11-02',
    });
    expect(lines[1]).toBe('送达回证');
    expect(lines).toEqual(
      expect.arrayContaining([
        '送达文书：办结通知书',
        '受送达人：黄秀兰',
        '送达方式：窗口领取（直接送达）',
        '送达日期：2026年11月2日',
        '受送达人签名（盖章）：____________________',
        '代收人签名及代收理由：____________________',
        '送达人签名：____________________',
      ]),
    );
  });
});
