/** Words of the catalog pages (merged into the console's i18n under `catalog`). */
export const catalogMessages = {
  'zh-CN': {
    title: '事项目录', newItem: '新建事项', derive: '从基本目录派生', exportXlsx: '导出 Excel', exportJson: '导出 JSON', template: '空白模板', importFile: '导入',
    importPublish: '导入后直接发布', importDone: '已导入：新增 {created} 项，更新 {updated} 项', importRefused: '导入被拒绝，未作任何修改', row: '行', problems: '问题',
    code: '事项编码', name: '事项名称', tier: '目录', tiers: { base: '县基本目录', local: '乡镇实施清单' }, status: '状态', statuses: { draft: '草稿', published: '已发布', unpublished: '已撤销', superseded: '历史版本' },
    draftVersion: '草稿版本', publishedVersion: '发布版本', updatedAt: '更新时间', edit: '编辑', q: '按名称或编码查找',
    basic: '基本信息', itemType: '事项类型', audience: '服务对象', audiences: { personal: '个人', legal: '法人' }, department: '实施部门（站所）', window: '办理窗口',
    handledAt: '办理层级', handledAts: { village: '村代办', township: '乡镇办理', county: '上报县级' }, handling: '办理类型',
    handlings: { immediate: '即办件', promised: '承诺件', joint: '联办件', escalated: '上报件', reply: '明确答复' },
    legalDays: '法定时限', promisedDays: '承诺时限', dayKind: '时限计算', dayKinds: { working: '工作日', calendar: '自然日' },
    basis: '办事依据（每行一条）', conditions: '办理条件（每行一条）', procedure: '办理程序', stepName: '环节', actor: '办理人/部门', days: '天数',
    specialSteps: '特殊环节', countsInLimit: '计入时限', stepBasis: '依据', fee: '收费', materials: '申请材料', materialName: '材料名称', required: '必需', form: '形式',
    forms: { original: '原件', copy: '复印件', electronic: '电子件' }, copies: '份数', pendingAllowed: '可容缺', commitmentAllowed: '可告知承诺', notes: '备注', situations: '适用情形',
    fees: '收费标准（不收费则留空）', feeName: '收费项目', amount: '金额（元）', feeBasis: '收费依据', location: '办理地点', officeHours: '办理时间',
    staff: '经办人员', consultPhone: '咨询电话', supervisePhone: '监督电话', agentable: '可村代办', online: '可网上办', appointment: '可预约', maxVisits: '最多跑动次数',
    lifeEvents: '一件事（用“、”分隔）', keywords: '搜索关键词（用“、”分隔）', delivery: '送达方式', deliveries: { window: '窗口领取', post: '邮寄', agent: '村代办员', electronic: '电子证照' },
    addRow: '增加一行', remove: '删除', saveDraft: '保存草稿', publish: '发布', unpublish: '撤销发布', history: '版本历史', compare: '对比所选两个版本',
    version: '版本', createdAt: '创建时间', publishedAt: '发布时间', field: '项目', before: '修改前', after: '修改后', noChanges: '两个版本内容相同',
    invalid: '有 {n} 处需要修改', promisedOverLegal: '承诺时限不能超过法定时限', published: '已发布第 {version} 版', unpublished: '已撤销发布', confirmPublish: '发布后群众即可看到此版本，原发布版本保留在历史中。确定发布？',
    confirmUnpublish: '撤销后办事指南将不再公开。确定撤销？', baseItem: '基本目录事项', pickBase: '选择要派生的基本目录事项', viewPublic: '查看公开页',
  },
  en: {
    title: 'Item catalog', newItem: 'New item', derive: 'Derive from base catalog', exportXlsx: 'Export Excel', exportJson: 'Export JSON', template: 'Blank template', importFile: 'Import',
    importPublish: 'Publish after import', importDone: 'Imported: {created} new, {updated} updated', importRefused: 'Import refused, nothing changed', row: 'Row', problems: 'Problems',
    code: 'Code', name: 'Name', tier: 'Catalog', tiers: { base: 'County base', local: 'Township list' }, status: 'Status', statuses: { draft: 'Draft', published: 'Published', unpublished: 'Unpublished', superseded: 'Superseded' },
    draftVersion: 'Draft', publishedVersion: 'Published', updatedAt: 'Updated', edit: 'Edit', q: 'Find by name or code',
    basic: 'Basics', itemType: 'Item type', audience: 'For', audiences: { personal: 'Persons', legal: 'Organisations' }, department: 'Department', window: 'Window',
    handledAt: 'Handled at', handledAts: { village: 'Village agent', township: 'Township', county: 'Escalated to county' }, handling: 'Handling',
    handlings: { immediate: 'Immediate', promised: 'Promised', joint: 'Joint', escalated: 'Escalated', reply: 'Reply' },
    legalDays: 'Legal limit', promisedDays: 'Promised limit', dayKind: 'Days', dayKinds: { working: 'Working days', calendar: 'Calendar days' },
    basis: 'Legal basis (one per line)', conditions: 'Conditions (one per line)', procedure: 'Procedure', stepName: 'Step', actor: 'Who acts', days: 'Days',
    specialSteps: 'Special steps', countsInLimit: 'Counts in limit', stepBasis: 'Basis', fee: 'Fee', materials: 'Materials', materialName: 'Material', required: 'Required', form: 'Form',
    forms: { original: 'Original', copy: 'Copy', electronic: 'Electronic' }, copies: 'Copies', pendingAllowed: 'Pending allowed', commitmentAllowed: 'Commitment allowed', notes: 'Notes', situations: 'Situations',
    fees: 'Fees (leave empty when free)', feeName: 'Fee', amount: 'Amount (yuan)', feeBasis: 'Basis', location: 'Address', officeHours: 'Hours',
    staff: 'Responsible staff', consultPhone: 'Consultation phone', supervisePhone: 'Supervision phone', agentable: 'Village agent', online: 'Online', appointment: 'Appointment', maxVisits: 'Max visits',
    lifeEvents: 'Life events (separated by 、)', keywords: 'Keywords (separated by 、)', delivery: 'Delivery', deliveries: { window: 'Window', post: 'Post', agent: 'Village agent', electronic: 'Electronic' },
    addRow: 'Add row', remove: 'Remove', saveDraft: 'Save draft', publish: 'Publish', unpublish: 'Unpublish', history: 'History', compare: 'Compare the two selected',
    version: 'Version', createdAt: 'Created', publishedAt: 'Published', field: 'Field', before: 'Before', after: 'After', noChanges: 'The versions are the same',
    invalid: '{n} problems to fix', promisedOverLegal: 'The promised limit cannot exceed the legal limit', published: 'Version {version} published', unpublished: 'Unpublished', confirmPublish: 'The public will see this version; the previous one stays in history. Publish?',
    confirmUnpublish: 'The guide will no longer be public. Unpublish?', baseItem: 'Base item', pickBase: 'Pick a base-catalog item to derive', viewPublic: 'Public page',
  },
};

let merged = false;

export function mergeCatalogMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  if (merged) return;
  merged = true;
  merge('zh-CN', { catalog: catalogMessages['zh-CN'] });
  merge('en', { catalog: catalogMessages.en });
}
