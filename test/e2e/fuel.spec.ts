// Prepaid fuel in Chromium against the built browser host with --demo: the pump controller
// emulator on a socat pty (fast: 400 cL/s) and the LAN printer emulator (demo-printer.txt).
import { expect, test } from './support/fixtures';
import { FuelPage } from './pages/fuel';

test.use({ demo: true, hostEnv: { POS_DEMO_PUMP_SPEED: '400' } });

test.beforeEach(async ({ counter }) => {
  await counter.signInByTouch('李娜 Li Na', '1111');
  await counter.expectHome('李娜 Li Na');
});

test('order by amount, pay, pass printed, pump dispenses, completion', async ({ page, host }) => {
  const fuel = new FuelPage(page);
  await fuel.open();
  await fuel.order(1, '92', 'amount', '100');
  // Both numbers before payment: 100.00 yuan buys 13.17 L at 7.59.
  await expect(fuel.quote).toContainText('13.17');
  await expect(fuel.quote).toContainText('7.59');
  await expect(fuel.quote).toHaveAttribute('data-amount', '10000');
  await fuel.pay();
  const id = await fuel.orderId();
  await expect.poll(() => FuelPage.printed(host.dataDir), { timeout: 10_000 }).toContain(`QR: ${id}`);
  const pass = FuelPage.printed(host.dataDir);
  expect(pass).toContain('人民广场加油站');
  expect(pass).toContain('Pump 1');
  expect(pass).toContain('1号加油机 Pump 1');
  expect(pass).toMatch(/92#汽油\n\s+13\.17 L × ￥7\.59\s+￥100\.00/);
  expect(pass).toMatch(/应收\s+￥100\.00/);
  // The pump runs live on screen, then the order completes.
  await expect(page.getByTestId('fuel-live')).not.toContainText(/^0\.00/, { timeout: 10_000 });
  await fuel.expectState('completed');
  await expect(fuel.current).toContainText('13.17');
  await expect(fuel.orderRow(id)).toHaveAttribute('data-state', 'completed');
});

test('an underrun is refunded to the original tender', async ({ page }) => {
  const fuel = new FuelPage(page);
  await fuel.open();
  await fuel.order(2, '95', 'volume', '40');
  await expect(fuel.quote).toHaveAttribute('data-amount', '32480'); // 40 L x 8.12
  await page.getByText(/^(移动支付|Mobile pay)$/).click();
  await fuel.pay();
  await fuel.expectState('dispensing', 10_000);
  await fuel.stopPump();
  await fuel.expectState('refunded');
  await expect(page.getByTestId('fuel-refunded')).toContainText(/退 ¥|Refunded ¥/);
  await expect(page.getByTestId('fuel-refunded')).toContainText(/移动支付|Mobile pay/);
  const id = await fuel.orderId();
  await expect(fuel.orderRow(id)).toHaveAttribute('data-state', 'refunded');
  await page.getByTestId('fuel-print-final').click();
  await expect(page.getByText(/已打印|Printed/)).toBeVisible();
});

test('bad input is refused with a clear message and charges nothing', async ({ page, host }) => {
  const fuel = new FuelPage(page);
  await fuel.open();
  // Zero and too much, typed by the cashier.
  await fuel.order(1, '92', 'amount', '0');
  await expect(page.getByRole('alert')).toContainText('请输入大于零的金额或升数');
  await fuel.page.getByTestId('fuel-mode').getByText(/按升数|By litres/).click();
  await fuel.page.getByTestId('fuel-quantity').fill('200');
  await expect(page.getByRole('alert')).toContainText('1 号油枪每单最多 150.00 升，本单 200.00 升');
  await expect(page.getByTestId('fuel-pay')).toBeDisabled();
  // What the screen does not offer, sent over the bridge anyway.
  const base = { commandId: '0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', pump: 1, gradeId: '92', mode: 'amount', quantity: 10000, price: 759, tender: 'cash' };
  const replies = await fuel.rawCalls(host.openUrl, '李娜 Li Na', '1111', [
    ['fuel.pay', { ...base, pump: 9 }],
    ['fuel.pay', { ...base, pump: 2 }],
    ['fuel.pay', { ...base, quantity: -500 }],
    ['fuel.pay', { ...base, quantity: 0 }],
    ['fuel.pay', { ...base, mode: 'volume', quantity: 15001 }],
    ['fuel.orders', {}],
  ]);
  expect(replies.map((r) => r.error?.code ?? 'ok')).toEqual(['FUEL_UNKNOWN_PUMP', 'FUEL_GRADE_NOT_ON_PUMP', 'INVALID_INPUT', 'INVALID_INPUT', 'FUEL_OVER_LIMIT', 'ok']);
  expect(replies[5]!.value).toEqual([]); // nothing was charged, no order exists
});

test('a new order starts clean, Enter asks before paying, and an offline pump cannot be paid', async ({ page, host }) => {
  const fuel = new FuelPage(page);
  await fuel.open();
  await fuel.order(2, '95', 'volume', '10');
  await page.getByTestId('fuel-tender').getByText(/^(银行卡|Card)$/).click();
  await fuel.pay();
  await fuel.expectState('completed');
  await fuel.newOrder();

  // The next customer starts from nothing: by amount, cash.
  await page.getByTestId('fuel-pump-1').click();
  await expect(page.getByTestId('fuel-mode').getByRole('radio', { name: /按金额|By amount/ })).toBeChecked();
  await expect(page.getByTestId('fuel-tender').getByRole('radio', { name: /现金|Cash/ })).toBeChecked();

  // Enter in the quantity field opens the confirmation; closing it moves no money.
  await page.getByTestId('fuel-quantity').fill('50');
  await expect(fuel.quote).toHaveAttribute('data-amount', '5000');
  await page.getByTestId('fuel-quantity').press('Enter');
  await expect(fuel.confirmButton).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('fuel-orders').locator('tbody tr')).toHaveCount(1);

  // The pump controller goes away: the tile says offline, paying is disabled and says why.
  const [current] = await fuel.rawCalls(host.openUrl, '王芳 Wang Fang', '1234', [['devices.settings', {}]]);
  const settings = current!.value as { pump: Record<string, unknown> };
  const [configured] = await fuel.rawCalls(host.openUrl, '王芳 Wang Fang', '1234', [['devices.configure', { ...settings, pump: { ...settings.pump, path: '/dev/pos-no-such-pump' } }]]);
  expect(configured!.ok).toBe(true);
  await expect(page.getByTestId('fuel-pump-1')).toHaveAttribute('data-phase', 'offline', { timeout: 15_000 });
  await expect(page.getByTestId('fuel-pay')).toBeDisabled();
  await expect(page.getByTestId('fuel-offline')).toContainText(/1 号油枪离线|Pump 1 is offline/);
  await page.getByTestId('fuel-quantity').press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
