// Miles redemption at the travel desk (issue 18), as an agent would do it: the demo store (its
// miles rules, the emulated scanner and LAN printer) connected to a real central server process
// started here, with the passengers and their miles made in the server's back office.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Admin, startServer, type ServerProcess } from '../integration/sync/support/server-process';
import { tempDir } from '../support/services';
import { MilesPage } from './pages/miles';
import { expectOnScreen, smallTargets } from './pages/taps';
import { expect, test } from './support/fixtures';

test.use({ demo: true, viewport: { width: 1024, height: 768 } });
// Each test starts a server process and a demo host (its emulators) on a machine shared by builds: a generous limit, not a speed check.
test.describe.configure({ timeout: 150_000 });

let server: ServerProcess;
let admin: Admin;
let pairing: string;

test.beforeEach(async () => {
  server = await startServer({ dataDir: tempDir('pos-e2e-miles-') });
  admin = await Admin.signIn(server.url);
  const store = await admin.store('清泉浴场 机场柜台');
  pairing = await admin.pairingCode(store.id);
  for (const [number, phone, name, miles] of [
    ['CA88001234', '13900139000', '张三 ZHANG/SAN', 25_000],
    ['CA88005678', '13900139001', '李四 LI/SI', 800],
  ] as const) {
    const m = await admin.request('POST', '/admin/api/members', { number, phone, name });
    expect(m.status).toBe(200);
    const c = await admin.request('POST', `/admin/api/members/${m.json.id}/credit`, { commandId: crypto.randomUUID(), unit: 'MILES', amount: miles, memo: 'flown' });
    expect(c.status).toBe(200);
  }
});
test.afterEach(async () => {
  await server.stop();
});

/** POS_SCREENSHOTS=1 writes the README's miles screenshots (docs/screenshots). */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.POS_SCREENSHOTS) return;
  fs.mkdirSync(path.resolve('docs/screenshots'), { recursive: true });
  await page.screenshot({ path: path.resolve('docs/screenshots', `${name}.png`) });
}

const printed = (dataDir: string) => {
  try {
    return fs.readFileSync(path.join(dataDir, 'demo-printer.txt'), 'utf8');
  } catch {
    return '';
  }
};

test('an agent sells extra baggage on a mixed rule: the passenger picks 30% in miles, pays the rest by bank card; the receipt shows miles used and left', async ({ counter, page, host }) => {
  await counter.signInByTouch('王芳 Wang Fang', '1234');
  const miles = new MilesPage(page);
  await miles.connect(server.url, pairing);
  await miles.open();

  // The passenger hands over the boarding pass: the scanner reads it (the demo's emulated scanner).
  await page.getByTestId('miles-demo').getByRole('button').click();
  await expect(miles.member).toContainText('张三 ZHANG/SAN · CA88001234');
  await expect(page.getByTestId('miles-available')).toHaveText('25000');
  await expect(page.getByTestId('miles-pass-name')).toContainText('ZHANG/SAN');
  await expect(page.getByTestId('miles-flight')).toHaveValue('CA1501');
  await expect(page.getByTestId('miles-origin')).toHaveValue('PEK');
  await expect(page.getByTestId('miles-destination')).toHaveValue('SHA');

  // Extra baggage at ¥300: the rule allows up to 50% in miles; the first ratio is shown, then 30% chosen.
  await miles.service('额外行李', '300');
  await expect(page.getByTestId('miles-rule')).toHaveText('规则：最多 50% 用里程支付，100 里程 = ¥1.00');
  await expect(page.getByTestId('miles-first-ratio')).toHaveText('首选比例：50%');
  await expect(miles.plan).toHaveAttribute('data-share', '50');
  await expect(page.getByTestId('miles-points')).toHaveText('15000');
  await miles.share('30%').click();
  await expect(miles.plan).toHaveAttribute('data-share', '30');
  await expect(page.getByTestId('miles-points')).toHaveText('9000');
  await expect(page.getByTestId('miles-cash')).toHaveText('¥210.00');
  await expect(page.getByTestId('miles-left')).toHaveText('16000');
  await page.getByTestId('miles-tender').getByText('银行卡').click();

  // Everything an agent taps is on screen at 1024×768 and finger-sized.
  await expectOnScreen(page, miles.payButton, 'pay');
  expect(await smallTargets(page)).toEqual([]);
  await screenshot(page, 'miles-1-plan');

  await miles.payButton.click();
  await screenshot(page, 'miles-2-confirm');
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
  await expect(page.getByTestId('miles-done')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('status')).toContainText('已支付：9000 里程和 ¥210.00。剩余里程：16000。');

  // The receipt as the printer got it: the service, the miles' value and the card part, miles used and left.
  await expect.poll(() => printed(host.dataDir), { timeout: 15_000 }).toContain('剩余里程 Miles left 16000');
  const paper = printed(host.dataDir);
  expect(paper).toContain('里程兑换 Miles redemption');
  expect(paper).toMatch(/额外行李 Extra baggage CA1501 PEK-SHA/);
  expect(paper).toMatch(/应收\s+￥300\.00/);
  expect(paper).toMatch(/实收 里程 Miles\s+￥90\.00/);
  expect(paper).toMatch(/实收 银行卡 Bank card\s+￥210\.00/);
  expect(paper).toContain('使用里程 Miles used 9000');

  // The server holds the same: 16,000 miles left, nothing held.
  const listed = (await admin.request('GET', '/admin/api/members')).json as { number: string; balances: { balance: number; held: number }[] }[];
  expect(listed.find((m) => m.number === 'CA88001234')!.balances[0]).toMatchObject({ balance: 16_000, held: 0 });

  // Today's list shows the sale; the manager sees miles taken per service.
  await page.getByRole('button', { name: '下一位旅客' }).click();
  await page.getByTestId('miles-tabs').getByText('今日').click();
  await expect(page.getByTestId('miles-sales').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('miles-summary')).toContainText('额外行李');
  await expect(page.getByTestId('miles-summary')).toContainText('9000');
});

test('a miles-only service with too few miles is refused with how many are missing; nothing can be paid', async ({ counter, page }) => {
  await counter.signInByTouch('王芳 Wang Fang', '1234');
  const miles = new MilesPage(page);
  await miles.connect(server.url, pairing);
  await counter.signOut();
  await counter.signInByTouch('李娜 Li Na', '1111');
  await miles.open();

  await miles.findPassenger('CA88005678');
  await expect(page.getByTestId('miles-available')).toHaveText('800');
  await miles.flight('CA1831', 'PEK', 'SHA');
  await miles.service('贵宾休息室', '200');
  await expect(miles.refusal).toHaveText('该服务只能用里程支付：需要 20000 里程，还差 19200 里程。');
  await expect(miles.payButton).toBeDisabled();
  await screenshot(page, 'miles-3-refused');

  await counter.switchLanguage('English');
  await expect(miles.refusal).toHaveText('This service can only be paid in miles: 20000 miles needed, 19200 missing.');
  expect(await smallTargets(page)).toEqual([]);
});
