import { amountTokensZh, readAmountEn } from './amount-reading';

/**
 * What the counter says when a member pays or recharges: the text for a speech engine and, in
 * Chinese, the recorded clips to play in order when there is no Chinese voice
 * (`resources/voice/zh-CN/<clip>.wav`: one clip per phrase, digit and unit).
 */
export type AnnouncementKind = 'memberPayment' | 'memberRecharge' | 'memberRefund';

export interface Announcement {
  text: string;
  clips: string[];
  lang: 'zh-CN' | 'en';
}

const PHRASES_ZH: Record<AnnouncementKind, string> = { memberPayment: '会员卡收款', memberRecharge: '会员卡充值', memberRefund: '会员卡退款' };
const PHRASES_EN: Record<AnnouncementKind, string> = { memberPayment: 'Member card payment', memberRecharge: 'Member card recharge', memberRefund: 'Member card refund' };

/** Every clip an announcement can use: the phrases, the balance word and the amount tokens. */
export const ZH_CLIPS = [...Object.values(PHRASES_ZH), '余额', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '元', '角', '分', '负'] as const;

/** "会员卡收款一百二十八元，余额三百七十二元" (balance left out when the card has none to tell, e.g. punch cards). */
export function announce(kind: AnnouncementKind, amount: number, balance: number | null, lang: 'zh-CN' | 'en'): Announcement {
  if (lang === 'en') {
    const text = `${PHRASES_EN[kind]} ${readAmountEn(amount)}${balance === null ? '' : `, balance ${readAmountEn(balance)}`}`;
    return { text, clips: [], lang };
  }
  const amountTokens = amountTokensZh(amount);
  const balanceTokens = balance === null ? [] : amountTokensZh(balance);
  const text = `${PHRASES_ZH[kind]}${amountTokens.join('')}${balance === null ? '' : `，余额${balanceTokens.join('')}`}`;
  const clips = [PHRASES_ZH[kind], ...amountTokens, ...(balance === null ? [] : ['余额', ...balanceTokens])];
  return { text, clips, lang };
}
