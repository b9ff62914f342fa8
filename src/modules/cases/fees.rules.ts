/**
 * 收费 (fees on a case): the item's published fees are copied at intake as integer fen; the case then
 * owes them until they are paid against a receipt (票据号) or waived on a stated basis (减免依据). A
 * case that ends without a permit (不予许可, 不予受理, 撤回) owes nothing. Pure: no clock, no database.
 */
import { formatFen, sumFen, yuanToFen } from '../../shared/money.ts';
import type { CaseFacts } from './transitions.ts';

export const FEE_STATUSES = [
  'none', // 不收费, or no longer owed (the case ended without a permit)
  'due', // 待缴
  'paid', // 已缴 (票据号)
  'waived', // 已减免 (减免依据)
  'refunded', // 已退费: paid in error and given back (退付凭证号, 退费原因)
] as const;
export type FeeStatus = (typeof FEE_STATUSES)[number];

export const FEE_STATUS_LABELS: Record<FeeStatus, string> = {
  none: '无需缴费',
  due: '待缴',
  paid: '已缴',
  waived: '已减免',
  refunded: '已退费',
};

/** 退费: only a fee actually paid can be given back; why not, in Chinese, or null when it can. */
export function refundRefusal(record: { feeStatus: FeeStatus }): string | null {
  switch (record.feeStatus) {
    case 'paid':
      return null;
    case 'refunded':
      return '费用已退还，不能重复退费。';
    case 'waived':
      return '费用已减免，没有可退还的款项。';
    case 'none':
    case 'due':
      return '该办件没有已缴纳的费用，无需退费。';
  }
}

/** 票据号: letters, digits and hyphens, 1–40 characters (the number printed on the 财政票据). */
export const RECEIPT_NO = /^[A-Za-z0-9-]{1,40}$/;

export interface CaseFee {
  name: string;
  /** Integer fen (分). */
  amountFen: number;
}

/** The item's fees as published (yuan) → the case's fee lines (fen), in the item's order. */
export function feesOfItem(fees: readonly { name: string; amount: number }[]): CaseFee[] {
  return fees.map((fee) => ({ name: fee.name, amountFen: yuanToFen(fee.amount) }));
}

/** At intake a case owes its fees when they come to more than nothing. */
export function feeStatusAtIntake(fees: readonly CaseFee[]): FeeStatus {
  return sumFen(fees) > 0 ? 'due' : 'none';
}

/** What the state machine needs to know of the fees. */
export function feeFactsOf(record: { feeStatus: FeeStatus }): CaseFacts {
  return { isFeeDue: record.feeStatus === 'due' };
}

/** The total with its yuan text, as events record it. */
export function feeAmount(fees: readonly CaseFee[]): { totalFen: number; total: string } {
  const totalFen = sumFen(fees);
  return { totalFen, total: formatFen(totalFen) };
}

/** Why a fee cannot be settled now (it is not due). */
export function feeNotDueDetail(record: { feeStatus: FeeStatus; feeReceiptNo: string | null }): string {
  switch (record.feeStatus) {
    case 'paid':
      return `费用已缴纳（票据号 ${record.feeReceiptNo ?? ''}），不能重复缴费或减免。`;
    case 'waived':
      return '费用已减免，不能重复缴费或减免。';
    case 'refunded':
      return '费用已缴纳后退还，不能再缴费或减免。';
    case 'none':
    case 'due':
      return '该办件没有待缴的费用，无需缴费或减免。';
  }
}

/** Why a permit cannot be delivered yet. */
export function feeDueDetail(fees: readonly CaseFee[]): string {
  return `尚有应缴费用 ${feeAmount(fees).total} 元未缴纳或减免，不能送达证照。`;
}
