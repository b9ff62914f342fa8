/** Words of the village agency pages (merged into the console's i18n under `agency`). */
export const agencyMessages = {
  'zh-CN': {
    title: '代办件', scan: '扫码或输入代办编号后回车', scanHint: '扫描文件袋上的二维码或条码即可打开', scanNotFound: '未找到代办件 {requestNo}（或不属于本乡镇）', scanInvalid: '不是代办编号：{text}',
    openOnly: '只看未完结', allStatuses: '全部状态', counts: '待接收 {incoming} 件 · 未完结 {open} 件 · 预警 {warned} 件',
    requestNo: '代办编号', village: '村', agent: '代办员', item: '事项', applicant: '申请人', status: '状态', registeredAt: '登记时间', warning: '预警', nextDue: '最近期限',
    incoming: '待接收', idNumber: '证件号码', phone: '联系电话', case: '办件', noCase: '乡镇接收后开办件', caseDue: '办结期限', version: '版本',
    materials: '材料', materialName: '材料名称', required: '必需', optional: '非必需', receivedYes: '已收取', receivedNo: '未收取', fromAgent: '代办员登记',
    legs: '代办时限', due: '期限', doneAt: '完成时间', onTime: '按期', late: '超期', running: '进行中', notStarted: '尚未计时',
    events: '流转记录（交接）', scanned: '扫码交接', noEvents: '暂无记录', acts: '可进行的操作', noActs: '本件无需乡镇操作。', readOnlyActs: '您的角色只能查看。',
    printLabel: '打印文件袋标签', fee: '代收费用', feeValue: '{amount} 元（票据号 {receiptNo}）', receipt: '签收', satisfaction: '满意度',
    supplement: '待补正（一次性告知）', supplementReason: '原因',
    actsLabels: { receive: '接收并开办件', return: '返还到村', reassign: '改派代办员' },
    receiveTitle: '接收代办件 {requestNo}', receiveIntro: '请对照事项材料清单逐项核对文件袋中的材料，勾选实际收到的材料。',
    receivedCheck: '实收', scannedCheck: '已扫描文件袋标签', missingRequired: '必需材料未收齐：{names}。仍可接收，办件将按材料不全处理。', received: '已接收，办件 {caseNo} 已开办',
    returnTitle: '返还到村 {requestNo}', returnIntro: '办理结果随文件袋交代办员带回村，告知时限自交接起计算。', note: '备注', returned: '已返还到村',
    reassignTitle: '改派代办员', currentAgent: '当前代办员', newAgent: '新代办员', choose: '请选择', reason: '改派原因', reasonRequired: '请填写改派原因', agentRequired: '请选择代办员', noOtherAgent: '本村没有其他代办员', reassigned: '已改派给 {name}',
    statuses: { registered: '已登记', forwarded: '已报送', received: '乡镇已接收', concluded: '乡镇已办结', returned: '已返还到村', notified: '已告知申请人', signed: '已签收' },
    legNames: { forward: '报送乡镇', process: '乡镇办理', return: '返还到村', notify: '告知申请人' },
    warnings: { none: '正常', pre: '即将到期', yellow: '黄牌', red: '红牌' },
    notifyMethods: { phone: '电话告知', visit: '上门告知', sms: '短信告知' },
    caseStatuses: { submitted: '已接件', supplement_requested: '待补正', accepted: '办理中', suspended: '特别程序中', escalated: '已上报', concluded: '已办结', delivered: '已送达', closed: '已归档', refused: '不予受理', withdrawn: '已撤回' },
    performance: {
      title: '代办员绩效', month: '月份', export: '导出 Excel', agentsTab: '代办员', declinesTab: '不能代办登记', consultationsTab: '咨询登记',
      villages: '服务村', requests: '代办件', signed: '已签收', declined: '不能代办', consultations: '咨询', legsOnTime: '按期环节', onTimeRate: '按期率',
      ratings: '评价数', satisfiedRate: '满意率', fees: '代收费用（元）', total: '合计', at: '时间', applicantName: '申请人', itemName: '所办事项', reason: '原因',
      channel: '方式', asker: '咨询人', question: '咨询内容', answer: '答复', channels: { onsite: '现场', phone: '电话' },
      feesTab: '代收费用台账', feesTotal: '本月代收合计 {total} 元', requestNo: '代办编号', caseNo: '办件编号', receiptNo: '票据号',
    },
    settings: {
      title: '代办时限', intro: '村代办各环节的时限（工作日，法定节假日不计），全县适用。修改后对新的环节生效。', forwardDays: '报送乡镇', returnDays: '办结后返还到村', notifyDays: '返还后告知申请人',
      days: '个工作日', seeds: '文件规定：2个工作日内报送，办结后3个工作日内返还到村，2个工作日内告知申请人。',
    },
  },
  en: {
    title: 'Village agency', scan: 'Scan or type a request number, then Enter', scanHint: 'Scan the QR code or barcode on the folder to open it', scanNotFound: 'No request {requestNo} (or not of this township)', scanInvalid: 'Not a request number: {text}',
    openOnly: 'Open only', allStatuses: 'All states', counts: '{incoming} incoming · {open} open · {warned} warned',
    requestNo: 'Request no.', village: 'Village', agent: 'Agent', item: 'Item', applicant: 'Applicant', status: 'Status', registeredAt: 'Registered', warning: 'Warning', nextDue: 'Next due',
    incoming: 'Incoming', idNumber: 'ID number', phone: 'Phone', case: 'Case', noCase: 'Opened when the township receives it', caseDue: 'Case due', version: 'Version',
    materials: 'Materials', materialName: 'Material', required: 'Required', optional: 'Optional', receivedYes: 'Received', receivedNo: 'Missing', fromAgent: 'Agent recorded',
    legs: 'Time limits', due: 'Due', doneAt: 'Done', onTime: 'On time', late: 'Late', running: 'Running', notStarted: 'Not yet timed',
    events: 'Custody log', scanned: 'Scanned', noEvents: 'Nothing yet', acts: 'Allowed acts', noActs: 'Nothing for the township to do.', readOnlyActs: 'Your role can only view.',
    printLabel: 'Print folder label', fee: 'Fee collected', feeValue: '{amount} yuan (receipt {receiptNo})', receipt: 'Signed', satisfaction: 'Satisfaction',
    supplement: 'Materials requested', supplementReason: 'Reason',
    actsLabels: { receive: 'Receive and open case', return: 'Return to village', reassign: 'Reassign agent' },
    receiveTitle: 'Receive {requestNo}', receiveIntro: 'Check the folder against the item’s list and tick what is actually there.',
    receivedCheck: 'In folder', scannedCheck: 'Folder label scanned', missingRequired: 'Required materials missing: {names}. You may still receive it; the case will count them as missing.', received: 'Received; case {caseNo} opened',
    returnTitle: 'Return {requestNo}', returnIntro: 'The result goes back with the agent; the time to tell the applicant runs from the handover.', note: 'Note', returned: 'Returned to the village',
    reassignTitle: 'Reassign agent', currentAgent: 'Current agent', newAgent: 'New agent', choose: 'Choose', reason: 'Reason', reasonRequired: 'Give a reason', agentRequired: 'Choose an agent', noOtherAgent: 'The village has no other agent', reassigned: 'Reassigned to {name}',
    statuses: { registered: 'Registered', forwarded: 'Forwarded', received: 'Received', concluded: 'Concluded', returned: 'Returned', notified: 'Applicant told', signed: 'Signed' },
    legNames: { forward: 'To township', process: 'Township handling', return: 'Back to village', notify: 'Tell applicant' },
    warnings: { none: 'OK', pre: 'Due soon', yellow: 'Yellow card', red: 'Red card' },
    notifyMethods: { phone: 'By phone', visit: 'In person', sms: 'By SMS' },
    /** The server names events in Chinese; English has its own words (zh-CN shows the server's). */
    eventKinds: {
      registered: 'Registered by the agent (applicant consented)', forward: 'Forwarded to the township', receive: 'Received by the township; case opened', 'case-changed': 'Case progress',
      return: 'Result returned to the village', notify: 'Applicant told', sign: 'Signed by the applicant', 'collect-fee': 'Fee collected', reassign: 'Agent reassigned',
    },
    caseStatuses: { submitted: 'Received', supplement_requested: 'Awaiting materials', accepted: 'In progress', suspended: 'Suspended', escalated: 'Escalated', concluded: 'Concluded', delivered: 'Delivered', closed: 'Closed', refused: 'Refused', withdrawn: 'Withdrawn' },
    performance: {
      title: 'Agent performance', month: 'Month', export: 'Export Excel', agentsTab: 'Agents', declinesTab: 'Declined', consultationsTab: 'Consultations',
      villages: 'Villages', requests: 'Requests', signed: 'Signed', declined: 'Declined', consultations: 'Consultations', legsOnTime: 'Legs on time', onTimeRate: 'On-time rate',
      ratings: 'Ratings', satisfiedRate: 'Satisfied', fees: 'Fees (yuan)', total: 'Total', at: 'Time', applicantName: 'Applicant', itemName: 'Item', reason: 'Reason',
      channel: 'Channel', asker: 'Asked by', question: 'Question', answer: 'Answer', channels: { onsite: 'On site', phone: 'Phone' },
      feesTab: 'Fee ledger', feesTotal: 'Collected this month: {total} yuan', requestNo: 'Request no.', caseNo: 'Case no.', receiptNo: 'Receipt no.',
    },
    settings: {
      title: 'Agency time limits', intro: 'Working days allowed for each leg of village agency, county-wide. Changes apply to legs that start afterwards.', forwardDays: 'Forward to township', returnDays: 'Return after conclusion', notifyDays: 'Tell applicant after return',
      days: 'working days', seeds: 'The rule: forward within 2 working days, return within 3 after conclusion, tell the applicant within 2.',
    },
  },
};

let merged = false;

export function mergeAgencyMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  if (merged) return;
  merged = true;
  merge('zh-CN', { agency: agencyMessages['zh-CN'] });
  merge('en', { agency: agencyMessages.en });
}
