/** Words of the case pages (merged into the console's i18n under `cases`). */
export const casesMessages = {
  'zh-CN': {
    title: '办件', intake: '接件', mine: '只看我的', all: '全部状态', caseNo: '办件编号', item: '事项', applicant: '申请人', status: '状态',
    received: '接件日期', due: '办结期限', warning: '预警', open: '办理', materials: '材料', timeline: '办理过程', acts: '可进行的操作', noActs: '办件已终结，无需再操作。', reveal: '查看完整号码', revealReason: '请说明查看完整证件号码和电话的理由（将记入审计日志）', revealReasonTooShort: '理由至少 4 个字',
    required: '必需', optional: '非必需', receivedYes: '已收取', receivedNo: '未收取', pending: '容缺', channel: '渠道', idNumber: '证件号码', phone: '联系电话',
    address: '地址', itemCode: '事项编码', applicantType: '申请人类型', person: '个人', org: '法人', submit: '提交接件', opened: '已接件：{caseNo}',
    reason: '理由', remedies: '救济途径', note: '说明', days: '工作日数', procedure: '特别程序', expectedEnd: '预计结束', result: '办结结果', granted: '准予',
    denied: '不予', certificateNo: '证照编号', method: '送达方式', trackingNo: '邮寄单号', pendingDue: '容缺材料补交期限', pendingMaterials: '容缺材料', materialName: '材料名称',
    addMaterial: '增加一项', version: '版本', answer: '书面答复', byCommitment: '以告知承诺书代替', commitmentTag: '告知承诺', commitmentHint: '已签署告知承诺书代替此证明，待事后核查',
    fees: '收费', feeFree: '本事项不收费', feeName: '收费项目', feeAmount: '金额（元）', feeTotal: '应收 {amount} 元', feeDue: '应收金额',
    feeOutcome: '缴费结果', feePaid: '已缴费', feeWaived: '减免', receiptNo: '票据号', waiverReason: '减免依据', settledAt: '办理时间',
    feeLapsed: '办件未准予许可，无需缴纳', receiptNoHint: '财政票据号：字母、数字或连字符，最多 40 位',
    feeStatuses: { none: '无需缴纳', due: '待缴', paid: '已缴', waived: '已减免' },
    covering: '代 {name}', coveringHint: 'AB岗：{name} 离岗期间由您代办，办件仍属 {name}',
    printNotices: '打印通知书',
    noticeKinds: { accepted: '受理通知书', refused: '不予受理通知书', supplement: '一次性告知书', concluded: '办结通知书' },
    escalation: {
      title: '上报县级', to: '县级承办部门', escalatedOn: '上报日期', preReviewDue: '初审期限（第43条）', onTime: '按期上报', late: '超期 {days} 个工作日上报',
      countyCaseNo: '县级办件编号', countyAcceptedOn: '县级受理日期', countyDue: '县级办理期限', countyResult: '县级审批结果', countyDecidedOn: '县级审批日期',
      documentNo: '批准文号', waiting: '待县级登记', stageDue: '本环节期限',
    },
    statuses: { submitted: '已接件', supplement_requested: '待补正', accepted: '办理中', suspended: '特别程序中', escalated: '已上报', concluded: '已办结', delivered: '已送达', closed: '已归档', refused: '不予受理', withdrawn: '已撤回' },
    warnings: { none: '正常', pre: '预警', yellow: '黄牌', red: '红牌' },
    channels: { window: '窗口', online: '网上', agent: '村代办' },
    actsLabels: {
      accept: '受理', refuse: '不予受理', 'request-supplement': '一次性告知补正', supplement: '补齐材料', 'accept-pending': '容缺受理', suspend: '挂起（特别程序）',
      resume: '恢复计时', extend: '延期（主任审批）', escalate: '上报县级', 'county-accept': '登记县级受理', 'county-result': '登记县级审批结果', conclude: '办结', 'settle-fee': '缴费/减免', deliver: '送达', close: '归档销号', withdraw: '撤回', submit: '接件',
      'deem-accepted': '逾期视为受理', warning: '电子监察预警',
    },
    procedures: { hearing: '听证', auction: '拍卖', testing: '检测', inspection: '检验', quarantine: '检疫', appraisal: '鉴定', expert_review: '专家评审', public_notice: '公示', site_survey: '现场踏勘' },
    methods: { window: '窗口领取', post: '邮寄', agent: '村代办员转交', electronic: '电子送达' },
  },
  en: {
    title: 'Cases', intake: 'New case', mine: 'Mine only', all: 'All states', caseNo: 'Case no.', item: 'Item', applicant: 'Applicant', status: 'Status',
    received: 'Received', due: 'Due', warning: 'Warning', open: 'Open', materials: 'Materials', timeline: 'Timeline', acts: 'Allowed acts', noActs: 'This case is finished; nothing more to do.', reveal: 'Show full numbers', revealReason: 'Why do you need the full ID number and phone? (recorded in the audit log)', revealReasonTooShort: 'At least 4 characters',
    required: 'Required', optional: 'Optional', receivedYes: 'Received', receivedNo: 'Missing', pending: 'Pending', channel: 'Channel', idNumber: 'ID number', phone: 'Phone',
    address: 'Address', itemCode: 'Item code', applicantType: 'Applicant type', person: 'Person', org: 'Organisation', submit: 'Open case', opened: 'Opened: {caseNo}',
    reason: 'Reason', remedies: 'Remedies', note: 'Note', days: 'Working days', procedure: 'Special procedure', expectedEnd: 'Expected end', result: 'Result', granted: 'Granted',
    denied: 'Denied', certificateNo: 'Certificate no.', method: 'Delivery', trackingNo: 'Tracking no.', pendingDue: 'Pending materials due', pendingMaterials: 'Pending materials', materialName: 'Material',
    addMaterial: 'Add one', version: 'Version', answer: 'Written answer', byCommitment: 'Signed commitment instead', commitmentTag: 'By commitment', commitmentHint: 'A signed commitment stands in for this proof; to be verified',
    fees: 'Fees', feeFree: 'This item is free of charge', feeName: 'Fee', feeAmount: 'Amount (yuan)', feeTotal: 'Due {amount} yuan', feeDue: 'Amount due',
    feeOutcome: 'Outcome', feePaid: 'Paid', feeWaived: 'Waived', receiptNo: 'Receipt no.', waiverReason: 'Basis of waiver', settledAt: 'Settled at',
    feeLapsed: 'Not granted: nothing to pay', receiptNoHint: 'Receipt number: letters, digits or hyphens, up to 40',
    feeStatuses: { none: 'Not payable', due: 'Due', paid: 'Paid', waived: 'Waived' },
    covering: 'For {name}', coveringHint: 'Backup: you cover for {name} while away; the case stays theirs',
    printNotices: 'Print notices',
    noticeKinds: { accepted: 'Acceptance notice', refused: 'Refusal notice', supplement: 'Supplement notice', concluded: 'Conclusion notice' },
    escalation: {
      title: 'Forwarded to the county', to: 'County department', escalatedOn: 'Forwarded on', preReviewDue: 'Pre-review due (art. 43)', onTime: 'Forwarded in time', late: 'Forwarded {days} working days late',
      countyCaseNo: 'County case no.', countyAcceptedOn: 'County accepted on', countyDue: 'County due', countyResult: 'County decision', countyDecidedOn: 'Decided on',
      documentNo: 'Approval document no.', waiting: 'Not yet recorded', stageDue: 'Stage due',
    },
    statuses: { submitted: 'Received', supplement_requested: 'Awaiting materials', accepted: 'In progress', suspended: 'Suspended', escalated: 'Escalated', concluded: 'Concluded', delivered: 'Delivered', closed: 'Closed', refused: 'Refused', withdrawn: 'Withdrawn' },
    warnings: { none: 'OK', pre: 'Due soon', yellow: 'Yellow card', red: 'Red card' },
    channels: { window: 'Window', online: 'Online', agent: 'Village agent' },
    actsLabels: {
      accept: 'Accept', refuse: 'Refuse', 'request-supplement': 'Request materials', supplement: 'Materials supplied', 'accept-pending': 'Accept pending', suspend: 'Suspend',
      resume: 'Resume', extend: 'Extend (director)', escalate: 'Escalate', 'county-accept': 'County accepted', 'county-result': 'County decision', conclude: 'Conclude', 'settle-fee': 'Pay / waive fee', deliver: 'Deliver', close: 'Close', withdraw: 'Withdraw', submit: 'Received',
      'deem-accepted': 'Deemed accepted', warning: 'Supervision warning',
    },
    procedures: { hearing: 'Hearing', auction: 'Auction', testing: 'Testing', inspection: 'Inspection', quarantine: 'Quarantine', appraisal: 'Appraisal', expert_review: 'Expert review', public_notice: 'Public notice', site_survey: 'Site survey' },
    methods: { window: 'Window pickup', post: 'Post', agent: 'Village agent', electronic: 'Electronic' },
  },
};

let merged = false;

export function mergeCasesMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  if (merged) return;
  merged = true;
  merge('zh-CN', { cases: casesMessages['zh-CN'] });
  merge('en', { cases: casesMessages.en });
}
