// The ledger accounts a fuel sale moves money between. Tender accounts are shared with
// other workflows by code (tender.cash ...); a member's stored value is `stored_value.<member>`.
import { v7 as uuidv7 } from 'uuid';
import { PosError } from '../../domain/errors';
import type { Ledger } from '../../ledger';
import type { AccountKind } from '../../ledger/types';

export type Tender = 'cash' | 'card' | 'mobile' | 'stored_value';

const TENDER_ACCOUNTS: Record<Exclude<Tender, 'stored_value'>, { code: string; name: string }> = {
  cash: { code: 'tender.cash', name: '现金 Cash' },
  card: { code: 'tender.card', name: '银行卡 Card' },
  mobile: { code: 'tender.mobile', name: '移动支付 Mobile' },
};

export class FuelAccounts {
  constructor(
    private readonly ledger: Ledger,
    private readonly currency: () => string,
  ) {}

  /** The fuel sales revenue account, opened on first use. */
  sales(): string {
    return this.ensure('fuel_sales', '油品销售 Fuel sales', 'fuel_sales');
  }

  /** The account a tender takes money from (and a refund goes back to). */
  tender(tender: Tender, memberId: string | null): string {
    if (tender === 'stored_value') {
      if (!memberId) throw new PosError('FUEL_MEMBER_REQUIRED');
      const account = this.ledger.accountByCode(`stored_value.${memberId}`);
      if (!account) throw new PosError('NOT_FOUND', { what: `stored value card ${memberId}` });
      return account.id;
    }
    const t = TENDER_ACCOUNTS[tender];
    return this.ensure(t.code, t.name, 'tender');
  }

  private ensure(code: string, name: string, kind: AccountKind): string {
    const existing = this.ledger.accountByCode(code);
    if (existing) return existing.id;
    return this.ledger.openAccount({ commandId: uuidv7(), code, name, kind, unit: this.currency() }).accountId;
  }
}
