import type { TenderMethod } from '../../domain/payments';
import { newId, type Ledger } from '../../ledger';
import type { CommandPath } from '../commands';
import type { PaymentsService } from './payments-service';

/** Tender accounts that fuel opened before the payments module, and the method each belongs to. */
const LEGACY_TENDER_ACCOUNTS: readonly [code: string, method: TenderMethod][] = [
  ['tender.cash', 'cash'],
  ['tender.card', 'bank_card'],
  ['tender.mobile', 'mobile'],
];

/**
 * One store, one account per tender: a data dir from before the payments module has fuel's own
 * tender accounts beside the store's. At start, each one still open has its balance moved to the
 * store's account of the same method by a journaled transfer, and is then closed (it takes no
 * more legs). History is untouched: posted entries are never edited. Returns how many were merged.
 */
export function mergeLegacyTenders(ledger: Ledger, commands: CommandPath, payments: PaymentsService): number {
  const legacy = LEGACY_TENDER_ACCOUNTS.flatMap(([code, method]) => {
    const account = ledger.accountByCode(code);
    return account && !account.closed_at ? [{ code, method, id: account.id }] : [];
  });
  if (legacy.length === 0) return 0;
  commands.runNow({
    commandId: newId(),
    method: 'payments.mergeLegacyTenders',
    body: { accounts: legacy.map((l) => l.code) },
    actor: null,
    work: (tx) => {
      for (const l of legacy) {
        const posted = ledger.balance(l.id).posted;
        const into = payments.account(tx, l.method);
        if (posted !== 0) {
          const amount = Math.abs(posted);
          const [to, from] = posted > 0 ? [into, l.id] : [l.id, into];
          tx.post([{ accountId: to, side: 'debit', amount }, { accountId: from, side: 'credit', amount }], `merge ${l.code} into the store's ${l.method} account`);
        }
        tx.closeAccount(l.id);
        tx.event({ type: 'payments.legacyTenderMerged', code: l.code, method: l.method, into, amount: posted });
      }
      return null;
    },
  });
  return legacy.length;
}
