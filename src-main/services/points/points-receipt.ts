// The miles receipt: the service, what the miles paid and the cash part, miles used and left.
import { SERVICE_NAMES, routeLabel, type ServiceType } from '../../domain/points';
import { TENDER_NAMES } from '../../domain/payments';
import type { Receipt } from '../../domain/receipt';
import type { RedemptionRow } from './points-store';

export interface PointsReceiptContext {
  storeName: string;
  terminal: string;
  timeZone: string;
  currency: string;
}

const bilingual = (zh: string, en: string) => `${zh} ${en}`;

export function serviceName(type: string): string {
  const n = SERVICE_NAMES[type as ServiceType];
  return n ? bilingual(n['zh-CN'], n.en) : type;
}

function base(r: RedemptionRow, c: PointsReceiptContext, at: string): Omit<Receipt, 'kind' | 'title' | 'tenders' | 'balances' | 'notes'> {
  return {
    storeName: c.storeName,
    terminal: c.terminal,
    cashier: r.staffName,
    time: at,
    timeZone: c.timeZone,
    locale: 'zh-CN',
    currency: c.currency,
    transactionId: r.id,
    items: [{ name: `${serviceName(r.serviceType)} ${r.flight} ${routeLabel(r.origin, r.destination)}`, quantity: 1, amount: r.price }],
    details: [
      { label: '旅客 Passenger', value: `${r.memberName} ${r.memberNumber}` },
      { label: '航班 Flight', value: `${r.flight} ${routeLabel(r.origin, r.destination)}${r.flightDate ? ` ${r.flightDate}` : ''}` },
    ],
  };
}

/** 实收: the miles' value, then the cash part per tender (cash as handed over, with the change below). */
export function redemptionReceipt(r: RedemptionRow, c: PointsReceiptContext): Receipt {
  const tenders = [
    ...(r.points > 0 ? [{ name: bilingual(TENDER_NAMES.miles['zh-CN'], TENDER_NAMES.miles.en), amount: r.pointsValue }] : []),
    ...r.tenders.map((t) => ({ name: bilingual(TENDER_NAMES[t.method]['zh-CN'], TENDER_NAMES[t.method].en), amount: t.method === 'cash' ? t.amount + r.change : t.amount })),
  ];
  if (r.change > 0 && !r.tenders.some((t) => t.method === 'cash')) tenders.push({ name: bilingual(TENDER_NAMES.cash['zh-CN'], TENDER_NAMES.cash.en), amount: r.change });
  const cash = r.change > 0 || r.tenders.some((t) => t.method === 'cash');
  return {
    ...base(r, c, r.createdAt),
    kind: 'points-redemption',
    title: '里程兑换 Miles redemption',
    tenders,
    ...(cash ? { change: r.change } : {}),
    balances: r.pointsLeft !== null ? [{ label: '剩余里程 Miles left', amount: r.pointsLeft }] : [],
    notes: [
      `使用里程 Miles used ${r.points}`,
      ...(r.pointsLeft !== null ? [`剩余里程 Miles left ${r.pointsLeft}`] : []),
      ...(r.roundedUp > 0 ? [`里程按整单位向上取整 Miles rounded up to a whole unit`] : []),
    ],
    openDrawer: cash,
    lookup: { phone: null },
  };
}

/** The refund slip: both parts back, the miles to the member's account, the cash part to its tenders. */
export function refundReceipt(r: RedemptionRow, c: PointsReceiptContext): Receipt {
  const paid = [
    ...(r.points > 0 ? [{ name: bilingual(TENDER_NAMES.miles['zh-CN'], TENDER_NAMES.miles.en), amount: r.pointsValue }] : []),
    ...r.tenders.map((t) => ({ name: bilingual(TENDER_NAMES[t.method]['zh-CN'], TENDER_NAMES[t.method].en), amount: t.amount })),
  ];
  return {
    ...base(r, c, r.refundedAt ?? r.updatedAt),
    // What was sold nets to zero once refunded: the line is the service at 0.00, the paper shows what went back.
    items: [{ name: `退 Refund ${serviceName(r.serviceType)} ${r.flight}`, quantity: 1, amount: 0 }],
    kind: 'points-refund',
    title: '里程兑换退款 Miles refund',
    tenders: paid,
    refunds: paid,
    balances: r.pointsLeft !== null ? [{ label: '剩余里程 Miles left', amount: r.pointsLeft }] : [],
    notes: [`退回里程 Miles returned ${r.points}`],
    openDrawer: r.tenders.some((t) => t.method === 'cash'),
    lookup: { phone: null },
  };
}
