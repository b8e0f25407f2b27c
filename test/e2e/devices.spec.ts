import { startPrinterEmulator, type PrinterEmulator } from '../emulators';
import { DevicesPage } from './pages/devices';
import { expect, test } from './support/fixtures';

let printer: PrinterEmulator;
test.beforeEach(async () => {
  printer = await startPrinterEmulator({ port: 0 });
});
test.afterEach(async () => {
  await printer.stop();
});

test.describe('device settings, as a manager would', () => {
  test('sets up the receipt printer, test-prints to it, sees it go offline when unplugged and back online', async ({ counter, page }) => {
    await counter.setUpStore('清泉浴场', '王芳', '2468');
    await counter.tile('设备').click();
    const devices = new DevicesPage(page);
    await devices.usePrinterAt(printer.address);
    await devices.expectPrinterState('online');
    await expect(page.getByTestId('status-devices')).toContainText('小票打印机：在线');

    await devices.testPrint();
    await expect(page.getByRole('status')).toHaveText('测试小票已打印。');
    const [job] = await printer.waitForJobs(1);
    expect(job!.text).toContain('清泉浴场');
    expect(job!.text).toContain('打印测试 Test print');
    expect(job!.text).toContain('王芳');
    expect(job!.cuts).toBeGreaterThan(0);

    // Unplugged: a state on screen, and a clear refusal, not a crash.
    await printer.stop();
    await devices.expectPrinterState('offline');
    await devices.testPrint();
    await expect(counter.alert).toContainText('小票打印机离线，请检查连线和电源。');
    await expect(counter.alert).not.toContainText('receipt printer');
    await expect(page.getByText('未打印成功的小票')).toBeVisible();
    await page.getByRole('button', { name: '重新打印' }).first().waitFor();

    // Plugged back in: online again without restarting the app; the kept receipt reprints.
    await printer.start();
    await devices.expectPrinterState('online');
    await page.getByRole('button', { name: '重新打印' }).first().click();
    await expect(page.getByText('无，所有小票均已打印。')).toBeVisible();
    expect((await printer.waitForJobs(2)).length).toBe(2);
  });

  test('a card reader typing like a keyboard is caught as a card tap; a person typing the same digits is not', async ({ counter, page }) => {
    await counter.setUpStore('清泉浴场', '王芳', '2468');
    await counter.tile('设备').click();
    await expect(page.getByText('刷卡或扫码进行测试。').first()).toBeVisible();
    // A person types slowly into the page: nothing is taken for a card.
    await page.keyboard.type('04A1B2C3', { delay: 120 });
    await page.keyboard.press('Enter');
    await expect(page.getByText(/最近刷卡/)).toHaveCount(0);
    // A wedge reader "types" the UID in a burst ending in Enter.
    await page.keyboard.type('04A1B2C3', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect(page.getByText('最近刷卡：…B2C3')).toBeVisible();
    // A wedge barcode scanner the same way: an EAN-13 in a burst is a scan.
    await page.keyboard.type('6901234567892', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect(page.getByText('最近扫码：6901234567892')).toBeVisible();
  });
});

test.describe('demo store', () => {
  test.use({ demo: true });

  test('starts on the emulated devices and shows them online in the status bar', async ({ counter, page }) => {
    await counter.signInByTouch('李娜 Li Na', '1111');
    const bar = page.getByTestId('status-devices');
    for (const name of ['小票打印机', '扫码枪', '读卡器', '油机控制器']) await expect(bar).toContainText(`${name}：在线`);
  });
});
