// The money rule of every receipt: the printed total is the sum of the lines it shows,
// and it equals what the customer paid (handed over, less change, less refunds).
// A fuel pass once printed ¥400.00 for ¥200.00 paid because two lines carried the
// order amount; this rule makes that a failing check, not a customer complaint.
import type { Receipt } from './receipt';

export interface ReceiptTotals {
  /** 应收: Σ item amounts, the only total a receipt prints. */
  total: number;
  /** 实收: Σ tenders handed over. */
  received: number;
  /** 找零. */
  change: number;
  /** Σ refunds. */
  refunded: number;
  /** received − change − refunded: what the customer is out of pocket. */
  paid: number;
}

export function receiptTotals(r: Pick<Receipt, 'items' | 'tenders' | 'change' | 'refunds'>): ReceiptTotals {
  const total = r.items.reduce((s, i) => s + i.amount, 0);
  const received = r.tenders.reduce((s, t) => s + t.amount, 0);
  const change = r.change ?? 0;
  const refunded = (r.refunds ?? []).reduce((s, t) => s + t.amount, 0);
  return { total, received, change, refunded, paid: received - change - refunded };
}

/**
 * Everything wrong with a receipt's money, in English for the log and tests; empty when right:
 * amounts are safe integers, each counted line is quantity × unit price, and the total equals
 * what was paid.
 */
export function receiptProblems(r: Pick<Receipt, 'items' | 'tenders' | 'change' | 'refunds'>): string[] {
  const problems: string[] = [];
  const amounts = [...r.items.map((i) => i.amount), ...r.tenders.map((t) => t.amount), r.change ?? 0, ...(r.refunds ?? []).map((t) => t.amount)];
  if (amounts.some((a) => !Number.isSafeInteger(a))) return ['an amount is not an integer of minor units'];
  if (r.tenders.some((t) => t.amount < 0) || (r.change ?? 0) < 0 || (r.refunds ?? []).some((t) => t.amount < 0)) {
    problems.push('tenders, change and refunds are printed as positive amounts');
  }
  for (const item of r.items) {
    if (item.unitPrice !== undefined && item.quantityText === undefined && item.quantity * item.unitPrice !== item.amount) {
      problems.push(`${item.name}: ${item.quantity} × ${item.unitPrice} is not ${item.amount}`);
    }
  }
  const t = receiptTotals(r);
  if (r.tenders.length > 0 && t.paid !== t.total) {
    problems.push(`the total ${t.total} is not what was paid (${t.received} received − ${t.change} change − ${t.refunded} refunded = ${t.paid})`);
  }
  return problems;
}
