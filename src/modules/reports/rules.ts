import { businessDateOf, type BusinessDate } from '../../shared/business-date.ts';

/** 台帐 (ledgers): the columns and how each case's cells read. Pure. */

/** 限时办结 (seeds: 承诺时限内办结): concluded by its due date → 是; concluded after, or open past it → 否; open in time → 在办. */
export function onTimeFlag(
  record: { status: string; dueOn: string | null; concludedAt: Date | null },
  today: BusinessDate,
): '是' | '否' | '在办' | '' {
  if (record.dueOn === null) return record.concludedAt === null ? '' : '是';
  if (record.concludedAt !== null) return businessDateOf(new Date(record.concludedAt)) <= record.dueOn ? '是' : '否';
  if (record.status === 'refused' || record.status === 'withdrawn') return '';
  return today > record.dueOn ? '否' : '在办';
}

export const CHANNEL_LABELS: Record<string, string> = { window: '窗口', online: '网上', agent: '代办' };
export const RESULT_LABELS: Record<string, string> = { granted: '准予', denied: '不予' };
export const FEE_STATUS_LABELS: Record<string, string> = {
  none: '不收费',
  due: '待缴',
  paid: '已缴',
  waived: '减免',
  refunded: '已退费',
};

/** 办件台帐 columns, in order. */
export const CASE_LEDGER_COLUMNS = [
  '办件编号',
  '事项',
  '申请人',
  '证件号码',
  '渠道',
  '接件日期',
  '受理日期',
  '办结期限',
  '办结日期',
  '送达日期',
  '状态',
  '办理结果',
  '按时办结',
  '经办人',
] as const;

/** 收费台帐 columns, in order. */
export const FEE_LEDGER_COLUMNS = [
  '办件编号',
  '事项',
  '申请人',
  '应收金额（元）',
  '收费状态',
  '票据号',
  '缴费或减免日期',
  '减免依据',
  '退付凭证号',
  '退费原因',
  '退费日期',
] as const;

/** Fen as yuan with two decimals (the ledger's amounts). */
export function yuanOf(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** A moment as its Beijing date, or empty. */
export function dateCell(at: Date | null): string {
  return at === null ? '' : businessDateOf(new Date(at));
}
