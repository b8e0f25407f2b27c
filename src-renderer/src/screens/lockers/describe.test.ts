import { describe, expect, it } from 'vitest';
import { localDescription } from './describe';

const overview = {
  outlets: [
    { code: 'restaurant', nameZh: '餐厅', nameEn: 'Restaurant', items: [{ id: 'c', nameZh: '宫保鸡丁', nameEn: 'Kung pao chicken', price: 4800 }, { id: 'b', nameZh: '青岛啤酒', nameEn: 'Tsingtao beer', price: 1500 }] },
    { code: 'massage', nameZh: '按摩', nameEn: 'Massage', items: [{ id: 'f', nameZh: '全身按摩 90 分钟', nameEn: 'Full body 90 min', price: 29800 }] },
  ],
};

describe('charge descriptions in the screen language (issue 12, item 11)', () => {
  it('shows catalog lines and outlet names in one language', () => {
    const d = '宫保鸡丁 Kung pao chicken x2, 青岛啤酒 Tsingtao beer';
    expect(localDescription(d, overview, 'zh-CN')).toBe('宫保鸡丁 x2, 青岛啤酒');
    expect(localDescription(d, overview, 'en')).toBe('Kung pao chicken x2, Tsingtao beer');
    expect(localDescription('全身按摩 90 分钟 Full body 90 min', overview, 'zh-CN')).toBe('全身按摩 90 分钟');
    expect(localDescription('按摩 Massage', overview, 'en')).toBe('Massage');
  });

  it('leaves a typed note alone', () => {
    expect(localDescription('生日蛋糕 birthday cake', overview, 'en')).toBe('生日蛋糕 birthday cake');
  });
});
