// The shop sale with coupons (issue 17), as a cashier does it in `npm start --demo`: the demo
// terminal enrolled with its demo central server (which publishes the shop items with barcodes,
// the coupons and a product display), the emulated scanner and LAN printer.
import fs from 'node:fs';
import path from 'node:path';
import { ShopPage } from './pages/shop';
import { expectOnScreen, smallTargets } from './pages/taps';
import { expect, test } from './support/fixtures';

test.use({ demo: true, viewport: { width: 1024, height: 768 }, hostEnv: { POS_DEMO_SERVER: '1' } });
// A demo host with its server process on a shared machine: a generous limit, not a speed check.
test.describe.configure({ timeout: 150_000 });

const printed = (dataDir: string) => {
  try {
    return fs.readFileSync(path.join(dataDir, 'demo-printer.txt'), 'utf8');
  } catch {
    return '';
  }
};

test('scan sunscreen → its coupons best first → 张三 claims two → checkout applies the best claimed one automatically → the receipt shows the saving; the customer display shows the pushed product and the cart', async ({ counter, page, host, context }) => {
  await counter.signInByTouch('李娜 Li Na', '1111');
  await expect(counter.statusBar).toContainText('同步：在线', { timeout: 30_000 });

  // The customer-facing display: a separate page of the browser host, not signed in.
  const display = await context.newPage();
  await display.goto(`${host.origin}/?display=customer#token=${new URL(host.openUrl).hash.replace('#token=', '')}`);
  await expect(display.getByTestId('customer-promotion')).toContainText('夏日防晒 新品上市', { timeout: 30_000 });

  const shop = new ShopPage(page);
  await shop.open();
  // The shop items and coupons came from head office (pulled reference streams).
  await expect(page.getByTestId('shop-demo').getByRole('button', { name: '防晒霜 SPF50' })).toBeVisible({ timeout: 30_000 });
  await shop.demoScan('防晒霜 SPF50');
  await expect(shop.cart).toContainText('防晒霜 SPF50');
  await expect(shop.total).toHaveText('¥128.00');

  // Its coupons, best first: the product's own, then its category's, then store-wide; the best highlighted.
  await expect(shop.coupons()).toHaveCount(3);
  await expect(shop.coupons().nth(0)).toContainText('防晒霜立减30');
  await expect(shop.coupons().nth(0)).toHaveAttribute('data-best', 'true');
  await expect(shop.coupons().nth(0)).toContainText('本单可省 ¥30.00');
  await expect(shop.coupons().nth(1)).toContainText('洗护8折 最高减50');
  await expect(shop.coupons().nth(1)).toContainText('本单可省 ¥25.60');
  await expect(shop.coupons().nth(2)).toContainText('满100减20');
  await expect(shop.coupons().nth(2)).toContainText('本单可省 ¥20.00');
  await expect(display.getByTestId('customer-total')).toHaveText('¥128.00');
  await expect(display.getByTestId('customer-coupon').first()).toContainText('防晒霜立减30');

  // The member identifies with the member number and claims two of them.
  await shop.findMember('CA88001234');
  await expect(page.getByTestId('shop-member-name')).toContainText('张三');
  await shop.claim('满100减20');
  await shop.claim('防晒霜立减30');

  // The member's claims: the one saving the most is applied by itself.
  await expect(shop.claims.getByTestId('shop-claim')).toHaveCount(2);
  await expect(shop.claims.getByTestId('shop-claim').filter({ hasText: '防晒霜立减30' })).toHaveAttribute('data-applied', 'true');
  await expect(shop.discount).toHaveText('−¥30.00');
  await expect(shop.total).toHaveText('¥98.00');
  await expect(display.getByTestId('customer-total')).toHaveText('¥98.00');

  // Everything a cashier taps is on screen at 1024×768 and finger-sized.
  await expectOnScreen(page, shop.payButton, 'pay');
  expect(await smallTargets(page)).toEqual([]);

  await shop.pay();
  await expect(page.getByRole('status').filter({ hasText: '已收款' })).toContainText('已收款 ¥98.00');
  await expect(page.getByTestId('shop-done')).toContainText('使用 防晒霜立减30 为顾客节省 ¥30.00');

  // The receipt as the printer got it: the item, the coupon as a line with its saving, the total paid.
  await expect.poll(() => printed(host.dataDir), { timeout: 15_000 }).toContain('防晒霜立减30');
  const paper = printed(host.dataDir);
  expect(paper).toContain('防晒霜 SPF50 Sunscreen SPF50');
  expect(paper).toMatch(/优惠券 Coupon 防晒霜立减30\s+-￥30\.00/);
  expect(paper).toMatch(/应收\s+￥98\.00/);
  expect(paper).toContain('会员 Member');

  // The claim is used: the member's list no longer offers it.
  await page.getByRole('button', { name: '下一位顾客' }).click();
  await shop.findMember('CA88001234');
  await expect(shop.claims.getByTestId('shop-claim')).toHaveCount(1);
  await expect(shop.claims).toContainText('满100减20');
});

test('on the coupons screen, by keyboard: a typed barcode lists its coupons, the member found by phone claims one, and a second claim over the limit is refused with a clear message', async ({ counter, page }) => {
  await counter.signInByTouch('张伟 Zhang Wei', '2222');
  await expect(counter.statusBar).toContainText('同步：在线', { timeout: 30_000 });
  const shop = new ShopPage(page);
  await shop.open('优惠券');
  await expect(page.getByTestId('shop-pay')).toHaveCount(0);
  await expect(page.getByTestId('shop-demo').getByRole('button', { name: '防晒霜 SPF50' })).toBeVisible({ timeout: 30_000 });

  await shop.typeCode('6970000000024');
  await expect(shop.coupons()).toHaveCount(3);
  await expect(shop.coupons().nth(0)).toContainText('防晒霜立减30');
  await expect(shop.coupons().nth(0)).toHaveAttribute('data-best', 'true');

  await shop.findMember('13900139000');
  await expect(page.getByTestId('shop-member-name')).toContainText('张三 ZHANG/SAN · CA88001234');
  await shop.claim('防晒霜立减30');
  await shop.claim('洗护8折 最高减50');
  await expect(shop.claims.getByTestId('shop-claim')).toHaveCount(2);

  // The sunscreen coupon allows one per member: the server refuses the second, nothing changes.
  await shop.coupons().filter({ hasText: '防晒霜立减30' }).getByRole('button', { name: '领取' }).click();
  await expect(shop.matching.getByRole('alert')).toContainText('该会员领取"防晒霜立减30"已达上限（1 张）');
  await expect(shop.claims.getByTestId('shop-claim')).toHaveCount(2);

  // The same screen in English.
  await counter.switchLanguage('English');
  await expect(shop.coupons().nth(0)).toContainText('Sunscreen ¥30 off');
  await expect(shop.coupons().nth(0)).toContainText('Best');
  await expect(shop.claims).toContainText("Member's coupons");

  // A reload (or a renderer crash) keeps the cart being rung up; main prices it again.
  await page.reload();
  await expect(shop.cart).toContainText('Sunscreen SPF50');
  await expect(shop.cart.getByTestId('shop-qty')).toHaveValue('1');
});
