// Who is at the counter: one way to identify a member for every workflow that needs one
// (member cards today, coupons next). The server has the members; a scanned dynamic code is
// checked here first, so a screenshot or a forged code is refused without a round trip.
import { PosError } from '../../domain/errors';
import { isMemberCode, readMemberCode } from '../../domain/members/member-code';
import type { MemberCardsResponse } from '../../domain/member-cards/protocol';
import { CardRefusal, type CardsClient } from './cards-client';

export type IdentifyInput =
  | { by: 'code'; code: string }
  | { by: 'uid'; uid: string }
  | { by: 'phone'; phone: string; otp: string }
  | { by: 'number'; number: string };

export interface Identified extends MemberCardsResponse {
  merchantId: string;
  via: IdentifyInput['by'];
}

/** The usual wording of a member-cards refusal for a cashier. */
export function cardsError(e: unknown): unknown {
  if (!(e instanceof CardRefusal)) return e;
  const b = e.body;
  switch (b.code) {
    case 'INSUFFICIENT_VALUE':
      return new PosError('CARDS_INSUFFICIENT', { available: b.available ?? 0, requested: b.requested ?? 0 });
    case 'MEMBER_NOT_FOUND':
      return new PosError('CARDS_MEMBER_NOT_FOUND');
    case 'CODE_EXPIRED':
      return new PosError('CARDS_CODE_INVALID', { reason: 'expired' });
    case 'CODE_INVALID':
      return new PosError('CARDS_CODE_INVALID', { reason: 'badSignature' });
    case 'OTP_WRONG':
    case 'OTP_EXPIRED':
      return new PosError('CARDS_OTP_WRONG');
    case 'MERCHANT_SUSPENDED':
    case 'MERCHANT_NOT_APPROVED':
    case 'MERCHANT_NOT_FOUND':
      return new PosError('CARDS_NO_MERCHANT');
    default:
      return new PosError('CARDS_REFUSED', { reason: b.message || b.code });
  }
}

/**
 * `members.identify`: a scanned dynamic member code (verified locally with the server's key from
 * enrolment, then on the server, which also knows whether the member still exists), a tapped
 * member card's UID, a phone number with the one-time code the server sent, or a member number.
 * Answers the member and their cards at this store's merchant.
 */
export async function identifyMember(client: CardsClient, merchantId: string, input: IdentifyInput, now: number): Promise<Identified> {
  try {
    if (input.by === 'code') {
      const code = input.code.trim();
      if (!isMemberCode(code)) throw new PosError('CARDS_CODE_INVALID', { reason: 'notMemberCode' });
      const key = client.serverKey();
      if (!key) throw new PosError('VALUE_NOT_CONNECTED', { what: { en: 'member cards', 'zh-CN': '会员卡' } });
      const local = readMemberCode(code, key, now);
      if (!local.ok) throw new PosError('CARDS_CODE_INVALID', { reason: local.reason });
      return { ...(await client.identify({ by: 'code', merchantId, code })), merchantId, via: 'code' };
    }
    if (input.by === 'number') {
      const m = await client.memberByNumber(input.number.trim());
      return { ...(await client.cards(merchantId, m.id)), merchantId, via: 'number' };
    }
    if (input.by === 'uid') return { ...(await client.identify({ by: 'uid', merchantId, uid: input.uid })), merchantId, via: 'uid' };
    return { ...(await client.identify({ by: 'phone', merchantId, phone: input.phone, otp: input.otp })), merchantId, via: 'phone' };
  } catch (e) {
    throw cardsError(e);
  }
}
