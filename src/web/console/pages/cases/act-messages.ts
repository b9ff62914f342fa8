/**
 * Words of the act dialog and the extension request (延期申请, 行政许可法 第四十二条), merged into the
 * console's `cases` messages: what each act did (one toast per act), and the request awaiting the director.
 */
export const caseActMessages = {
  'zh-CN': {
    actsLabels: {
      extend: '延期',
      'request-extension': '申请延期',
      'approve-extension': '批准延期',
      'refuse-extension': '不批准延期',
    },
    noticeKinds: { extended: '延期通知书', suspended: '中止通知书' },
    /** The one toast after an act: what happened. */
    actDone: {
      accept: '已受理，办结期限 {due}',
      refuse: '已作出不予受理决定',
      'request-supplement': '已一次性告知补正',
      supplement: '已登记补齐的材料',
      'accept-pending': '已容缺受理，办结期限 {due}',
      suspend: '已中止计时（特别程序）',
      resume: '已恢复计时，办结期限 {due}',
      extend: '已延期，新的办结期限 {due}',
      'request-extension': '已提交延期申请，等待中心主任审批',
      'approve-extension': '已批准延期，新的办结期限 {due}',
      'refuse-extension': '已不批准延期，办结期限仍为 {due}',
      escalate: '已上报县级',
      'county-accept': '已登记县级受理',
      'county-result': '已登记县级审批结果',
      conclude: '已办结',
      'settle-fee': '已登记缴费/减免',
      deliver: '已送达',
      close: '已归档销号',
      withdraw: '已撤回',
    },
    extensionRequest: {
      title: '延期申请（待主任审批）',
      summary: '{by} 申请延期 {days} 个工作日：{reason}',
      days: '延期天数（工作日）',
      daysHint: '最多 {max} 个工作日（行政许可法第四十二条）',
      decisionNote: '审批意见',
      refuseReason: '不批准的理由',
    },
    remediesOnRefusal: '不予许可时须告知救济途径',
    workingDays: '{n} 个工作日',
  },
  en: {
    actsLabels: {
      extend: 'Extend',
      'request-extension': 'Request extension',
      'approve-extension': 'Approve extension',
      'refuse-extension': 'Refuse extension',
    },
    noticeKinds: { extended: 'Extension notice', suspended: 'Suspension notice' },
    actDone: {
      accept: 'Accepted, due {due}',
      refuse: 'Refused',
      'request-supplement': 'Supplement requested',
      supplement: 'Materials recorded',
      'accept-pending': 'Accepted pending materials, due {due}',
      suspend: 'Clock suspended',
      resume: 'Clock resumed, due {due}',
      extend: 'Extended, now due {due}',
      'request-extension': 'Extension requested; awaiting the director',
      'approve-extension': 'Extension approved, now due {due}',
      'refuse-extension': 'Extension refused; still due {due}',
      escalate: 'Escalated to the county',
      'county-accept': 'County acceptance recorded',
      'county-result': 'County decision recorded',
      conclude: 'Concluded',
      'settle-fee': 'Fee settled',
      deliver: 'Delivered',
      close: 'Closed',
      withdraw: 'Withdrawn',
    },
    extensionRequest: {
      title: 'Extension request (awaiting the director)',
      summary: '{by} asks for {days} working days: {reason}',
      days: 'Working days',
      daysHint: 'At most {max} working days',
      decisionNote: 'Note',
      refuseReason: 'Reason for refusing',
    },
    remediesOnRefusal: 'Remedies must be stated when refusing',
    workingDays: '{n} working days',
  },
};

let merged = false;

export function mergeCaseActMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  if (merged) return;
  merged = true;
  merge('zh-CN', { cases: caseActMessages['zh-CN'] });
  merge('en', { cases: caseActMessages.en });
}
