import { describe, expect, it } from 'vitest';
import { amountTokensZh, integerTokens, readAmountEn, readAmountZh } from '../../../src-main/domain/voice';

describe('Chinese amount reading (fen → spoken text)', () => {
  it.each([
    [1000, '十元'],
    [1500, '十五元'],
    [100500, '一千零五元'],
    [50, '五角'],
    [5, '五分'],
    [1000101, '一万零一元零一分'],
    [0, '零元'],
    [100, '一元'],
    [105, '一元零五分'],
    [150, '一元五角'],
    [155, '一元五角五分'],
    [11000, '一百一十元'],
    [12800, '一百二十八元'],
    [37200, '三百七十二元'],
    [10000000, '十万元'],
    [10001000, '十万零一十元'],
    [105000000, '一百零五万元'],
    [1000000000, '一千万元'],
    [10000000000, '一亿元'],
    [20000000100, '二亿零一元'],
    [10100000000, '一亿零一百万元'],
    [110000000, '一百一十万元'],
    [100100, '一千零一元'],
    [101000, '一千零一十元'],
    [-3850, '负三十八元五角'],
  ])('%i fen → %s', (fen, text) => {
    expect(readAmountZh(fen)).toBe(text);
  });

  it('gives one clip per token, so recorded clips can be played in order', () => {
    expect(amountTokensZh(12850)).toEqual(['一', '百', '二', '十', '八', '元', '五', '角']);
    expect(amountTokensZh(1000101)).toEqual(['一', '万', '零', '一', '元', '零', '一', '分']);
  });

  it('reads every whole number below 100,000 with no doubled or trailing 零', () => {
    for (let n = 1; n < 100_000; n++) {
      const t = integerTokens(n).join('');
      expect(t).not.toMatch(/零零|零$|^零/);
    }
  });

  it('refuses fractions of a fen and unsafe numbers instead of misreading them', () => {
    expect(() => readAmountZh(12.5)).toThrow(RangeError);
    expect(() => readAmountZh(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
    expect(() => readAmountEn(0.1)).toThrow(RangeError);
  });

  it('reads English amounts exactly', () => {
    expect(readAmountEn(12850)).toBe('128.50 yuan');
    expect(readAmountEn(1000)).toBe('10 yuan');
    expect(readAmountEn(5)).toBe('0.05 yuan');
    expect(readAmountEn(-100)).toBe('minus 1 yuan');
  });
});
