// Member cards at the counter (issue 16), as a cashier would do it: the demo store (its emulated
// LAN printer) connected to a real central server process started here, whose platform admin
// approved the store's merchant.
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, Admin, startServer, type ServerProcess } from '../integration/sync/support/server-process';
import { tempDir } from '../support/services';
import { CardsPage } from './pages/cards';
import { MilesPage } from './pages/miles';
import { smallTargets } from './pages/taps';
import { expect, test } from './support/fixtures';

test.use({ demo: true, viewport: { width: 1024, height: 768 } });
// A server process and a demo host on a machine shared by builds: a generous limit, not a speed check.
test.describe.configure({ timeout: 180_000 });

let server: ServerProcess;
let admin: Admin;
let pairing: string;

test.beforeEach(async () => {
  server = await startServer({ dataDir: tempDir('pos-e2e-cards-') });
  admin = await Admin.signIn(server.url);
  const store = await admin.store('洗车行 Car Wash');
  pairing = await admin.pairingCode(store.id);
  const applied = await admin.request('POST', '/admin/api/merchants', { storeId: store.id, name: '洗车行 Car Wash', contact: '王 Wang', phone: '010-1234', address: 'Beijing' });
  expect(applied.status).toBe(200);
  const product = await admin.request('POST', `/admin/api/merchants/${applied.json.id}/products`, { name: '储值卡 Stored value', terms: { kind: 'stored', tiers: [{ pay: 10_000, bonus: 2_000 }] } });
  expect(product.status).toBe(200);
});
test.afterEach(async () => {
  await server.stop();
});

const printed = (dataDir: string) => {
  try {
    return fs.readFileSync(path.join(dataDir, 'demo-printer.txt'), 'utf8');
  } catch {
    return '';
  }
};

test('the issue story: the platform admin approves the merchant; a cashier registers a member, opens a stored-value card, recharges ¥100 (+¥20); the member pays ¥38.50 from their phone; the counter shows and announces it, both balances read ¥81.50 without reload; a manager reverses it with a PIN; offline redemption is refused', async ({ counter, page, host, browser }) => {
  // The platform admin approves the merchant's application on the back office's merchants page.
  const office = await (await browser.newContext()).newPage();
  await office.goto(new URL('/admin', server.url).toString());
  await office.getByLabel('密码 Password').fill(ADMIN_PASSWORD);
  await office.getByRole('button', { name: '登录 Sign in' }).click();
  await expect(office.getByRole('button', { name: '退出 Sign out' })).toBeVisible();
  await office.getByRole('link', { name: '会员卡商户 Member-card merchants' }).click();
  const row = office.getByTestId('merchant-row').filter({ hasText: '洗车行 Car Wash' });
  await expect(row).toContainText('待审核 Applied');
  office.once('dialog', (d) => void d.accept());
  await row.getByTestId('approve').click();
  await expect(row).toContainText('已通过 Approved');
  await office.context().close();

  await counter.signInByTouch('王芳 Wang Fang', '1234');
  await new MilesPage(page).connect(server.url, pairing);
  const cards = new CardsPage(page);
  await cards.open();
  await expect(page.getByTestId('merchant-qr')).toContainText('洗车行 Car Wash');
  const phoneUrl = (await page.getByTestId('merchant-phone-url').textContent())!;
  expect(phoneUrl).toMatch(/\/m\/[A-Za-z0-9_-]{16,}$/);

  await cards.register('13800138000', '张三');
  await cards.openCard('储值卡 Stored value');
  await expect(cards.card()).toContainText('储值卡 Stored value');
  await expect(cards.card().getByTestId('card-balance')).toHaveText('¥0.00');

  // Recharge ¥100 by the tier button: the confirmation names the bonus before money moves.
  await cards.card().click();
  await cards.action('充值');
  await page.getByTestId('cards-tier').click();
  await expect(page.getByTestId('cards-amount')).toHaveValue('100.00');
  await page.getByTestId('cards-recharge').click();
  await cards.confirm(['向储值卡 Stored value充值 ¥100.00，现金支付？', '会员获赠 ¥20.00。']);
  await expect(cards.card().getByTestId('card-balance')).toHaveText('¥120.00');
  await expect(cards.card().getByTestId('card-split')).toHaveText('本金 ¥100.00 · 赠送 ¥20.00');
  await expect(cards.announcement).toContainText('会员卡充值一百元，余额一百二十元');
  await expect.poll(() => printed(host.dataDir), { timeout: 15_000 }).toContain('会员卡充值 Member card recharge');
  expect(printed(host.dataDir)).toMatch(/余额 Balance\s+[¥￥]120\.00/);

  // The member scans the merchant's code: their phone (a second browser, phone-sized) opens the page, signs in by phone + code, pays ¥38.50.
  const phoneContext = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(phoneUrl);
  await expect(phone.getByTestId('merchant-name')).toHaveText('洗车行 Car Wash');
  await phone.getByTestId('phone').fill('13800138000');
  await phone.getByTestId('send-otp').click();
  // The demo/test SMS sender is the console's: the code is read from the back office's outbox.
  const lastCode = async () => /(\d{6})/.exec(((await admin.request('GET', '/admin/api/sms-outbox')).json as { phone: string; text: string }[]).find((m) => m.phone === '13800138000')?.text ?? '')?.[1] ?? '';
  await expect.poll(lastCode).toMatch(/^\d{6}$/);
  const code = await lastCode();
  await phone.getByTestId('otp').fill(code);
  await phone.getByTestId('sign-in').click();
  await expect(phone.getByTestId('card')).toContainText('¥120.00');
  await phone.getByTestId('card').click();
  await phone.getByTestId('pay-amount').fill('38.50');
  await phone.getByTestId('pay-next').click();
  await phone.getByTestId('pay-confirm').click();
  await expect(phone.getByTestId('pay-result')).toContainText('支付成功');

  // The counter hears and sees it at once, and the card reads ¥81.50 on both screens without a reload.
  await expect(cards.announcement).toHaveAttribute('data-clips', '会员卡收款 三 十 八 元 五 角 余额 八 十 一 元 五 角');
  await expect(cards.announcement).toContainText('会员卡收款三十八元五角，余额八十一元五角');
  await expect(cards.card().getByTestId('card-balance')).toHaveText('¥81.50');
  await expect(phone.getByTestId('card-balance')).toContainText('¥81.50');
  await expect(page.locator('[data-testid="cards-today-row"][data-source="phone"]')).toHaveCount(1);
  // Every target on the full screen (cards, actions, today's list, the caption) is finger-sized at 1024×768.
  expect(await smallTargets(page)).toEqual([]);

  // The cashier takes ¥1.50 at the counter: announced, and the member's phone follows live.
  await cards.action('会员卡消费');
  await page.getByTestId('cards-amount').fill('1.50');
  await page.getByTestId('cards-redeem').click();
  await cards.confirm(['从储值卡 Stored value扣除 ¥1.50？']);
  await expect(cards.card().getByTestId('card-balance')).toHaveText('¥80.00');
  await expect(cards.announcement).toContainText('会员卡收款一元五角，余额八十元');
  await expect(phone.getByTestId('card-balance')).toContainText('¥80.00');
  await expect.poll(() => printed(host.dataDir), { timeout: 15_000 }).toContain('会员卡消费 Member card payment');

  // The member changes their mind: a manager reverses the phone payment with their PIN; the value goes back on both screens.
  await page.locator('[data-testid="cards-today-row"][data-source="phone"]').getByTestId('cards-reverse').click();
  await expect(page.getByTestId('approval-action')).toContainText('撤销会员卡付款 ¥38.50（张三）');
  for (const digit of '1234') await page.getByRole('dialog').getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '授权' }).click();
  await expect(cards.card().getByTestId('card-balance')).toHaveText('¥118.50');
  await expect(cards.announcement).toContainText('会员卡退款三十八元五角，余额一百一十八元五角');
  await expect(phone.getByTestId('card-balance')).toContainText('¥118.50');
  await expect(page.locator('[data-testid="cards-today-row"][data-source="phone"]')).toContainText('已撤销');
  await phoneContext.close();

  // The server goes away: a redemption is refused with a clear message, the balance shown is unchanged.
  await server.stop();
  await page.getByTestId('cards-amount').fill('10');
  await page.getByTestId('cards-redeem').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '确认' }).click();
  await expect(dialog.getByRole('alert')).toContainText('会员卡不能离线使用');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(cards.card().getByTestId('card-balance')).toHaveText('¥118.50');
});

test.describe('npm start --demo with its demo central server', () => {
  test.use({ hostEnv: { POS_DEMO_SERVER: '1' } });

  test("the member cards screen works with no set-up: the demo merchant's QR code and phone page, its products, a member served at once", async ({ counter, page, browser }) => {
    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await expect(counter.statusBar).toContainText('同步：在线');
    const cards = new CardsPage(page);
    await cards.open();
    await expect(page.getByTestId('merchant-qr').locator('img')).toBeVisible();
    const phoneUrl = (await page.getByTestId('merchant-phone-url').textContent())!;
    const phone = await (await browser.newContext({ viewport: { width: 375, height: 667 } })).newPage();
    await phone.goto(phoneUrl);
    await expect(phone.getByTestId('send-otp')).toBeVisible();
    await phone.context().close();
    await cards.register('13900139999', '演示 Demo');
    await cards.action('开卡');
    await page.getByTestId('cards-product').click();
    await expect(page.getByRole('option').first()).toBeVisible();
  });
});
