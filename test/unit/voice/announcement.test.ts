import { describe, expect, it } from 'vitest';
import { announce, ZH_CLIPS } from '../../../src-main/domain/voice';

describe('member payment announcements', () => {
  it('says the payment and the balance left, in Chinese, with a clip for every word', () => {
    const a = announce('memberPayment', 12800, 37200, 'zh-CN');
    expect(a.text).toBe('会员卡收款一百二十八元，余额三百七十二元');
    expect(a.clips).toEqual(['会员卡收款', '一', '百', '二', '十', '八', '元', '余额', '三', '百', '七', '十', '二', '元']);
    expect(a.clips.every((c) => (ZH_CLIPS as readonly string[]).includes(c))).toBe(true);
  });
  it('the e2e story: ¥38.50 paid, ¥81.50 left', () => {
    expect(announce('memberPayment', 3850, 8150, 'zh-CN').text).toBe('会员卡收款三十八元五角，余额八十一元五角');
  });
  it('a recharge without a balance to tell', () => {
    expect(announce('memberRecharge', 10000, null, 'zh-CN')).toEqual({ text: '会员卡充值一百元', clips: ['会员卡充值', '一', '百', '元'], lang: 'zh-CN' });
  });
  it('English when the screen is English (spoken by the system voice)', () => {
    expect(announce('memberPayment', 3850, 8150, 'en')).toEqual({ text: 'Member card payment 38.50 yuan, balance 81.50 yuan', clips: [], lang: 'en' });
  });
});
