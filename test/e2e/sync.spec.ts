import { ADMIN_PASSWORD, Admin, startServer, type ServerProcess } from '../integration/sync/support/server-process';
import { tempDir } from '../support/services';
import { FuelPage } from './pages/fuel';
import { expect, test } from './support/fixtures';

test.describe('sync with the central server, as a manager would set it up', () => {
  test.use({ demo: true, hostEnv: { POS_DEMO_PUMP_SPEED: '400' } });
  let server: ServerProcess;
  test.beforeEach(async () => {
    server = await startServer({ dataDir: tempDir('pos-e2e-server-') });
  });
  test.afterEach(async () => {
    await server.stop();
  });

  test('the manager types the server address and a pairing code; a fuel sale made next reaches the server, the status bar shows it in sync and the back office shows the sale', async ({ counter, page, context }) => {
    const admin = await Admin.signIn(server.url);
    const store = await admin.store('清泉浴场 总部');
    const code = await admin.pairingCode(store.id);

    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await expect(counter.statusBar).toContainText('同步：未配置');
    await counter.tile('同步').click();
    await expect(page.getByTestId('sync-phase')).toHaveText('未连接');

    await page.getByLabel('服务器地址').fill(server.url.replace('http://', ''));
    await page.getByLabel('配对码').fill('WRON-GCOD-E234');
    await page.getByRole('button', { name: '连接' }).click();
    await expect(counter.alert).toContainText('配对码错误、已过期或已被使用');

    await page.getByLabel('配对码').fill(code.toLowerCase());
    await page.getByRole('button', { name: '连接' }).click();
    await expect(page.getByRole('status')).toHaveText('已连接到 清泉浴场 总部。');
    await expect(page.getByTestId('sync-phase')).toHaveText('在线');
    await expect(page.getByTestId('sync-backlog')).toHaveText('0 条');
    await expect(counter.statusBar).toContainText('同步：在线 · 待上传 0 条');

    // A sale after enrolment reaches the server by itself.
    await page.getByRole('button', { name: '返回' }).click();
    const fuel = new FuelPage(page);
    await fuel.open();
    await fuel.order(1, '92', 'amount', '100');
    await fuel.pay();
    await fuel.expectState('completed');
    await expect(counter.statusBar).toContainText('同步：在线 · 待上传 0 条');
    await expect
      .poll(async () => ((await admin.request('GET', '/admin/api/terminals')).json as { ackedSeq: number }[])[0]?.ackedSeq ?? 0)
      .toBeGreaterThan(0);

    // Head office sees the terminal and the store's sales in the back office page.
    const office = await context.newPage();
    await office.goto(new URL('/admin', server.url).toString());
    await office.getByLabel('密码 Password').fill(ADMIN_PASSWORD);
    await office.getByRole('button', { name: '登录 Sign in' }).click();
    const terminalRow = office.locator('#terminals tr').first();
    await expect(terminalRow).toContainText('清泉浴场 总部');
    await expect(terminalRow.locator('td').nth(3)).toHaveText('0');
    await expect(office.locator('#sales tr').first()).toContainText('清泉浴场 总部');
    await expect(office.locator('#sales tr').first()).toContainText('100.00 CNY');
    await office.getByRole('button', { name: '生成配对码 New pairing code' }).click();
    await expect(office.locator('#stores code')).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });
});
