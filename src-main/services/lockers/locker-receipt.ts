// The checkout receipt of a locker party: one line per charge, every wristband listed.
import { TENDER_NAMES } from '../../domain/payments';
import type { Receipt } from '../../domain/receipt';
import type { Settings } from '../../ops/settings-file';
import type { StaffInfo } from '../staff/staff-service';
import type { CheckoutResult } from './checkout';

/** The receipt: one line per charge, prefixed by its wristband; a wristband with no charges still gets a line. */
export function checkoutReceipt(settings: Pick<Settings, 'store' | 'terminal'>, by: StaffInfo, r: CheckoutResult): Receipt {
  const { store, terminal } = settings;
  const locale = store.locale;
  const band = locale === 'zh-CN' ? '手牌' : 'Wristband';
  const none = locale === 'zh-CN' ? '无消费' : 'no charges';
  const tenders = r.tenders.map((t) => ({ name: TENDER_NAMES[t.method][locale], amount: t.method === 'cash' ? t.amount + r.change : t.amount }));
  if (r.change > 0) {
    if (!r.tenders.some((t) => t.method === 'cash')) tenders.push({ name: TENDER_NAMES.cash[locale], amount: r.change });
    tenders.push({ name: locale === 'zh-CN' ? '找零' : 'Change', amount: r.change });
  }
  return {
    storeName: store.name,
    terminal: terminal.name,
    cashier: by.name,
    time: r.at,
    timeZone: store.timeZone,
    locale,
    currency: store.currency,
    items: r.lines.map((l) => ({ name: `${band} ${l.locker} ${l.description || none}`, quantity: 1, amount: l.amount })),
    tenders,
    balances: [],
    transactionId: r.settlementId,
    footer: `${locale === 'zh-CN' ? '客人' : 'Customer'} ${r.customer} · ${band} ${r.lockers.join(', ')}`,
    openDrawer: r.tenders.some((t) => t.method === 'cash') || r.change > 0,
  };
}
