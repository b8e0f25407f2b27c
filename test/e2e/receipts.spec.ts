import { startPrinterEmulator, type PrinterEmulator } from '../emulators';
import { DevicesPage } from './pages/devices';
import { LockerPage } from './pages/lockers';
import { ReceiptsPage } from './pages/receipts';
import { expect, test } from './support/fixtures';

let printer: PrinterEmulator;
test.beforeEach(async () => {
  printer = await startPrinterEmulator({ port: 0 });
});
test.afterEach(async () => {
  await printer.stop();
});

test.describe('receipts, as a cashier would', () => {
  test.use({ demo: true });

  test('printer offline during checkout → Receipts → prints once the printer is back, even after the manager saved printer settings; then a marked reprint', async ({ counter, page }) => {
    // The manager points the counter at a LAN printer that is then unplugged.
    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await counter.tile('设备').click();
    const devices = new DevicesPage(page);
    await devices.usePrinterAt(printer.address);
    await devices.expectPrinterState('online');
    await printer.stop();
    await devices.expectPrinterState('offline');
    await counter.signOut();

    // A cashier checks a party out while the printer is offline.
    await counter.signInByTouch('李娜 Li Na', '1111');
    const lockers = new LockerPage(page);
    await lockers.open();
    await lockers.bindParty([105], '13800138000', '300', '300');
    await lockers.charge(105, '按摩', { amount: '123' });
    await lockers.tab('结账');
    await lockers.tap(105);
    await page.getByLabel('现金').fill('200');
    await page.getByRole('button', { name: '结账 ¥123.00' }).click();
    await lockers.confirm();
    await expect(lockers.status).toContainText('小票未打印，打印机恢复后请在“小票”页面打印。');
    await page.getByRole('button', { name: '返回' }).click();

    // The cashier finds it on the Receipts screen: waiting, with its preview as it will print.
    const receipts = new ReceiptsPage(page);
    await receipts.open();
    await expect(receipts.waiting).toBeVisible();
    const number = await receipts.firstWaitingNumber();
    expect(number).toMatch(/^[A-Z0-9]+-\d{8}-0001$/);
    await expect(receipts.row(number)).toHaveAttribute('data-state', 'failed');
    await receipts.search('8000'); // phone tail
    await expect(receipts.rows()).toHaveCount(1);
    await receipts.search('999');
    await expect(receipts.rows()).toHaveCount(0);
    await receipts.search('123'); // the amount
    const preview = await receipts.openReceipt(number);
    expect(preview).toMatch(/应收\s+￥123\.00/);
    expect(preview).toMatch(/实收 现金\s+￥200\.00/);
    expect(preview).toMatch(/找零\s+￥77\.00/);
    await page.keyboard.press('Escape');
    await counter.signOut();

    // The manager saves printer settings in between (58 mm paper now): the waiting receipt stays.
    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await counter.tile('设备').click();
    await devices.printer.getByRole('textbox', { name: /纸宽|Paper width/ }).click();
    await page.getByRole('option', { name: '58 mm' }).click();
    await page.getByRole('button', { name: /保存并应用|Save and apply/ }).click();
    await expect(page.getByRole('status')).toContainText(/已保存|saved/);
    await expect(page.getByText(number)).toBeVisible();
    await counter.signOut();

    // Printer back: the cashier prints it from Receipts; it prints once, as the original, with the drawer kick.
    await printer.start();
    await counter.signInByTouch('李娜 Li Na', '1111');
    await receipts.open();
    await receipts.printWaiting(number);
    await expect(receipts.status).toHaveText(`小票 ${number} 已打印。`);
    await expect(receipts.waiting).toHaveCount(0);
    await expect(receipts.row(number)).toHaveAttribute('data-state', 'printed');
    const [job] = await printer.waitForJobs(1);
    expect(job!.text).toContain(number);
    expect(job!.text).toMatch(/应收 +￥123\.00/);
    expect(job!.text).not.toContain('重印');
    expect(job!.drawerKicks).toBe(1);
    expect(Math.max(...job!.lineColumns)).toBeLessThanOrEqual(32);

    // A customer asks for a copy: marked 重印 / REPRINT, no drawer kick.
    await receipts.openReceipt(number);
    await receipts.reprintOpen();
    await expect(receipts.status).toHaveText(`小票 ${number} 已重印。`);
    const [, copy] = await printer.waitForJobs(2);
    expect(copy!.text).toContain('** 重印 REPRINT **');
    expect(copy!.drawerKicks).toBe(0);
  });
});
