import { describe, expect, it } from 'vitest';
import { chineseDateOf, orderNoticeLines } from './notice.rules.ts';

describe('督办通知书 wording', () => {
  it('names the late matter, the order, the date in words and the duty to answer', () => {
    const { fields, body } = orderNoticeLines({
      orderNo: '督〔2026〕3号',
      issuerOrgName: '田林县',
      orgName: '乐里镇',
      targetLabel: '4510-20261015-0001 宅基地使用权登记',
      targetWarning: 'red',
      instruction: '请于期限内办结并说明超期原因',
      addresseeName: '黄丽',
      dueOn: '2026-10-28',
      issuedBy: '监察员',
      issuedOn: '2026-10-23',
    });
    expect(fields.map((field) => [field.label, field.value])).toContainEqual(['预警等级', '红牌（严重超期）']);
    expect(fields.find((field) => field.label === '办理期限')?.value).toBe('2026年10月28日');
    expect(body[0]).toBe('黄丽：');
    expect(body[1]).toContain('请于期限内办结并说明超期原因');
    expect(body[2]).toContain('整改回告');
    expect(chineseDateOf('2026-01-05')).toBe('2026年1月5日');
  });
});
