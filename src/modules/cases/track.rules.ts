import { formatFen } from '../../shared/money.ts';
import { FEE_STATUS_LABELS, type FeeStatus } from './fees.rules.ts';

/**
 * 办件查询 for the citizen: which recorded acts they see as stages and in what words (never the
 * clerk's wording, who did it or why), and the fees in yuan. Pure: the rows come from the tracking
 * functions of migration 0023.
 */
export const PUBLIC_STAGE_LABELS: Record<string, string> = {
  submit: '接件',
  'request-supplement': '一次性告知补正',
  supplement: '补齐材料',
  accept: '受理',
  'accept-pending': '受理（容缺）',
  'deem-accepted': '受理（逾期视为受理）',
  suspend: '进入特别程序（暂停计时）',
  resume: '恢复计时',
  extend: '延长办理期限',
  escalate: '报送县级部门',
  'county-result': '县级部门作出决定',
  conclude: '办结',
  'settle-fee': '缴费',
  deliver: '送达',
  close: '归档',
  refuse: '不予受理',
  withdraw: '撤回',
  // Only a 不实 finding reaches the public (migration 0026): the case ended on a false commitment.
  'verify-commitment': '核查发现告知承诺不实',
};

export interface TrackStageRow {
  act: string;
  business_date: string;
}

/** The stages in the order they happened; acts the public has no word for are left out. */
export function publicStages(rows: readonly TrackStageRow[]): { act: string; label: string; on: string }[] {
  return rows.flatMap((row) => {
    const label = PUBLIC_STAGE_LABELS[row.act];
    return label ? [{ act: row.act, label, on: row.business_date }] : [];
  });
}

export interface TrackFeeRow {
  name: string;
  amount_fen: number;
  fee_status: FeeStatus;
}

/** 收费 as the public sees it: null when the item charges nothing. */
export function publicFees(rows: readonly TrackFeeRow[]) {
  const first = rows[0];
  if (!first) return null;
  const totalFen = rows.reduce((sum, row) => sum + row.amount_fen, 0);
  if (totalFen === 0 && first.fee_status === 'none') return null;
  return {
    lines: rows.map((row) => ({ name: row.name, amount: formatFen(row.amount_fen) })),
    total: formatFen(totalFen),
    status: first.fee_status,
    statusLabel: FEE_STATUS_LABELS[first.fee_status],
  };
}
