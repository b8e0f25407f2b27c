import { describe, expect, it } from 'vitest';
import { formatMoney, MAX_TYPED_MAJOR, parseMoney } from './money';

describe('parseMoney', () => {
  it.each([
    ['12.30', 1230],
    ['12.3', 1230],
    ['12', 1200],
    ['0.01', 1],
    ['0.10', 10],
    ['¥1,200.05', 120005],
    ['  7.  ', 700],
    ['100000000', MAX_TYPED_MAJOR * 100],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floats
    ['1.15', 115],
  ])('reads %s as %i minor units, exactly', (text, minor) => {
    expect(parseMoney(text)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'empty'],
    ['12.345', 'precision'],
    ['-5', 'format'],
    ['1e3', 'format'],
    ['abc', 'format'],
    ['12.3.4', 'format'],
    ['100000000.01', 'tooLarge'],
    ['999999999999999999999', 'tooLarge'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parseMoney(text)).toEqual({ ok: false, reason });
  });

  it('follows the currency: no decimals for yen', () => {
    expect(parseMoney('1200', 0)).toEqual({ ok: true, minor: 1200 });
    expect(parseMoney('12.5', 0)).toEqual({ ok: false, reason: 'precision' });
  });
});

describe('formatMoney', () => {
  it('shows minor units in the store currency without float drift', () => {
    expect(formatMoney(1230, 'CNY', 'zh-CN')).toBe('¥12.30');
    expect(formatMoney(29, 'CNY', 'en')).toBe('CN¥0.29');
    expect(formatMoney(-5, 'CNY', 'zh-CN')).toBe('-¥0.05');
    expect(formatMoney(900719925474099, 'CNY', 'en')).toBe('CN¥9,007,199,254,740.99');
    expect(formatMoney(1200, 'JPY', 'en')).toBe('¥1,200');
  });
});
