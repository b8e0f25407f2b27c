import { expect, test } from './support/fixtures';

test.describe('first run, sign-in and language, as a cashier would', () => {
  test('a new store is set up, its manager lands on the home screen and can add a cashier', async ({ counter, page }) => {
    await expect(page.getByRole('heading', { name: '欢迎使用 Counter POS' })).toBeVisible();
    await counter.setUpStore('清泉浴场', '王芳', '2468');
    await counter.expectHome('王芳');
    await expect(counter.topBar).toContainText('清泉浴场');
    await expect(counter.statusBar).toContainText('浏览器模式');

    await counter.tile('员工').click();
    await page.getByLabel('姓名').fill('李娜');
    await page.getByLabel(/^密码/).fill('1357');
    await page.getByRole('button', { name: '添加员工' }).click();
    await expect(page.getByRole('status')).toHaveText('已添加 李娜。');
    await expect(page.getByRole('cell', { name: '李娜' })).toBeVisible();

    await counter.signOut();
    await counter.signInByTouch('李娜', '1357');
    await counter.expectHome('李娜');
    // A cashier is not offered the manager's tiles.
    await expect(counter.tile('员工')).toHaveCount(0);
    await expect(counter.tile('手牌消费')).toBeVisible();
  });

  test('the store refuses a PIN with letters at setup and says why', async ({ counter, page }) => {
    await counter.setUpStore('Spa', 'Wang', '12ab');
    await expect(counter.alert).toContainText('密码为 4 到 8 位数字。');
    await expect(page.getByRole('heading', { name: '欢迎使用 Counter POS' })).toBeVisible();
  });
});

test.describe('demo store', () => {
  test.use({ demo: true });

  test('a wrong PIN is refused with a clear message and the right one signs in', async ({ counter, page }) => {
    await page.getByRole('button', { name: '李娜 Li Na' }).click();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await expect(counter.alert).toContainText('密码错误，请重试。');
    await expect(counter.page.getByTestId('status-staff')).toContainText('未登录');
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await counter.expectHome('李娜 Li Na');
  });

  test('the language switches at once, everywhere, and stays switched after a reload', async ({ counter, page }) => {
    await expect(page.getByRole('heading', { name: '请登录收银台' })).toBeVisible();
    await counter.switchLanguage('English');
    await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
    await expect(counter.topBar).toContainText('Not signed in');
    await counter.signInByKeyboard('王芳 Wang Fang', '1234');
    await counter.expectHome('王芳 Wang Fang');
    await expect(counter.tile('Locker wristbands')).toBeVisible();
    await expect(counter.topBar).toContainText('Wang Fang (Manager)');
    // A reload keeps the language (and, since issue 12, the signed-in manager).
    await page.reload();
    await counter.expectHome('王芳 Wang Fang');
    await expect(counter.tile('Locker wristbands')).toBeVisible();
    await counter.signOut();
    await expect(page.getByRole('heading', { name: 'Who is at the counter?' })).toBeVisible();
    await counter.switchLanguage('中文');
    await expect(page.getByRole('heading', { name: '请登录收银台' })).toBeVisible();
  });

  test('every workflow tile a cashier sees opens its screen (none is left "coming soon")', async ({ counter, page }) => {
    await counter.signInByTouch('张伟 Zhang Wei', '2222');
    await counter.tile('会员卡').click();
    await expect(page.getByRole('heading', { level: 2, name: '会员卡', exact: true })).toBeVisible();
  });
});
