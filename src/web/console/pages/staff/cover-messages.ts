/** Words of AB岗互补 on the staff page (merged into the console's i18n under `cover`). */
export const coverMessages = {
  'zh-CN': {
    backup: 'B岗',
    none: '未设置',
    setBackup: '设置B岗',
    backupOf: '{name} 的B岗',
    backupHint: '离岗期间，其未办结办件出现在B岗的待办中，由B岗以本人名义代办，办件仍属原经办人。',
    absent: '离岗中',
    absentUntil: '离岗至 {date}',
    planned: '计划离岗 {from} 至 {to}',
    markAbsent: '登记离岗',
    markReturned: '登记返岗',
    cancelAbsence: '取消离岗',
    absenceOf: '{name} 离岗',
    dates: '离岗日期',
    start: '开始日期',
    end: '结束日期',
    datesHint: '起止日期均含当天；结束日期过后自动视为在岗。',
    reason: '事由',
    reasonPlaceholder: '如：请假、参加会议、参加培训',
    noBackup: '{name} 尚未设置B岗，离岗期间其办件无人代办。',
    confirmReturn: '确定 {name} 今天已返岗？其办件将退出B岗的待办。',
    confirmCancel: '确定取消 {name} {from} 至 {to} 的离岗登记？',
    datesRequired: '请选择离岗起止日期',
    reasonLength: '事由为 {min}–{max} 个字',
  },
  en: {
    backup: 'Backup',
    none: 'None',
    setBackup: 'Set backup',
    backupOf: 'Backup of {name}',
    backupHint: 'While away, their open cases appear in the backup’s queue; the backup acts in their own name and the case stays assigned.',
    absent: 'Away',
    absentUntil: 'Away until {date}',
    planned: 'Away {from} to {to} (planned)',
    markAbsent: 'Mark away',
    markReturned: 'Mark back',
    cancelAbsence: 'Cancel absence',
    absenceOf: '{name} away',
    dates: 'Dates',
    start: 'From',
    end: 'To',
    datesHint: 'Both days included; after the last day they count as present.',
    reason: 'Reason',
    reasonPlaceholder: 'e.g. leave, meeting, training',
    noBackup: '{name} has no backup: nobody covers their cases while away.',
    confirmReturn: 'Is {name} back today? Their cases leave the backup’s queue.',
    confirmCancel: 'Cancel the absence of {name} from {from} to {to}?',
    datesRequired: 'Choose the first and last day',
    reasonLength: '{min}–{max} characters',
  },
};

const FIELDS = {
  'zh-CN': { startsOn: '开始日期', endsOn: '结束日期', reason: '事由', backupId: 'B岗' },
  en: { startsOn: 'From', endsOn: 'To', reason: 'Reason', backupId: 'Backup' },
};

let merged = false;

export function mergeCoverMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  if (merged) return;
  merged = true;
  merge('zh-CN', { cover: coverMessages['zh-CN'], fields: FIELDS['zh-CN'] });
  merge('en', { cover: coverMessages.en, fields: FIELDS.en });
}
