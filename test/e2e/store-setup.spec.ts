// A new store, from the first screen to its first sales, using only the screens: a fresh data dir
// without --demo, on the device emulators (--emulators: card reader, pump controller on a socat
// pty, LAN printer). The owner follows the setup guide, registers three lockers by tapping their
// wristbands, imports a 50-item catalog saved by Excel in GBK, sets the quotas and picks the fuel
// station from the list; then a cashier binds, charges, checks out, and sells fuel.
import iconv from 'iconv-lite';
import { expect, test } from '@playwright/test';
import { CounterPage } from './pages/counter';
import { FuelPage } from './pages/fuel';
import { LockerPage } from './pages/lockers';
import { StoreSetupPage } from './pages/store-setup';
import { startHost, type HostProcess } from './support/host';

let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost({ args: ['--emulators'], env: { POS_DEMO_PUMP_SPEED: '400' } });
});
test.afterEach(async () => {
  await host.stop();
});

/** 50 items as a restaurant keeps them in Excel: Chinese names, a name with a comma (quoted), prices in yuan. */
function catalogCsv(): Buffer {
  const rows = ['outlet,name_zh,name_en,category,price,barcode'];
  rows.push('餐厅,牛肉面,Beef noodles,主食,38,6900000000011');
  rows.push('餐厅,"宫保鸡丁, 小份",Kung pao (small),热菜,28.50,');
  for (let i = 3; i <= 50; i++) rows.push(`${i % 2 ? '商店' : '按摩'},商品${i},Item ${i},杂项,${i}.${String(i % 100).padStart(2, '0')},69100000${String(i).padStart(5, "0")}`);
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'gbk');
}

const STATIONS = 'id,name,address,latitude,longitude\r\nSH-0012,人民广场加油站,"上海市黄浦区人民大道 1 号",31.230416,121.473701\r\nSH-0020,徐家汇加油站,上海市徐汇区漕溪北路 8 号,31.1955,121.4365\r\n';

test('a new store is set up on screen and makes its first locker checkout and fuel sale', async ({ page }) => {
  test.setTimeout(180_000);
  const counter = new CounterPage(page);
  const guide = new StoreSetupPage(page);
  await page.goto(host.openUrl);

  // First run: the store and its owner; the guide opens at once.
  await counter.setUpStore('新城浴场', '赵老板', '1234', { guide: 'stay' });
  await expect(guide.step('store')).toBeVisible();
  await page.getByLabel('地址').fill('上海市黄浦区人民大道 1 号');
  await page.getByLabel('电话').fill('021-12345678');
  await page.getByLabel('税号').fill('91310000MA1K000000');
  await page.getByLabel('小票页脚').fill('谢谢惠顾，欢迎再来');
  await page.getByRole('button', { name: '保存门店信息' }).click();

  // Workflows: lockers and fuel only.
  await expect(guide.step('workflows')).toBeVisible();
  await page.getByRole('button', { name: '手牌消费' }).click();
  await page.getByRole('button', { name: '加油' }).click();
  await page.getByRole('button', { name: '保存业务' }).click();

  // Devices: the emulated ones are online; the guide can be left here and resumed.
  await expect(guide.step('devices')).toBeVisible();
  await expect(guide.step('devices').locator('[data-device="printer"]')).toHaveAttribute('data-state', 'online');
  await page.getByRole('button', { name: '稍后继续' }).click();
  await expect(page.getByTestId('setup-missing')).toContainText('尚未登记柜号。');
  await expect(page.getByTestId('setup-missing')).toContainText('本终端尚未选定加油站。');
  await expect(counter.tile('会员卡')).toHaveCount(0); // not a workflow of this venue
  await page.getByRole('button', { name: '继续设置' }).click();
  await expect(guide.step('devices')).toBeVisible();
  await guide.next();

  // Lockers 101–103, each wristband tapped on the reader while its locker is highlighted.
  await expect(guide.step('lockers')).toBeVisible();
  await page.getByLabel('起始柜号').fill('101');
  await page.getByLabel('结束柜号').fill('103');
  await page.getByRole('button', { name: '添加柜号', exact: true }).click();
  await expect(page.getByTestId('lockers-setup-done')).toHaveText('已添加 3 个柜号（0 个已存在）。');
  for (const n of [101, 102, 103]) {
    await expect(page.getByTestId('setup-locker-selected')).toHaveAttribute('data-locker', String(n));
    await expect(page.getByTestId('setup-tap-now')).toHaveText(`请现在在读卡器上刷 ${n} 号柜的手牌。`);
    await guide.tapWristband(host.openUrl, '赵老板', '1234', `C0FF0${n}`);
    await expect(page.getByTestId('lockers-setup-done')).toHaveText(`${n} 号柜：已登记手牌 …0${n}。`);
    await expect(page.getByTestId(`setup-locker-${n}`)).toHaveAttribute('data-registered', 'true');
  }
  await page.getByRole('button', { name: '打印清单' }).click();
  await expect(page.getByTestId('lockers-setup-done')).toHaveText('已打印 3 个柜号的清单。');
  await expect.poll(() => FuelPage.printed(host.dataDir), { timeout: 10_000 }).toContain('柜号手牌清单');
  expect(FuelPage.printed(host.dataDir)).toMatch(/103\s+…0103 空闲/);
  await page.getByLabel('单个手牌额度（元）').fill('500');
  await page.getByLabel('同行总额度（元）').fill('1500');
  await page.getByLabel('单笔消费上限（元）').fill('800');
  await page.getByRole('button', { name: '保存额度' }).click();
  await expect(page.getByTestId('lockers-setup-done')).toHaveText('已保存。');
  await guide.next();

  // Catalog: a file with a bad row is refused row by row first; then the 50-item GBK file.
  await expect(guide.step('catalog')).toBeVisible();
  const bad = await guide.chooseCsv('catalog', 'bad.csv', Buffer.from('\ufeffoutlet,name_zh,name_en,price\r\n酒吧,啤酒,Beer,15\r\n餐厅,茶,Tea,-1\r\n'));
  await expect(bad.getByTestId('csv-problems').locator('[data-row="2"]')).toContainText('没有营业点"酒吧"');
  await expect(bad.getByTestId('csv-problems').locator('[data-row="3"]')).toContainText('请填写大于零、最多两位小数的价格');
  await expect(bad.getByTestId('csv-import')).toHaveCount(0);
  await guide.importCsv('catalog', '价目表.csv', catalogCsv(), 50);
  await expect(page.getByTestId('csv-catalog').getByRole('status')).toHaveText('已导入：新增 50 个，修改 0 个。');
  await page.getByLabel('快速查找').fill('6900000000011');
  await expect(page.getByTestId('catalog-items')).toContainText('牛肉面');
  await expect(page.getByTestId('catalog-count')).toHaveText('1 个商品');
  await guide.next();

  // Fuel: the station list imported, ours picked from it, the test says where this terminal is.
  await expect(guide.step('fuel')).toBeVisible();
  await guide.importCsv('stations', 'stations.csv', iconv.encode(STATIONS, 'gbk'), 2);
  await page.getByRole('button', { name: '本站就是这里: 人民广场加油站' }).click();
  await expect(page.getByTestId('station-found')).toHaveText('本终端位于 人民广场加油站，距离 0 米。');
  await page.getByTestId('station-test').click();
  await expect(page.getByTestId('station-found')).toHaveText('本终端位于 人民广场加油站，距离 0 米。');
  await page.getByLabel('油品编号').fill('92');
  await page.getByLabel('名称').last().fill('92#汽油');
  await page.getByLabel('单价（元/升）').fill('7.59');
  await page.getByRole('button', { name: '保存油品' }).click();
  await page.getByLabel('油枪号').fill('1');
  await expect(page.getByLabel('油站编号').last()).toHaveValue('SH-0012');
  await page.getByLabel(/^枪口/).fill('1:92');
  await page.getByRole('button', { name: '保存油枪' }).click();
  await expect(page.getByText('本店使用的业务均已设置完毕。')).toBeVisible();
  await page.getByTestId('guide-finish').click();
  await expect(page.getByTestId('setup-missing')).toHaveCount(0);

  // A cashier.
  await counter.tile('员工').click();
  await page.getByLabel('姓名').fill('钱收银');
  await page.getByLabel(/^密码/).fill('1111');
  await page.getByRole('button', { name: '添加员工' }).click();
  await expect(page.getByRole('status')).toHaveText('已添加 钱收银。');
  await counter.signOut();
  await counter.signInByTouch('钱收银', '1111');
  await counter.expectHome('钱收银');

  // Bind locker 101, charge an imported item, check out in cash.
  const lockers = new LockerPage(page);
  await lockers.open();
  await guide.tapWristband(host.openUrl, '钱收银', '1111', 'C0FF0101');
  await expect(page.getByTestId('bind-collected')).toContainText('101');
  await page.getByLabel('客人手机号').fill('13800138000');
  await expect(page.getByLabel('单个手牌额度（元）')).toHaveValue('500');
  await page.getByRole('button', { name: '绑定手牌', exact: true }).last().click();
  await guide.confirm();
  await expect(page.getByRole('status')).toContainText('已将 101 号柜绑定到客人');

  await lockers.tab('场内消费');
  await guide.tapWristband(host.openUrl, '钱收银', '1111', 'C0FF0101');
  await expect(page.getByTestId('charge-locker')).toHaveText('柜号 101');
  await page.getByRole('radiogroup').last().getByText('餐厅', { exact: true }).click();
  await page.getByTestId('charge-items').getByRole('button', { name: /牛肉面/ }).click();
  await page.getByRole('button', { name: /^记入手牌/ }).click();
  await guide.confirm();
  await expect(page.getByRole('status')).toContainText('已记入 ¥38.00（101 号柜）');

  await lockers.tab('结账');
  await guide.tapWristband(host.openUrl, '钱收银', '1111', 'C0FF0101');
  await expect(page.getByTestId('checkout-total')).toHaveText('¥38.00');
  await page.getByLabel('现金').fill('50');
  await page.getByRole('button', { name: '结账 ¥38.00' }).click();
  await guide.confirm();
  await expect(page.getByRole('status')).toContainText('101 号柜已结账：合计 ¥38.00，找零 ¥12.00。');
  await expect.poll(() => FuelPage.printed(host.dataDir), { timeout: 10_000 }).toContain('谢谢惠顾，欢迎再来');
  expect(FuelPage.printed(host.dataDir)).toContain('牛肉面');

  // Fuel on the station picked from the list.
  await page.getByRole('button', { name: '返回' }).click();
  const fuel = new FuelPage(page);
  await fuel.open();
  await fuel.order(1, '92', 'amount', '100');
  await expect(fuel.quote).toHaveAttribute('data-amount', '10000');
  await fuel.pay();
  await fuel.expectState('completed');
  expect(FuelPage.printed(host.dataDir)).toContain('人民广场加油站');
});
