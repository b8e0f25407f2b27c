// The checkout receipt of a locker party: one line per charge, every wristband listed.
import { TENDER_NAMES } from '../../domain/payments';
import type { Receipt } from '../../domain/receipt';
import type { Settings } from '../../ops/settings-file';
import type { StaffInfo } from '../staff/staff-service';
import type { CheckoutResult } from './checkout';

/**
 * The receipt: one line per charge, prefixed by its wristband; a wristband with no charges
 * still gets a line. 实收 is what was handed over per tender (cash including the change
 * given back), then 找零, so 应收 = 实收 − 找零.
 */
export function checkoutReceipt(
  settings: { store: Pick<Settings['store'], 'name' | 'currency' | 'timeZone' | 'locale'>; terminal: Pick<Settings['terminal'], 'name'> },
  by: StaffInfo,
  r: CheckoutResult,
): Receipt {
  const { store, terminal } = settings;
  const locale = store.locale;
  const band = locale === 'zh-CN' ? '手牌' : 'Wristband';
  const none = locale === 'zh-CN' ? '无消费' : 'no charges';
  const tenders = r.tenders.map((t) => ({ name: TENDER_NAMES[t.method][locale], amount: t.method === 'cash' ? t.amount + r.change : t.amount }));
  // All the cash went back as change (the ledger keeps no cash leg): the cash handed over still shows.
  if (r.change > 0 && !r.tenders.some((t) => t.method === 'cash')) tenders.push({ name: TENDER_NAMES.cash[locale], amount: r.change });
  const cash = r.change > 0 || r.tenders.some((t) => t.method === 'cash');
  return {
    kind: 'locker-checkout',
    storeName: store.name,
    terminal: terminal.name,
    cashier: by.name,
    time: r.at,
    timeZone: store.timeZone,
    locale,
    currency: store.currency,
    items: r.lines.map((l) => ({ name: `${band} ${l.locker} ${l.description || none}`, quantity: 1, amount: l.amount })),
    tenders,
    ...(cash ? { change: r.change } : {}),
    balances: [],
    transactionId: r.settlementId,
    notes: [`${locale === 'zh-CN' ? '客人' : 'Customer'} ${r.customer} · ${band} ${r.lockers.join(', ')}`],
    openDrawer: cash,
    lookup: { phone: r.customer, lockers: r.lockers },
  };
}
