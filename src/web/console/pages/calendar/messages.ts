import { i18n } from '../../i18n.ts';

/** The year-calendar page's strings, merged into the console's messages under `calendar`. */
const zhCN = {
  title: '工作日历',
  year: '年份',
  prevYear: '上一年',
  nextYear: '下一年',
  subscribe: '订阅（iCalendar）',
  provisionalYear: '{year} 年的全国节假日安排尚未录入（国务院办公厅通常在前一年 11 月发布通知），本年只按周末计算，结果为暂定。',
  kinds: {
    workday: '工作日',
    weekend: '周末',
    holiday: '法定节假日',
    adjusted_workday: '调休上班',
    local_holiday: '本地假日',
    local_workday: '本地工作日',
  },
  weekdays: '一 二 三 四 五 六 日',
  month: '{m} 月',
  provisional: '暂定',
  day: {
    title: '{date}',
    inherited: '此设置由 {org} 设定，本机构沿用；如需修改请选择 {org} 后操作。',
    own: '本机构设置：{name}',
    villageHint: '村级服务站沿用所属乡镇的工作日历，请选择乡镇后设置。',
    kind: '设置为',
    name: '名称',
    namePlaceholder: '如：壮族三月三',
    note: '说明',
    add: '添加本地设置',
    remove: '删除本地设置',
    confirmRemove: '删除后该日恢复为全国日历的安排，已计算的期限不会自动改变。确定删除？',
    nameRequired: '请填写名称',
    noPermission: '只有中心主任和县中心管理员可以修改工作日历。',
  },
  deadline: {
    title: '办理时限计算',
    start: '开始日期',
    days: '工作日数',
    compute: '计算',
    due: '到期日',
    rule: '开始当日不计，到期日为其后第 N 个工作日。',
  },
  national: {
    title: '全国节假日数据',
    year: '年份',
    source: '来源',
    sources: { package: '日历数据包', manual: '手工录入', json: 'JSON 导入', ics: 'iCalendar 导入' },
    counts: '放假 {h} 天 / 调休上班 {w} 天',
    document: '通知文号',
    documentPlaceholder: '如：国办发明电〔2024〕12号',
    format: '格式',
    content: '导入内容',
    contentPlaceholder: '粘贴 JSON 或 iCalendar 文本，或选择文件（JSON 格式见下方示例）',
    example: 'JSON 示例',
    file: '选择文件',
    replace: '替换数据包中已有的该年数据（仅用于以通知原文更正）',
    import: '导入',
    imported: '{year} 年全国节假日已导入',
  },
};

type Messages = typeof zhCN;

const en: Messages = {
  title: 'Working-day calendar',
  year: 'Year',
  prevYear: 'Previous year',
  nextYear: 'Next year',
  subscribe: 'Subscribe (iCalendar)',
  provisionalYear:
    'The national holidays of {year} have not been entered yet (the State Council publishes them each November); only weekends are counted and results are provisional.',
  kinds: {
    workday: 'Working day',
    weekend: 'Weekend',
    holiday: 'Public holiday',
    adjusted_workday: 'Adjusted working day',
    local_holiday: 'Local holiday',
    local_workday: 'Local working day',
  },
  weekdays: 'Mo Tu We Th Fr Sa Su',
  month: 'Month {m}',
  provisional: 'Provisional',
  day: {
    title: '{date}',
    inherited: 'Set by {org} and inherited here; select {org} to change it.',
    own: 'Set here: {name}',
    villageHint: 'Village stations use their township’s calendar; select the township to change it.',
    kind: 'Make it a',
    name: 'Name',
    namePlaceholder: 'e.g. Sanyuesan festival',
    note: 'Note',
    add: 'Add local day',
    remove: 'Remove local day',
    confirmRemove: 'The day returns to the national calendar; deadlines already computed do not change. Remove?',
    nameRequired: 'Enter a name',
    noPermission: 'Only center directors and county administrators can change the calendar.',
  },
  deadline: {
    title: 'Deadline calculator',
    start: 'Start date',
    days: 'Working days',
    compute: 'Compute',
    due: 'Due',
    rule: 'The start day is not counted; the due date is the Nth working day after it.',
  },
  national: {
    title: 'National holiday data',
    year: 'Year',
    source: 'Source',
    sources: { package: 'Calendar package', manual: 'Entered', json: 'JSON import', ics: 'iCalendar import' },
    counts: '{h} days off / {w} worked weekends',
    document: 'Notice number',
    documentPlaceholder: 'e.g. 国办发明电〔2024〕12号',
    format: 'Format',
    content: 'Content',
    contentPlaceholder: 'Paste JSON or iCalendar text, or choose a file (JSON format: see the example below)',
    example: 'JSON example',
    file: 'Choose file',
    replace: 'Replace the package data of that year (only to correct it from the notice)',
    import: 'Import',
    imported: 'National holidays of {year} imported',
  },
};

let isMerged = false;

/** Adds the page's strings once (the page is loaded lazily, so the console does not carry them until needed). */
export function mergeCalendarMessages(): void {
  if (isMerged) return;
  isMerged = true;
  i18n.global.mergeLocaleMessage('zh-CN', { calendar: zhCN });
  i18n.global.mergeLocaleMessage('en', { calendar: en });
}
