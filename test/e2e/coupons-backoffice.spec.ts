import { expect, test } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { couponRuleRecord } from '../../src-main/domain/coupons/protocol';
import { get, post } from '../integration/sync/support/entries';
import { ADMIN_PASSWORD, Admin, startServer, type ServerProcess } from '../integration/sync/support/server-process';
import { enrollRaw, member } from '../integration/value/support/value-server';
import { tempDir } from '../support/services';

/**
 * Head office makes coupons in the back office page as a manager would (Chromium against a real
 * server process); a paired terminal pulls what was published and a member claims it. The counter's
 * own screens are the shop sale's e2e.
 */
test.describe('coupons in the back office', () => {
  let server: ServerProcess;
  test.beforeEach(async () => {
    server = await startServer({ dataDir: tempDir('pos-e2e-server-') });
  });
  test.afterEach(async () => {
    await server.stop();
  });

  test('a manager creates 满100减20 with limits in store time, a bad one is refused, the terminal pulls it, a member claims it, then it is withdrawn', async ({ page }) => {
    const admin = await Admin.signIn(server.url);
    const t = await enrollRaw(server.url, admin);
    const m = await member(admin, 'CA88001234', '13900139000', '张三', 0);

    await page.goto(new URL('/admin', server.url).toString());
    await page.getByLabel('密码 Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录 Sign in' }).click();
    await expect(page.locator('#who')).toHaveText('admin');
    await page.getByRole('link', { name: '优惠券 Coupons' }).click();
    const form = page.locator('#coupon');
    await form.getByLabel('编号 Id').fill('dec-100-20');
    await form.getByLabel('名称 Title (中文)').fill('满100减20');
    await form.getByLabel('Title (English)').fill('20 off 100');
    await form.getByLabel('优惠 Offer').selectOption('amountOff');
    await form.getByLabel('门槛 Threshold ¥').fill('100');
    await form.getByLabel('减 Off ¥').fill('20');
    await form.getByLabel('开始 From').fill('2026-12-01 00:00');
    await form.getByLabel('结束 To').fill('2030-01-01 00:00');
    await form.getByLabel('每人限领 Per member').fill('1');
    await form.getByLabel(/发行总量 Total/).fill('100');
    await form.getByRole('button', { name: '保存并发布 Save and publish' }).click();
    await expect(page.getByRole('status')).toHaveText('已发布 Published');
    const row = page.locator('#coupons tr', { hasText: 'dec-100-20' });
    await expect(row).toContainText('满100.00减20.00');
    await expect(row).toContainText('0 / 100');

    // A percent of 100 is refused with the field named; nothing else appears.
    await form.getByLabel('编号 Id').fill('bad-pct');
    await form.getByLabel('优惠 Offer').selectOption('percentOff');
    await form.getByLabel('折扣 Percent off %').fill('100');
    await form.getByRole('button', { name: '保存并发布 Save and publish' }).click();
    await expect(page.getByRole('status')).toContainText('INVALID_INPUT');
    await expect(page.getByRole('status')).toContainText('percent');
    await expect(page.locator('#coupons tr')).toHaveCount(1);

    // What the terminal pulls: the window as instants (Shanghai midnight = 16:00Z the day before), money in fen.
    const pulled = await get(server.url, '/api/v1/reference/coupons.rules?after=0', t.credential);
    expect(pulled.json.records).toHaveLength(1);
    expect(couponRuleRecord.parse(pulled.json.records[0].body)).toMatchObject({
      offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 },
      validFrom: '2026-11-30T16:00:00.000Z',
      perMemberLimit: 1,
      totalLimit: 100,
    });
    expect((await post(server.url, '/api/v1/coupons/claims', { commandId: uuidv7(), memberId: m.id, couponId: 'dec-100-20' }, t.credential)).status).toBe(201);
    await page.reload();
    await expect(row).toContainText('1 / 100');

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '撤回 Withdraw' }).click();
    await expect(row).toContainText('已撤回 Withdrawn');
    const after = await get(server.url, `/api/v1/reference/coupons.rules?after=${pulled.json.cursor}`, t.credential);
    expect(after.json.records).toEqual([expect.objectContaining({ id: 'dec-100-20', deleted: true })]);
    expect((await post(server.url, '/api/v1/coupons/claims', { commandId: uuidv7(), memberId: m.id, couponId: 'dec-100-20' }, t.credential)).json.error.code).toBe('COUPON_WITHDRAWN');

    // A product display for the customer-facing screen.
    const display = page.locator('#display');
    await display.getByLabel('编号 Id').fill('summer');
    await display.getByLabel('标题 Title (中文)').fill('夏日防晒');
    await display.getByLabel('商品 Item ids').fill('demo-shop-sunscreen, demo-shop-towel');
    await display.getByRole('button', { name: '保存并推送 Save and push' }).click();
    await expect(page.locator('#displays tr', { hasText: 'summer' })).toContainText('demo-shop-sunscreen, demo-shop-towel');
    const shown = await get(server.url, '/api/v1/reference/coupons.displays?after=0', t.credential);
    expect(shown.json.records[0].body).toMatchObject({ titleZh: '夏日防晒', itemIds: ['demo-shop-sunscreen', 'demo-shop-towel'] });
  });
});
