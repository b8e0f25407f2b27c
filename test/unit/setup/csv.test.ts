import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkCatalogRows, checkLockerRows, checkStationRows, decodeCsv, parsePrice, parseStoreTime, readCsv, writeCsv, type CsvTable } from '../../../src-main/domain/setup';
import type { Outlet } from '../../../src-main/domain/catalog';

const utf8 = (s: string) => new TextEncoder().encode(s);
const table = (s: string) => {
  const t = readCsv(utf8(s));
  if ('error' in t) throw new Error(JSON.stringify(t.error));
  return t;
};

describe('reading CSV files as Excel saves them', () => {
  const text = 'outlet,name_zh,name_en,price\r\nshop,矿泉水,Water,3.00\r\n';

  it('reads UTF-8 with a BOM, without the BOM in the first column name', () => {
    const t = readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(t).toMatchObject({ encoding: 'utf-8', header: ['outlet', 'name_zh', 'name_en', 'price'], rows: [{ row: 2, cells: { outlet: 'shop', name_zh: '矿泉水' } }] });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(readCsv(utf8(text))).toMatchObject({ encoding: 'utf-8', rows: [{ cells: { name_zh: '矿泉水' } }] });
  });

  it('reads GBK as Excel on a Chinese Windows saves "CSV", and GB18030-only characters', () => {
    const gbk = iconv.encode('outlet,name_zh,name_en,price\r\nshop,宫保鸡丁,Kung pao,48\r\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow(); // it really is not UTF-8
    expect(readCsv(gbk)).toMatchObject({ encoding: 'gb18030', rows: [{ cells: { name_zh: '宫保鸡丁', price: '48' } }] });
    const rare = iconv.encode('name\r\n𠮷野家\r\n', 'gb18030');
    expect(readCsv(rare)).toMatchObject({ rows: [{ cells: { name: '𠮷野家' } }] });
  });

  it('keeps commas, quotes and line breaks inside quoted fields, and numbers rows as Excel does', () => {
    const t = table('id,name,address\n1,"Shell, Renmin Sq.","Line 1\nLine 2"\n\n2,"Say ""hi""",x\n');
    expect(t.rows).toEqual([
      { row: 2, cells: { id: '1', name: 'Shell, Renmin Sq.', address: 'Line 1\nLine 2' } },
      { row: 5, cells: { id: '2', name: 'Say "hi"', address: 'x' } },
    ]);
  });

  it('refuses UTF-16 (Excel "Unicode text"), an empty file and an unclosed quote, saying where', () => {
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toEqual({ error: { code: 'utf16' } });
    expect(readCsv(utf8('\r\n\r\n'))).toEqual({ error: { code: 'empty' } });
    expect(readCsv(utf8('a,b\n1,2\n3,"open\n'))).toMatchObject({ error: { code: 'malformed', row: 3 } });
  });

  it('writes UTF-8 with a BOM and CRLF, quoting what needs it, and reads back the same', () => {
    const bytes = writeCsv(['id', 'name'], [['1', '餐厅, 二楼'], ['2', 'He said "ok"'], ['3', '=HYPERLINK("x")']]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = table(new TextDecoder().decode(bytes.slice(3)));
    expect(back.rows.map((r) => r.cells.name)).toEqual(['餐厅, 二楼', 'He said "ok"', `'=HYPERLINK("x")`]); // a formula is never run by Excel
    expect(new TextDecoder().decode(bytes)).toContain('\r\n');
  });
});

describe('catalog rows', () => {
  const outlets: Outlet[] = [
    { id: 'restaurant', nameZh: '餐厅', nameEn: 'Restaurant', kind: 'restaurant', sort: 1, active: true, origin: 'local' },
    { id: 'shop', nameZh: '商店', nameEn: 'Shop', kind: 'shop', sort: 2, active: true, origin: 'local' },
  ];
  const items = [
    { id: 'tea', outletId: 'restaurant', nameZh: '菊花茶', nameEn: 'Tea', category: '', barcode: '6901234567892', active: true, origin: 'local' as const, price: 1200 },
    { id: 'hq-1', outletId: 'shop', nameZh: '总部商品', nameEn: 'HQ item', category: '', barcode: null, active: true, origin: 'central' as const, price: 500 },
  ];
  const now = new Date('2026-12-04T00:00:00Z');
  const ctx = { outlets, items, now, parseLocalTime: (t: string) => parseStoreTime(t, 'Asia/Shanghai') };

  it('accepts good rows, finding outlets by code or name and existing items by barcode or name', () => {
    const t = table('outlet,name_zh,name_en,price,barcode,active\n餐厅,菊花茶,Tea,12.5,,\nShop,矿泉水,Water,3,6900000000011,0\nrestaurant,新茶,New tea,8,6901234567892,1\n');
    const r = checkCatalogRows(t, ctx);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.existingId, x.outletId, x.price, x.active])).toEqual([
      ['tea', 'restaurant', 1250, true],
      [null, 'shop', 300, false],
      ['tea', 'restaurant', 800, true],
    ]);
  });

  it('lists every bad row with its row number, column and reason in both languages', () => {
    const t = table(
      'id,outlet,name_zh,name_en,price,barcode,effective_from\n' +
        ',bar,啤酒,Beer,15,,\n' + // unknown outlet
        ',shop,,Water,3,,\n' + // no Chinese name
        ',shop,水,Water,-3,,\n' + // negative price
        ',shop,水2,Water,3.999,,\n' + // three decimals
        ',shop,水3,Water,3,12,\n' + // short barcode
        ',shop,水4,Water,3,6900000000011,\n' +
        ',shop,水5,Water,3,6900000000011,\n' + // same barcode as row 7
        'hq-1,shop,总部商品,HQ,6,,\n' + // central: read-only
        ',shop,水6,Water,3,,2026-12-03 08:00\n' + // price change in the past
        ',shop,水7,Water,3,,tomorrow\n',
    );
    const r = checkCatalogRows(t, ctx);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'outlet'],
      [3, 'name_zh'],
      [4, 'price'],
      [5, 'price'],
      [6, 'barcode'],
      [8, 'barcode'],
      [9, 'id'],
      [10, 'effective_from'],
      [11, 'effective_from'],
    ]);
    expect(r.problems[0]!.message).toEqual({ en: 'No outlet "bar". Add it first or use an existing outlet\'s code or name.', 'zh-CN': '没有营业点"bar"。请先添加，或填写已有营业点的编号或名称。' });
    expect(r.problems[5]!.message['zh-CN']).toBe('与第 7 行条码重复。');
    expect(r.rows.map((x) => x.row)).toEqual([7]);
  });

  it('says which columns are missing', () => {
    expect(checkCatalogRows(table('name,price\nx,1\n'), ctx).problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'outlet'],
      [1, 'name_zh'],
      [1, 'name_en'],
    ]);
  });
});

describe('locker and station rows', () => {
  const lockerCtx = {
    lockers: [
      { number: 101, uid: 'A1B20101', state: 'free' as const },
      { number: 102, uid: 'A1B20102', state: 'occupied' as const },
    ],
    isBlocked: (uid: string) => uid === 'DEADBEEF',
  };

  it('accepts lockers with or without a wristband and refuses bad numbers, UIDs in use and occupied lockers', () => {
    const t: CsvTable = table('locker,uid,state\n103,a1b20103,\n104,,停用\n0,,\n105,XYZ,\n106,A1B20101,\n107,DEADBEEF,\n102,A1B29999,\n103,,\n108,,broken\n');
    const r = checkLockerRows(t, lockerCtx);
    expect(r.rows).toEqual([
      { row: 2, locker: 103, uid: 'A1B20103', state: 'free' },
      { row: 3, locker: 104, uid: null, state: 'out_of_service' },
    ]);
    expect(r.problems.map((p) => [p.row, p.field, p.message.en])).toEqual([
      [4, 'locker', 'A locker number from 1 to 999999.'],
      [5, 'uid', '8 to 20 hex digits as the reader shows them.'],
      [6, 'uid', 'This wristband belongs to locker 101.'],
      [7, 'uid', 'This wristband was reported lost and is blocked.'],
      [8, 'locker', 'Locker 102 has a guest now; change it after checkout.'],
      [9, 'locker', 'The same locker is on row 2.'],
      [10, 'state', 'Use "free" or "out_of_service" (空闲/停用).'],
    ]);
  });

  it('stations: coordinates within range, exact as typed', () => {
    const r = checkStationRows(table('id,name,address,latitude,longitude\nSH-1,人民广场站,"上海市黄浦区, 1号",31.230416,121.473701\nSH-2,Bad,,91,121\nSH-1,Dup,,31,121.5e1\n'), { stations: [] });
    expect(r.rows).toEqual([{ row: 2, id: 'SH-1', name: '人民广场站', address: '上海市黄浦区, 1号', latitude: '31.230416', longitude: '121.473701' }]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'latitude'],
      [4, 'id'],
      [4, 'longitude'],
    ]);
  });
});

describe('prices and times typed in a file', () => {
  it('parses money exactly, refusing what is not a plain positive amount', () => {
    expect([parsePrice('12.3'), parsePrice('12.30'), parsePrice('¥1,200'), parsePrice('0.01')]).toEqual([1230, 1230, 120000, 1]);
    expect([parsePrice('0'), parsePrice('-1'), parsePrice('1e3'), parsePrice('1.001'), parsePrice('')]).toEqual([null, null, null, null, null]);
  });

  it('reads store time in the store time zone', () => {
    expect(parseStoreTime('2026-12-01 08:00', 'Asia/Shanghai')!.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseStoreTime('2026/6/1 02:30', 'Europe/Berlin')!.toISOString()).toBe('2026-06-01T00:30:00.000Z');
    expect(parseStoreTime('2026-12-01T08:00:00+08:00', 'Europe/Berlin')!.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect([parseStoreTime('2026-02-30', 'Asia/Shanghai'), parseStoreTime('soon', 'Asia/Shanghai'), parseStoreTime('2026-12-01 24:00', 'Asia/Shanghai')]).toEqual([null, null, null]);
  });
});
