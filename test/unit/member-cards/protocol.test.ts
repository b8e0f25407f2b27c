import { describe, expect, it } from 'vitest';
import { splitRedemption } from '../../../src-main/domain/member-cards';
import { cardPaymentPush, cardTerms, identifyRequest, phonePayRequest, rechargeRequest } from '../../../src-main/domain/member-cards/protocol';
import { pushMessage } from '../../../src-main/domain/sync/reference';

describe('member-cards protocol', () => {
  it('takes amounts in whole fen only: a float, zero or a string is refused', () => {
    const base = { commandId: '0193a000-0000-7000-8000-000000000001', cardId: 'c1', tender: 'cash' };
    expect(rechargeRequest.safeParse({ ...base, amount: 10000 }).success).toBe(true);
    for (const amount of [100.5, 0, -1, '100']) expect(rechargeRequest.safeParse({ ...base, amount }).success).toBe(false);
    expect(phonePayRequest.safeParse({ commandId: 'not-a-uuid', cardId: 'c1', amount: 100 }).success).toBe(false);
  });

  it('identifies by dynamic code, card UID (upper-cased hex) or phone + 6-digit code, nothing else', () => {
    expect(identifyRequest.parse({ by: 'uid', merchantId: 'm', uid: 'a1b2c3d4' })).toEqual({ by: 'uid', merchantId: 'm', uid: 'A1B2C3D4' });
    expect(identifyRequest.safeParse({ by: 'phone', merchantId: 'm', phone: '13900139000', otp: '12345' }).success).toBe(false);
    expect(identifyRequest.safeParse({ by: 'uid', merchantId: 'm', uid: 'zz' }).success).toBe(false);
    expect(identifyRequest.safeParse({ by: 'name', merchantId: 'm' }).success).toBe(false);
  });

  it('card terms: a punch card has whole uses and an optional validity; unknown kinds are refused', () => {
    expect(cardTerms.safeParse({ kind: 'punch', uses: 10, price: 30000, validDays: null }).success).toBe(true);
    expect(cardTerms.safeParse({ kind: 'punch', uses: 0, price: 30000, validDays: null }).success).toBe(false);
    expect(cardTerms.safeParse({ kind: 'gift', value: 1 }).success).toBe(false);
  });

  it('the card.payment push is one of the push channel messages', () => {
    const msg = {
      type: 'card.payment',
      merchantId: 'm',
      cardId: 'c',
      productName: '储值卡',
      memberName: '张三',
      memberId: 'u',
      unit: 'CNY',
      amount: 3850,
      paidPart: 3208,
      bonusPart: 642,
      paidAfter: 6792,
      bonusAfter: 1358,
      usesAfter: 0,
      paymentCommandId: '0193a000-0000-7000-8000-000000000001',
      at: '2026-12-04T12:00:00.000Z',
      reversibleUntil: '2026-12-04T12:10:00.000Z',
    };
    expect(cardPaymentPush.parse(msg)).toEqual(msg);
    expect(pushMessage.parse(msg)).toEqual(msg);
  });
});

describe('redemption order (proportional) and reversal', () => {
  it('a reversal gives back exactly the paid and bonus fen the payment took, for every amount', () => {
    const card = { paid: 10000, bonus: 2000 };
    for (let amount = 1; amount <= 12000; amount += 37) {
      const r = splitRedemption(card, amount);
      if (!r.ok) throw new Error('split refused');
      expect(r.paid + r.bonus).toBe(amount);
      expect({ paid: r.left.paid + r.paid, bonus: r.left.bonus + r.bonus }).toEqual(card);
      // the paid share never exceeds its exact proportion (rounded down): refundable value is never lost
      expect(r.paid).toBeLessThanOrEqual((amount * card.paid) / 12000);
    }
  });

  it('¥38.50 from ¥100 paid + ¥20 bonus: ¥32.08 paid, ¥6.42 bonus, ¥81.50 left', () => {
    expect(splitRedemption({ paid: 10000, bonus: 2000 }, 3850)).toEqual({ ok: true, paid: 3208, bonus: 642, left: { paid: 6792, bonus: 1358 } });
  });
});
