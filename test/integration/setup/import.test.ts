// CSV import: a preview lists every refused row; the import writes every row or none, once per command id.
import { afterEach, describe, expect, it } from 'vitest';
import { snapshot } from '../../support/services';
import { base64, cmd, setupTerminal, type SetupTerminal } from './support';

let t: SetupTerminal;
afterEach(async () => {
  await t?.close();
});

const CATALOG = 'outlet,name_zh,name_en,category,price,barcode\r\n餐厅,牛肉面,Beef noodles,主食,38,6900000000011\r\n餐厅,"宫保鸡丁, 小份",Kung pao (small),菜,48.5,\r\nshop,矿泉水,Water,饮料,3,6900000000028\r\n';

type Preview = { encoding: string; rows: number; accepted: number; problems: { row: number; field: string; message: { en: string; 'zh-CN': string } }[] };

describe('catalog import', () => {
  it('previews and imports a GBK file from Excel; importing it again changes nothing', async () => {
    t = await setupTerminal();
    const content = base64(CATALOG, 'gbk');
    expect(await t.ok<Preview>('setup.importPreview', { kind: 'catalog', content })).toEqual({ encoding: 'gb18030', rows: 3, accepted: 3, problems: [] });
    const commandId = cmd();
    expect(await t.ok('setup.import', { commandId, kind: 'catalog', content })).toEqual({ kind: 'catalog', rows: 3, created: 3, updated: 0 });
    const list = await t.ok<{ items: { nameZh: string; price: number; category: string }[] }>('catalog.list');
    expect(list.items.map((i) => [i.nameZh, i.price])).toEqual([
      ['宫保鸡丁, 小份', 4850],
      ['牛肉面', 3800],
      ['矿泉水', 300],
    ]);
    // The same command again is a replay: the first result, nothing written.
    const before = snapshot(t.services);
    expect(await t.ok('setup.import', { commandId, kind: 'catalog', content })).toEqual({ kind: 'catalog', rows: 3, created: 3, updated: 0 });
    expect(snapshot(t.services)).toBe(before);
    // The same file as a new command: every row matches an item already there.
    expect(await t.ok('setup.import', { commandId: cmd(), kind: 'catalog', content: base64(CATALOG, 'utf-8-bom') })).toEqual({ kind: 'catalog', rows: 3, created: 0, updated: 0 });
    // The same id with another file is a conflict, not a second import.
    expect((await t.refusedUnchanged('setup.import', { commandId, kind: 'catalog', content: base64(CATALOG.replace('38', '39')) })).code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('one bad row refuses the whole file: the preview says which and why, the import writes nothing', async () => {
    t = await setupTerminal();
    const bad = `${CATALOG}酒吧,啤酒,Beer,,15,\r\nshop,可乐,Cola,,-3,\r\n`;
    const preview = await t.ok<Preview>('setup.importPreview', { kind: 'catalog', content: base64(bad) });
    expect(preview).toMatchObject({ rows: 5, accepted: 3 });
    expect(preview.problems.map((p) => [p.row, p.field, p.message['zh-CN']])).toEqual([
      [5, 'outlet', '没有营业点"酒吧"。请先添加，或填写已有营业点的编号或名称。'],
      [6, 'price', '请填写大于零、最多两位小数的价格，如 12.50。'],
    ]);
    const e = await t.refusedUnchanged('setup.import', { commandId: cmd(), kind: 'catalog', content: base64(bad) });
    expect(e).toMatchObject({ code: 'CSV_ROWS_REFUSED', message: { en: '2 rows of the file would be refused. Nothing was imported; fix them and try again.' } });
    expect(e.fields!.map((f) => f.path)).toEqual(['5:outlet', '6:price']);
    expect((await t.refusedUnchanged('setup.import', { commandId: cmd(), kind: 'catalog', content: '***' })).code).toBe('INVALID_INPUT');
    const empty = await t.ok<Preview>('setup.importPreview', { kind: 'catalog', content: base64('\r\n') });
    expect(empty.problems[0]!.message.en).toBe('The file is empty.');
  });

  it('a cashier can neither preview nor import nor export', async () => {
    t = await setupTerminal();
    await t.asCashier();
    for (const [m, input] of [
      ['setup.importPreview', { kind: 'catalog', content: base64(CATALOG) }],
      ['setup.import', { commandId: cmd(), kind: 'catalog', content: base64(CATALOG) }],
      ['setup.export', { kind: 'lockers' }],
    ] as const) {
      expect((await t.refusedUnchanged(m, input)).code).toBe('FORBIDDEN');
    }
  });
});

describe('lockers and stations import, and export of all three', () => {
  it('imports lockers with and without wristbands and stations, then exports them as UTF-8 with BOM', async () => {
    t = await setupTerminal();
    const lockers = 'locker,uid,state\n101,AABB0101,\n102,AABB0102,停用\n103,,\n';
    expect(await t.ok('setup.import', { commandId: cmd(), kind: 'lockers', content: base64(lockers) })).toEqual({ kind: 'lockers', rows: 3, created: 3, updated: 0 });
    const view = await t.ok<{ lockers: unknown[] }>('lockers.setupView');
    expect(view.lockers).toEqual([
      { number: 101, uid: 'AABB0101', state: 'free' },
      { number: 102, uid: 'AABB0102', state: 'out_of_service' },
      { number: 103, uid: null, state: 'free' },
    ]);
    const stations = 'id,name,address,latitude,longitude\nSH-0012,人民广场加油站,"上海市黄浦区人民大道 1 号",31.230416,121.473701\nSH-0020,徐家汇加油站,上海市徐汇区,31.1955,121.4365\n';
    expect(await t.ok('setup.import', { commandId: cmd(), kind: 'stations', content: base64(stations, 'gbk') })).toMatchObject({ created: 2 });
    await t.ok('setup.import', { commandId: cmd(), kind: 'catalog', content: base64(CATALOG) });

    const decode = async (kind: string) => {
      const out = await t.ok<{ fileName: string; content: string }>('setup.export', { kind });
      const bytes = Buffer.from(out.content, 'base64');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(out.fileName).toBe(`${kind}-2026-12-04.csv`);
      return bytes.subarray(3).toString('utf8');
    };
    expect(await decode('lockers')).toBe('locker,uid,state\r\n101,AABB0101,free\r\n102,AABB0102,out_of_service\r\n103,,free\r\n');
    expect(await decode('stations')).toContain('SH-0012,人民广场加油站,上海市黄浦区人民大道 1 号,31.230416,121.473701\r\n');
    const catalog = await decode('catalog');
    expect(catalog).toContain('"宫保鸡丁, 小份",Kung pao (small),菜,48.50,,1,');
    // What was exported imports again as no change.
    const again = await t.ok<Preview>('setup.importPreview', { kind: 'catalog', content: Buffer.from(`\ufeff${catalog}`).toString('base64') });
    expect(again.problems).toEqual([]);
    expect(await t.ok('setup.import', { commandId: cmd(), kind: 'catalog', content: Buffer.from(`\ufeff${catalog}`).toString('base64') })).toMatchObject({ created: 0, updated: 0 });
  });
});
