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
