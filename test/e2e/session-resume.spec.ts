// Issue 12, item 10: a reload of the same window keeps the cashier signed in and the sale in
// progress; a sign-out ends it for good. The token lives in this window only (sessionStorage).
import { expect, test } from './support/fixtures';
import { LockerPage } from './pages/lockers';

test.use({ demo: true });

test('a reload keeps the cashier signed in, on the same screen, with the cart; sign-out ends it', async ({ counter, page }) => {
  await counter.signInByTouch('李娜 Li Na', '1111');
  const lockers = new LockerPage(page);
  await lockers.open();
  await lockers.bindParty([101], '13800138000', '300', '600');
  await expect(lockers.status).toContainText('101');
  await lockers.tab('场内消费');
  await lockers.tap(101);
  await expect(page.getByTestId('charge-locker')).toHaveText('柜号 101');
  await lockers.item('宫保鸡丁').click();
  await lockers.item('青岛啤酒').click();
  await expect(page.getByTestId('charge-total')).toHaveText('¥63.00');
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  expect(stored).not.toContain('1111');

  await page.reload();
  await expect(page.getByTestId('status-staff')).toContainText('李娜 Li Na');
  await expect(page.getByRole('heading', { name: '手牌消费' })).toBeVisible();
  await expect(page.getByTestId('charge-locker')).toHaveText('柜号 101');
  await expect(page.getByTestId('charge-cart')).toContainText('宫保鸡丁');
  await expect(page.getByTestId('charge-total')).toHaveText('¥63.00');
  // The kept cart is charged as it is, through the usual confirmation.
  await page.getByRole('button', { name: /^记入手牌/ }).click();
  await lockers.confirm();
  await expect(lockers.status).toContainText('已记入 ¥63.00（101 号柜）');

  await counter.signOut();
  await expect(page.getByText('点选您的名字')).toBeVisible();
  await page.reload();
  await expect(page.getByText('点选您的名字')).toBeVisible();
  await expect(page.getByTestId('status-staff')).toContainText('未登录');
});

test('another window (a new tab of the same browser) does not inherit the session', async ({ counter, context, host }) => {
  await counter.signInByTouch('李娜 Li Na', '1111');
  await counter.expectHome('李娜 Li Na');
  const other = await context.newPage();
  await other.goto(host.openUrl);
  await expect(other.getByText('点选您的名字')).toBeVisible();
  await expect(other.getByTestId('status-staff')).toContainText('未登录');
  await other.close();
});
