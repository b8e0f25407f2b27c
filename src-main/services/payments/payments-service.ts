import { PosError } from '../../domain/errors';
import { COUNTER_TENDERS, TENDER_NAMES, planPayment, quotePayment, refundToOriginal, tenderAccountCode, type Tender, type TenderMethod } from '../../domain/payments';
import { moneyParams as money } from '../../domain/receipt';
import type { Ledger, LedgerTx } from '../../ledger';

export interface Credit {
  accountId: string;
  amount: number;
}

/**
 * Tenders, in one place: every workflow takes money and refunds it here, inside its own ledger
 * command (the caller's transaction and command id), so all sales of a method land in ONE
 * account per store (`tender:cash` …) and a report by tender is a query on those accounts.
 */
export class PaymentsService {
  constructor(
    private readonly currency: () => string,
    ledger?: Ledger,
  ) {
    // Payments' own events change only ledger accounts (already in the ops): nothing to write.
    ledger?.projectors.register('payments', () => undefined);
  }

  /** Checks the tenders against what is due with the one rule (domain/payments) and says a refusal in money. */
  plan(total: number, tendered: readonly Tender[]): { tenders: Tender[]; change: number; received: number } {
    const plan = planPayment(total, tendered);
    if (plan.ok) return plan;
    const c = this.currency();
    if (plan.reason === 'short') throw new PosError('PAYMENT_SHORT', { ...money('short', plan.short, c), ...money('total', total, c) });
    if (plan.reason === 'nonCashOver') throw new PosError('PAYMENT_OVER', money('over', plan.over, c));
    throw new PosError('PAYMENT_TENDER_INVALID');
  }

  /** Due, handed over, change or what is missing: what a screen shows before the cashier confirms. */
  quote(total: number, tendered: readonly Tender[]) {
    return { ...quotePayment(total, tendered), currency: this.currency(), methods: [...COUNTER_TENDERS] };
  }

  /** The store's one account for a tender method, opened on first use. */
  account(tx: LedgerTx, method: TenderMethod): string {
    return tx.ensureAccount(tenderAccountCode(method), TENDER_NAMES[method].en, 'tender', this.currency());
  }

  /**
   * Takes the planned tenders (cash net of change) into their accounts against the credits
   * (revenue, a wristband's tab …) in one balanced transfer; returns its id.
   */
  take(tx: LedgerTx, tenders: readonly Tender[], credits: readonly Credit[], memo: string): string {
    const legs = [
      ...tenders.filter((t) => t.amount > 0).map((t) => ({ accountId: this.account(tx, t.method), side: 'debit' as const, amount: t.amount })),
      ...credits.filter((c) => c.amount > 0).map((c) => ({ accountId: c.accountId, side: 'credit' as const, amount: c.amount })),
    ];
    return tx.post(legs, memo);
  }

  /** Gives `amount` back to the tenders that paid (electronic first, cash last), debiting `from`. */
  refundToOriginal(tx: LedgerTx, paid: readonly Tender[], amount: number, from: string, memo: string): { transferId: string; tenders: Tender[] } {
    const tenders = refundToOriginal(paid, amount);
    const legs = [
      { accountId: from, side: 'debit' as const, amount },
      ...tenders.map((t) => ({ accountId: this.account(tx, t.method), side: 'credit' as const, amount: t.amount })),
    ];
    return { transferId: tx.post(legs, memo), tenders };
  }
}
