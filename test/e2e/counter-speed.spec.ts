/// <reference lib="dom" />
// "Measure it" (issue 12): the common tasks at a counter with a queue, counted in taps and key
// presses, on the two usual counter touchscreens. Each limit is today's count: a change that
// adds a tap, a key press or a scroll turns this red. Every tap checks that its target is
// already on screen and at least 44 px; each screen's controls are checked for size too.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { FuelPage } from './pages/fuel';
import { LockerPage } from './pages/lockers';
import { TapCounter, expectOnScreen, smallTargets } from './pages/taps';

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
];

/** POS_SCREENSHOTS=1 writes the README's screenshots (docs/screenshots) from the 1024×768 runs. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.POS_SCREENSHOTS || page.viewportSize()!.width !== 1024) return;
  const dir = path.resolve('docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ demo: true, viewport, hostEnv: { POS_DEMO_PUMP_SPEED: '400' } });

    test.beforeEach(async ({ counter }) => {
      await counter.signInByTouch('李娜 Li Na', '1111');
      await counter.expectHome('李娜 Li Na');
    });

    test('fuel: ¥200 cash on pump 1 in 4 taps, no scroll', async ({ page }) => {
      const fuel = new FuelPage(page);
      await fuel.open();
      expect(await smallTargets(page)).toEqual([]);
      const count = new TapCounter(page);
      await count.tap(page.getByTestId('fuel-pump-1'), 'pump 1');
      await count.tap(page.getByRole('button', { name: /^¥200\.00$/ }), '¥200');
      await expect(fuel.quote).toHaveAttribute('data-amount', '20000');
      await expectOnScreen(page, page.getByTestId('fuel-due'), 'amount due');
      expect(await smallTargets(page)).toEqual([]);
      await screenshot(page, 'fuel-1-order');
      await count.tap(page.getByTestId('fuel-pay'), 'pay');
      await screenshot(page, 'fuel-2-confirm');
      await count.tap(page.getByRole('dialog').getByRole('button', { name: /^(确认|Confirm)/ }), 'confirm');
      await expect(fuel.current).toBeVisible();
      await expect(fuel.current).toContainText('1 号油枪');
      expect(count.log).toHaveLength(4);
      expect({ taps: count.taps, keys: count.keys }).toEqual({ taps: 4, keys: 0 });
      await fuel.expectState('completed');
      await expectOnScreen(page, page.getByTestId('fuel-new'), 'new order');
      expect(await smallTargets(page)).toEqual([]);
      await screenshot(page, 'fuel-3-forecourt');
    });

    test('lockers: three catalog items charged to a tapped wristband in 6 taps, no scroll', async ({ page }) => {
      const lockers = new LockerPage(page);
      await lockers.open();
      for (const n of [101, 102, 103]) {
        await lockers.tap(n);
        await expect(page.getByTestId('bind-collected')).toContainText(String(n));
      }
      await page.getByLabel('客人手机号').fill('13800138000');
      await expectOnScreen(page, page.getByRole('button', { name: '绑定手牌', exact: true }).last(), 'bind');
      expect(await smallTargets(page)).toEqual([]);
      await screenshot(page, 'lockers-0-bind');
      await page.getByRole('button', { name: '绑定手牌', exact: true }).last().click();
      await lockers.confirm();
      await expect(lockers.status).toContainText('101, 102, 103');
      await lockers.tab('场内消费');
      await page.evaluate(() => window.scrollTo(0, 0));
      const count = new TapCounter(page);
      await count.reader(() => lockers.tap(101), 'wristband 101');
      await expect(page.getByTestId('charge-locker')).toHaveText('柜号 101');
      for (const item of ['宫保鸡丁', '青岛啤酒', '菊花茶']) await count.tap(lockers.item(item), item);
      await expectOnScreen(page, page.getByTestId('charge-total'), 'charge total');
      expect(await smallTargets(page)).toEqual([]);
      await screenshot(page, 'lockers-1-charge');
      await count.tap(page.getByRole('button', { name: /^记入手牌/ }), 'charge');
      await count.tap(page.getByRole('dialog').getByRole('button', { name: '确认' }), 'confirm');
      await expect(lockers.status).toContainText('已记入 ¥75.00（101 号柜）');
      expect({ taps: count.taps, keys: count.keys }).toEqual({ taps: 6, keys: 0 });
    });

    test('lockers: a party of three checks out with a split payment and change in 6 taps, no scroll', async ({ page }) => {
      const lockers = new LockerPage(page);
      await lockers.open();
      await lockers.bindParty([101, 102, 103], '13800138000', '300', '600');
      await expect(lockers.status).toContainText('101, 102, 103');
      await lockers.charge(101, '餐厅', { items: ['宫保鸡丁', '宫保鸡丁'] });
      await expect(lockers.status).toContainText('已记入 ¥96.00');
      await lockers.charge(102, '按摩', { items: ['全身按摩'] });
      await expect(lockers.status).toContainText('已记入 ¥298.00');
      await lockers.charge(103, '按摩', { amount: '15' });
      await expect(lockers.status).toContainText('已记入 ¥15.00');
      await lockers.tab('结账');
      await page.evaluate(() => window.scrollTo(0, 0));

      const count = new TapCounter(page);
      await count.reader(() => lockers.tap(102), 'wristband 102');
      await expect(page.getByTestId('checkout-total')).toHaveText('¥409.00');
      await expectOnScreen(page, page.getByTestId('checkout-total'), 'total');
      await count.tap(page.getByLabel('银行卡'), 'bank card field');
      await count.type('300');
      await count.tap(page.getByLabel('现金'), 'cash field');
      await count.type('120');
      await expect(page.getByTestId('checkout-change')).toContainText('¥11.00');
      await expectOnScreen(page, page.getByTestId('checkout-change'), 'change');
      expect(await smallTargets(page)).toEqual([]);
      await screenshot(page, 'lockers-2-checkout');
      await count.tap(page.getByRole('button', { name: '结账 ¥409.00' }), 'check out');
      await count.tap(page.getByRole('dialog').getByRole('button', { name: '确认' }), 'confirm');
      await expect(lockers.status).toContainText('合计 ¥409.00，找零 ¥11.00');
      expect({ taps: count.taps, keys: count.keys }).toEqual({ taps: 5, keys: 6 });
    });

    test('lockers: a party paying cash with the next banknote checks out in 4 taps, no keys', async ({ page }) => {
      const lockers = new LockerPage(page);
      await lockers.open();
      await lockers.bindParty([104, 105], '13800138000', '300', '600');
      await expect(lockers.status).toContainText('104, 105');
      await lockers.charge(104, '餐厅', { items: ['牛肉面'] });
      await expect(lockers.status).toContainText('已记入 ¥38.00');
      await lockers.charge(105, '商店', { items: ['洗发水'] });
      await expect(lockers.status).toContainText('已记入 ¥25.00');
      await lockers.tab('结账');
      await page.evaluate(() => window.scrollTo(0, 0));

      const count = new TapCounter(page);
      await count.reader(() => lockers.tap(105), 'wristband 105');
      await expect(page.getByTestId('checkout-total')).toHaveText('¥63.00');
      // ¥63.00 due: the next banknotes are ¥100.00 (next ¥50 and next ¥100 coincide).
      await expect(page.getByTestId('cash-notes').getByRole('button')).toHaveText(['现金 ¥100.00']);
      await count.tap(page.getByTestId('cash-notes').getByRole('button', { name: '现金 ¥100.00' }), 'cash ¥100');
      await expect(page.getByTestId('checkout-change')).toHaveText('¥37.00');
      await expectOnScreen(page, page.getByTestId('checkout-change'), 'change');
      await screenshot(page, 'lockers-3-quick-cash');
      await count.tap(page.getByRole('button', { name: '结账 ¥63.00' }), 'check out');
      await count.tap(page.getByRole('dialog').getByRole('button', { name: '确认' }), 'confirm');
      await expect(lockers.status).toContainText('合计 ¥63.00，找零 ¥37.00');
      expect({ taps: count.taps, keys: count.keys }).toEqual({ taps: 4, keys: 0 });
    });
  });
}
