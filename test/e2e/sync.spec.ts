import { Admin, startServer, type ServerProcess } from '../integration/sync/support/server-process';
import { tempDir } from '../support/services';
import { LockerPage } from './pages/lockers';
import { expect, test } from './support/fixtures';

test.describe('sync with the central server, as a manager would set it up', () => {
  test.use({ demo: true });
  let server: ServerProcess;
  test.beforeEach(async () => {
    server = await startServer({ dataDir: tempDir('pos-e2e-server-') });
  });
  test.afterEach(async () => {
    await server.stop();
  });

  test('the manager types the server address and a pairing code; a sale made next is sent and the status bar shows it in sync', async ({ counter, page }) => {
    const admin = await Admin.signIn(server.url);
    const store = await admin.store('清泉浴场 总部');
    const code = await admin.pairingCode(store.id);

    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await expect(counter.statusBar).toContainText('同步: 未配置');
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
    await expect(counter.statusBar).toContainText('同步: 在线 · 待上传 0 条');

    // A sale after enrolment reaches the server by itself.
    await page.getByRole('button', { name: '返回' }).click();
    const lockers = new LockerPage(page);
    await lockers.open();
    await lockers.bindParty([101], '13800138000', '300', '600');
    await expect(lockers.status).toContainText('已将 101 号柜绑定');
    await expect(counter.statusBar).toContainText('同步: 在线 · 待上传 0 条');
    await expect
      .poll(async () => ((await admin.request('GET', '/admin/api/terminals')).json as { ackedSeq: number }[])[0]?.ackedSeq ?? 0)
      .toBeGreaterThan(0);
  });
});
