import type { Page } from '@playwright/test';
// A day at the counter, as the cashier and the manager live it, against the built browser host
// with --demo (LAN printer emulator read back from demo-printer.txt, pump emulator on a pty) and
// the host's injectable clock (POS_CLOCK_FILE): a shift with sales in lockers and fuel, a pay-out,
// a blind count short by more than the limit approved by the manager, the Z report on screen and
// on paper, then the next morning's first sale allowed and a back-dated one refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuelPage } from './pages/fuel';
import { LockerPage } from './pages/lockers';
import { SettlementPage } from './pages/settlement';
import { smallTargets } from './pages/taps';
import { expect, test } from './support/fixtures';

const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pos-clock-')), 'offset');
fs.writeFileSync(clockFile, '0');
test.use({ demo: true, hostEnv: { POS_CLOCK_FILE: clockFile, POS_DEMO_PUMP_SPEED: '400' } });

/** POS_SCREENSHOTS=1 writes the README's screenshots of these screens (docs/screenshots). */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.POS_SCREENSHOTS) return;
  const dir = path.resolve('docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const DAY_MS = 24 * 3600_000;
const SHANGHAI_MS = 8 * 3600_000;
/** Sets the counter's clock to `hour`:00 in Shanghai on the real day plus `days`; returns that store day (YYYY-MM-DD). */
function setClock(days: number, hour: number): string {
  const now = Date.now();
  const storeMidnight = Math.floor((now + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
  const target = storeMidnight + days * DAY_MS + hour * 3600_000;
  fs.writeFileSync(clockFile, String(target - now));
  return new Date(target + SHANGHAI_MS).toISOString().slice(0, 10);
}

test('a shift with sales in two workflows, a pay-out, a blind count approved by the manager, the Z report on screen and paper, then the next day', async ({ counter, page, host }) => {
  test.setTimeout(300_000); // two workflows, a pump run and two sign-ins: slow on a loaded 2-core machine
  const day = setClock(0, 10);
  const settlement = new SettlementPage(page);

  // The cashier opens her shift with a counted float of ¥500.00.
  await counter.signInByTouch('李娜 Li Na', '1111');
  await settlement.open();
  await settlement.count({ '¥100.00': 5 });
  await expect(page.getByTestId('count-total')).toHaveText('合计 ¥500.00');
  await page.getByRole('button', { name: '开班' }).click();
  await expect(settlement.dialog()).toContainText('以备用金 ¥500.00 开班？');
  await settlement.confirm();
  await expect(page.getByRole('heading', { name: /李娜 Li Na 的班次/ })).toBeVisible();
  await page.getByRole('button', { name: '返回' }).click();

  // Lockers: a party pays ¥123.00 in cash (¥200.00 handed over).
  const lockers = new LockerPage(page);
  await lockers.open();
  await lockers.bindParty([105], '13800138000', '300', '300');
  await lockers.charge(105, '按摩', { amount: '123' });
  await lockers.tab('结账');
  await lockers.tap(105);
  await page.getByLabel('现金').fill('200');
  await page.getByRole('button', { name: '结账 ¥123.00' }).click();
  await lockers.confirm();
  await expect(lockers.status).toContainText(/找零|结账/);
  await page.getByRole('button', { name: '返回' }).click();

  // Fuel: ¥100.00 of 92# in cash on pump 1, dispensed to the end.
  const fuel = new FuelPage(page);
  await fuel.open();
  await fuel.order(1, '92', 'amount', '100');
  await fuel.pay();
  await fuel.expectState('completed');
  await page.getByRole('button', { name: '返回' }).click();

  // A pay-out of ¥20.00 for ice, approved by the manager's PIN on the cashier's screen.
  await settlement.open();
  await page.getByRole('button', { name: '支出' }).click();
  await page.getByLabel('金额').fill('20');
  await page.getByLabel('原因').fill('买冰块');
  await settlement.dialog().getByRole('button', { name: '支出' }).click();
  await expect(page.getByTestId('approval-action')).toHaveText('支出 ¥20.00：买冰块');
  await settlement.approveAsManager();
  await expect(page.getByRole('cell', { name: '买冰块' })).toBeVisible();

  // The blind count: nothing on screen says what the drawer should hold (¥703.00).
  await expect(page.getByText('¥703.00')).toHaveCount(0);
  await settlement.count({ '¥100.00': 6, '¥50.00': 1 });
  await page.getByRole('button', { name: '点完交班' }).click();
  await settlement.confirm();
  // ¥53.00 short: over the ¥10.00 limit, so the manager approves.
  await expect(page.getByTestId('approval-action')).toHaveText('现金差额 ¥53.00：授权交班');
  await settlement.approveAsManager();
  const closed = page.getByTestId('shift-closed');
  await expect(closed).toContainText('应有：¥703.00');
  await expect(closed).toContainText('实点：¥650.00');
  await expect(closed).toContainText('差额：-¥53.00');
  await expect(closed).toContainText('店长已授权');
  await screenshot(page, 'settlement-1-shift-closed');
  await counter.signOut();

  // The manager reads the X report, then closes the day.
  await counter.signInByTouch('王芳 Wang Fang', '1234');
  await settlement.open();
  // The dashboard: today so far (before the close; after it, "today" is the next business day).
  await settlement.tab('经营看板');
  await expect(page.getByTestId('dash-today-sales')).toContainText('¥223.00');
  await expect(page.getByTestId('dash-today-tickets')).toContainText('2');
  await expect(page.getByTestId('dash-today-average')).toContainText('¥111.50');
  await screenshot(page, 'settlement-3-dashboard');
  await settlement.tab('日结');
  await expect(settlement.report).toContainText('X 报表');
  await page.getByRole('button', { name: '日结（Z）' }).click();
  await expect(settlement.dialog()).toContainText(`日结营业日 ${day}？`);
  await settlement.dialog().getByRole('button', { name: '日结（Z）' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已日结' })).toContainText(`营业日 ${day} 已日结`);
  const z = settlement.report;
  await expect(z).toContainText(`Z 日结报表（已日结） · ${day}`);
  await expect(z.getByRole('row', { name: /手牌消费 \(1\) ¥123\.00/ })).toBeVisible();
  await expect(z.getByRole('row', { name: /加油 \(1\) ¥100\.00/ })).toBeVisible();
  await expect(z.getByRole('row', { name: /92#汽油 13\.17 升 ¥100\.00/ })).toBeVisible();
  await expect(z.getByRole('row', { name: /应有现金 ¥703\.00/ })).toBeVisible();
  await expect(z.getByRole('row', { name: /实点现金 ¥650\.00/ })).toBeVisible();
  await screenshot(page, 'settlement-2-z-report');
  await expect(z.getByRole('row', { name: /支出 买冰块 · 李娜 Li Na · 授权 王芳 Wang Fang ¥20\.00/ })).toBeVisible();

  // On paper: the Z report came out of the emulated LAN printer.
  const paper = await LockerPage.printed(host.dataDir, /Z 日结报表/);
  const zPaper = paper.slice(paper.lastIndexOf('Z 日结报表'));
  expect(zPaper).toContain(day);
  expect(zPaper).toMatch(/应收\s+￥223\.00/);
  expect(zPaper).toMatch(/92#汽油 13\.17 升\s+￥100\.00/);
  expect(zPaper).toMatch(/应有现金\s+￥703\.00/);
  expect(zPaper).toMatch(/差额\s+-￥53\.00/);

  // The CSV export opens in Excel: UTF-8 with a BOM.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  expect(csvText).toContain('加油 (1),¥100.00');
  await counter.signOut();

  // The next morning: the first sale is allowed (the shift opens with it).
  setClock(1, 9);
  await counter.signInByTouch('李娜 Li Na', '1111');
  await lockers.open();
  await lockers.bindParty([106], '13800138001', '300', '300');
  await lockers.charge(106, '按摩', { amount: '50' });
  await lockers.tab('结账');
  await lockers.tap(106);
  await page.getByLabel('现金').fill('50');
  await page.getByRole('button', { name: '结账 ¥50.00' }).click();
  await lockers.confirm();
  await expect(lockers.status).toContainText(/结账/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: '返回' }).click();

  // A clock set back into the closed day: the posting is refused, with the day named.
  setClock(0, 9);
  await lockers.open();
  await lockers.bindParty([107], '13800138002', '300', '300');
  await expect(page.getByRole('alert').filter({ hasText: '已日结' })).toContainText(`营业日 ${day} 已日结（已出 Z 报表），不能再记入该日。`);
});

test.describe('at the smallest counter screen', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the shift, day-close and dashboard screens have no target under 44 px; a dashboard figure opens the receipts', async ({ counter, page }) => {
    setClock(0, 11);
    const small: Record<string, string[]> = {};
    const check = async (screen: string) => {
      const found = await smallTargets(page);
      if (found.length) small[screen] = found;
    };
    const settlement = new SettlementPage(page);
    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await settlement.open();
    await expect(page.getByTestId('count-total')).toBeVisible();
    await check('shift: open');
    await settlement.tab('日结');
    await expect(settlement.report).toContainText('X 报表');
    await check('day close');
    await settlement.tab('经营看板');
    await expect(page.getByTestId('dash-today-sales')).toBeVisible();
    await check('dashboard');
    expect(small).toEqual({});
    // Tap a figure: the receipts behind it.
    await page.getByTestId('dash-today-sales').click();
    await expect(page.getByRole('heading', { name: '小票', exact: true })).toBeVisible();
  });
});
