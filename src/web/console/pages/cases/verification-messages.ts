/** Words of 事中事后核查 on the case page (merged into the console's i18n under `verification`). */
export const verificationMessages = {
  'zh-CN': {
    verification: {
      title: '事中事后核查（告知承诺）',
      materials: '承诺材料',
      dueOn: '核查期限',
      overdue: '已超期',
      statuses: { open: '待核查', true: '属实', false: '不实' },
      recordTrue: '核查属实',
      recordFalse: '核查不实',
      dialogTitle: '记录核查结果',
      note: '核查说明',
      noteFalseHint: '写明核查发现：将作为申请人的失信记录理由，并撤销（或终止）本办件决定。',
      falseWarning: '核查不实将撤销（或终止）本办件决定，记录申请人失信；修复前该申请人不适用告知承诺和容缺受理。',
      decided: '{by} 于 {at} 记录',
      recorded: '已记录核查结果',
      badCredit: '失信记录',
      badCreditStanding: '修复前该申请人不适用告知承诺和容缺受理',
      repaired: '已于 {at} 由 {by} 信用修复：{reason}',
      repair: '信用修复',
      repairReason: '修复理由',
      repairHint: '如：已主动纠正失信行为并作出信用承诺',
      repairDone: '已信用修复',
      badCreditTitle: '申请人有失信记录：不适用告知承诺和容缺受理，请收取证明材料本身',
    },
  },
  en: {
    verification: {
      title: 'Follow-up check of commitments',
      materials: 'Materials by commitment',
      dueOn: 'Check due',
      overdue: 'Overdue',
      statuses: { open: 'To check', true: 'True', false: 'False' },
      recordTrue: 'Commitment true',
      recordFalse: 'Commitment false',
      dialogTitle: 'Record the check result',
      note: 'Finding',
      noteFalseHint: "State the finding: it becomes the reason of the applicant's bad-credit record and the decision is revoked.",
      falseWarning:
        "A false commitment revokes (or ends) this case's decision and records bad credit: until repaired, the applicant may not use commitments or accept-pending.",
      decided: 'Recorded by {by} at {at}',
      recorded: 'Check result recorded',
      badCredit: 'Bad-credit record',
      badCreditStanding: 'Until repaired, the applicant may not use commitments or accept-pending',
      repaired: 'Repaired on {at} by {by}: {reason}',
      repair: 'Credit repair',
      repairReason: 'Reason',
      repairHint: 'E.g. the applicant corrected it and signed a credit commitment',
      repairDone: 'Credit repaired',
      badCreditTitle: 'The applicant has a bad-credit record: no commitments or accept-pending; take the proofs themselves',
    },
  },
} as const;

export function mergeVerificationMessages(merge: (locale: string, messages: Record<string, unknown>) => void): void {
  for (const [locale, messages] of Object.entries(verificationMessages)) merge(locale, messages);
}
