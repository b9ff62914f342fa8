/** 督办通知书: what the printed order says, as lines (pure; the PDF lays them out). */
export interface OrderNoticeData {
  orderNo: string;
  issuerOrgName: string;
  orgName: string;
  targetLabel: string;
  targetWarning: 'yellow' | 'red';
  instruction: string;
  addresseeName: string;
  dueOn: string;
  issuedBy: string;
  issuedOn: string;
}

export interface OrderNoticeLine {
  label: string;
  value: string;
}

/** 2026-10-23 → 2026年10月23日 (documents write dates in words). */
export function chineseDateOf(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year ?? ''}年${String(Number(month))}月${String(Number(day))}日`;
}

/** seeds (责任追究, 限时办结): the order names the late matter, what to do, by when, and the duty to answer in writing. */
export function orderNoticeLines(data: OrderNoticeData): { fields: OrderNoticeLine[]; body: string[] } {
  return {
    fields: [
      { label: '督办单号', value: data.orderNo },
      { label: '被督办单位', value: data.orgName },
      { label: '督办对象', value: data.addresseeName },
      { label: '督办事项', value: data.targetLabel },
      { label: '预警等级', value: data.targetWarning === 'red' ? '红牌（严重超期）' : '黄牌（超期）' },
      { label: '办理期限', value: chineseDateOf(data.dueOn) },
    ],
    body: [
      `${data.addresseeName}：`,
      `经电子监察，上述事项已超过办理时限。现予督办：${data.instruction}`,
      `请于${chineseDateOf(data.dueOn)}前办结，并通过一站平台书面回告整改情况（整改回告）。逾期未回告的，将列为红色督办，报县行政服务中心，依规追究责任。`,
    ],
  };
}
