import { describe, expect, it } from 'vitest';
import { noticeLines, renderNoticePdf, type NoticeData } from './pdf.ts';

const BASE = {
  centerName: '乐里镇便民服务中心',
  centerAddress: '乐里镇新昌路 8 号',
  centerPhone: '0776-7211001',
  caseNo: '451029101000-20261015-0001',
  applicantName: '黄秀英',
  applicantIdNumber: '451029********0017',
  itemName: '最低生活保障申请',
  receivedOn: '2026-10-15',
  promisedDays: 20,
  issuedOn: '2026-11-02',
};

describe('延期通知书 and 中止通知书 (pure)', () => {
  it('a 延期通知书 gives the reason, the days, the old and the new limit, and the law (第四十二条)', () => {
    const data: NoticeData = {
      ...BASE,
      kind: 'extended',
      days: 5,
      reason: '需入户核查家庭经济状况',
      previousDue: '2026-11-12',
      dueOn: '2026-11-19',
      approvedBy: '黄主任',
    };
    const lines = noticeLines(data);
    expect(lines[1]).toBe('延期通知书');
    expect(lines).toContain('原办结期限：2026年11月12日');
    expect(lines).toContain('延长期限：5个工作日');
    expect(lines).toContain('新办结期限：2026年11月19日');
    const body = lines.join('\n');
    expect(body).toContain('因需入户核查家庭经济状况，不能在原定期限内办结');
    expect(body).toContain('第四十二条');
    expect(body).toContain('将于2026年11月19日前办结');
  });

  it('a 中止通知书 names the procedure in Chinese, the day the clock stopped and the law (第四十五条)', () => {
    const lines = noticeLines({
      ...BASE,
      kind: 'suspended',
      procedure: 'public_notice',
      reason: '村（居）公示 7 日',
      suspendedOn: '2026-10-20',
      expectedEndOn: '2026-10-29',
    });
    expect(lines[1]).toBe('中止通知书');
    expect(lines).toContain('特别程序：公示');
    expect(lines).toContain('中止日期：2026年10月20日');
    const body = lines.join('\n');
    expect(body).toContain('第四十五条');
    expect(body).not.toContain('public_notice');
    expect(body).toContain('预计于2026年10月29日结束');
  });

  it('renders as a PDF', async () => {
    const pdf = await renderNoticePdf({
      ...BASE,
      kind: 'extended',
      days: 5,
      reason: '需入户核查',
      previousDue: '2026-11-12',
      dueOn: '2026-11-19',
      approvedBy: '黄主任',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
