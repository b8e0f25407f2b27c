/// <reference lib="dom" />
// Issue 12, item 7: everything a finger must hit is at least 44 × 44 px, on every screen a
// cashier or manager uses, at the smallest counter screen (1024×768).
import { expect, test } from './support/fixtures';
import { LockerPage } from './pages/lockers';
import { smallTargets } from './pages/taps';

test.use({ demo: true, viewport: { width: 1024, height: 768 } });

test('sign-in, home, lockers, fuel, devices and staff screens have no target under 44 px', async ({ counter, page }) => {
  const small: Record<string, string[]> = {};
  const check = async (screen: string) => {
    const found = await smallTargets(page);
    if (found.length) small[screen] = found;
  };
  await expect(page.getByText('点选您的名字')).toBeVisible();
  await check('sign-in: staff');
  await page.getByRole('button', { name: '王芳 Wang Fang' }).click();
  await expect(page.getByRole('button', { name: '清除' })).toBeVisible();
  await check('sign-in: PIN pad');
  for (const digit of '1234') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: /^登录$/ }).click();
  await counter.expectHome('王芳 Wang Fang');
  await check('home');

  const lockers = new LockerPage(page);
  await lockers.open();
  await check('lockers: bind');
  await lockers.bindParty([101], '13800138000', '300', '600');
  await lockers.tab('场内消费');
  await lockers.tap(101);
  await lockers.item('宫保鸡丁').click();
  await check('lockers: charge');
  await lockers.tab('结账');
  await check('lockers: find');
  await lockers.lockerBadge(101).click();
  await expect(page.getByTestId('checkout-party')).toBeVisible();
  await check('lockers: checkout');
  await page.getByRole('button', { name: '返回' }).click();

  await page.getByRole('button', { name: /加油预付/ }).click();
  await page.getByTestId('fuel-pump-1').click();
  await check('fuel');
  await page.getByRole('button', { name: '返回' }).click();

  await counter.tile('员工').click();
  await check('staff');
  await page.getByRole('button', { name: '返回' }).click();
  await counter.tile('设备').click();
  await check('devices');

  expect(small).toEqual({});
});
