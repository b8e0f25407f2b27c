import { Admin } from '../integration/sync/support/server-process';
import { FuelPage } from './pages/fuel';
import { MilesPage } from './pages/miles';
import { expect, test } from './support/fixtures';

const PAST = '2026-01-01T00:00:00.000Z';

test.describe('npm start --demo with its demo central server', () => {
  test.use({ demo: true, hostEnv: { POS_DEMO_PUMP_SPEED: '400', POS_DEMO_SERVER: '1' } });

  test('the demo terminal is enrolled by itself; a price head office changes reaches the fuel screen without a reload; stopping the server shows offline with a growing backlog and starting it drains it', async ({ counter, page, host }) => {
    const printed = /back office at (http:\/\/\S+)\/admin \(user admin, password (\S+)\)/.exec(host.output());
    expect(printed, 'the back office URL and admin password are printed at start').not.toBeNull();
    const admin = await Admin.signIn(printed![1]!, printed![2]!);

    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await expect(counter.statusBar).toContainText('同步：在线 · 待上传 0 条');

    const fuel = new FuelPage(page);
    await fuel.open();
    await fuel.order(1, '92', 'amount', '100');
    await expect(page.getByTestId('fuel-grade-92')).toContainText('7.59/升');
    await expect(fuel.quote).toContainText('7.59');

    // Head office changes the price of 92# in the back office; the counter shows it at once.
    const r = await admin.request('POST', '/admin/api/reference/fuel.grades', { records: [{ id: '92', body: { name: '92#汽油', prices: [{ price: 775, effectiveFrom: PAST }] } }] });
    expect(r.status).toBe(200);
    await expect(page.getByTestId('fuel-grade-92')).toContainText('7.75/升');
    await expect(fuel.quote).toContainText('7.75');
    await fuel.pay();
    await fuel.expectState('completed');

    // The price is head office's now: the station settings refuse to change it here.
    const refused = await fuel.rawCalls(host.openUrl, '王芳 Wang Fang', '1234', [['fuel.setGrade', { id: '92', name: '92#汽油', price: 700 }]]);
    expect(refused[0]!.error?.code).toBe('REFERENCE_READ_ONLY');

    await page.getByRole('button', { name: '返回' }).click();
    await counter.tile('同步').click();
    await expect(page.getByTestId('sync-reference')).toContainText('油品和价格');
    await expect(page.getByTestId('sync-push')).toHaveText('已连接');
    // The browser host has no installer to run: updates are the Electron app's.
    await expect(page.getByTestId('sync-update')).toHaveText('本模式不支持（浏览器）');
    await page.getByRole('button', { name: '停止演示服务器' }).click();
    await expect(page.getByTestId('demo-server')).toContainText('已停止');
    await expect(counter.statusBar).toContainText('同步：离线');

    // A sale while the server is down waits in the backlog.
    await page.getByRole('button', { name: '返回' }).click();
    await fuel.open();
    await fuel.order(1, '92', 'amount', '50');
    await fuel.pay();
    await fuel.expectState('completed');
    await expect(counter.statusBar).toContainText(/同步：离线 · 待上传 [1-9]\d* 条/);

    await page.getByRole('button', { name: '返回' }).click();
    await counter.tile('同步').click();
    await page.getByRole('button', { name: '启动演示服务器' }).click();
    await expect(page.getByTestId('demo-server')).toContainText('运行中');
    await expect(counter.statusBar).toContainText('同步：在线 · 待上传 0 条', { timeout: 30_000 });
  });

  test('the demo passenger redeems miles through the demo server, with no set-up', async ({ counter, page }) => {
    await counter.signInByTouch('王芳 Wang Fang', '1234');
    await expect(counter.statusBar).toContainText('同步：在线');
    const miles = new MilesPage(page);
    await miles.open();
    await page.getByTestId('miles-demo').getByRole('button').click();
    await expect(miles.member).toContainText('张三 ZHANG/SAN · CA88001234');
    await expect(page.getByTestId('miles-available')).toHaveText('25000');
    await miles.service('额外行李', '300');
    await miles.share('30%').click();
    await expect(page.getByTestId('miles-points')).toHaveText('9000');
    await expect(page.getByTestId('miles-left')).toHaveText('16000');
  });
});
