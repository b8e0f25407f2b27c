// The member-card slips: a card opened, a recharge (paid + bonus), a redemption, a reversal —
// each with the card's balances left, as the member is told at the counter.
import { TENDER_NAMES } from '../../domain/payments';
import type { Receipt } from '../../domain/receipt';
import type { MovementRow } from './cards-store';

export interface CardsReceiptContext {
  storeName: string;
  terminal: string;
  timeZone: string;
  currency: string;
}

const TITLES: Record<MovementRow['kind'], string> = {
  open: '会员卡开卡 Member card opened',
  recharge: '会员卡充值 Member card recharge',
  redemption: '会员卡消费 Member card payment',
  payment: '会员卡扫码付款 Member card payment (phone)',
};
const TENDER_KEY = { cash: 'cash', bankCard: 'bank_card', mobile: 'mobile' } as const;

export function cardReceipt(m: MovementRow, c: CardsReceiptContext, reversed = false): Receipt {
  const uses = m.unit === 'USES';
  const tenderName = (k: keyof typeof TENDER_KEY) => `${TENDER_NAMES[TENDER_KEY[k]]['zh-CN']} ${TENDER_NAMES[TENDER_KEY[k]].en}`;
  const cardTender = `${TENDER_NAMES.member_card['zh-CN']} ${TENDER_NAMES.member_card.en}`;
  const tenders = m.kind === 'open' || m.kind === 'recharge' ? (m.money > 0 && m.tender ? [{ name: tenderName(m.tender), amount: m.money }] : []) : [{ name: cardTender, amount: m.money }];
  const balances = [
    ...(m.paidAfter !== null && !uses ? [{ label: '余额 Balance', amount: (m.paidAfter ?? 0) + (m.bonusAfter ?? 0), currency: c.currency }] : []),
    ...(m.bonusAfter && !uses ? [{ label: '其中赠送 of which bonus', amount: m.bonusAfter, currency: c.currency }] : []),
    ...(uses && m.usesAfter !== null ? [{ label: '剩余次数 Uses left', amount: m.usesAfter }] : []),
  ];
  return {
    storeName: c.storeName,
    terminal: c.terminal,
    cashier: m.staffName ?? '',
    time: reversed ? m.updatedAt : m.createdAt,
    timeZone: c.timeZone,
    locale: 'zh-CN',
    currency: c.currency,
    transactionId: m.commandId,
    kind: 'member-card',
    title: reversed ? '会员卡撤销 Member card reversal' : TITLES[m.kind],
    items: [{ name: `${reversed ? '撤销 Reversed ' : ''}${m.productName}`, quantity: 1, amount: reversed ? 0 : m.money }],
    details: [
      { label: '会员 Member', value: m.memberName },
      ...(m.kind === 'recharge' ? [{ label: '充值 Paid in', value: money(m.paidPart) }, { label: '赠送 Bonus', value: money(m.bonusPart) }] : []),
      ...(uses && m.kind !== 'open' ? [{ label: '次数 Uses', value: String(m.amount) }] : []),
    ],
    tenders,
    ...(reversed ? { refunds: tenders } : {}),
    balances,
    notes: m.kind === 'recharge' ? ['储值卡余额不可兑换现金，赠送部分不退 Stored value is not cash; bonus is not refundable'] : [],
    openDrawer: !reversed && m.tender === 'cash' && m.money > 0,
    lookup: { phone: null },
  };
}

const money = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
