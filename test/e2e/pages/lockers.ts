import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** The locker wristband screen as a cashier uses it (zh-CN labels), with the demo's tap helper for card taps. */
export class LockerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '手牌消费' }).click();
    await expect(this.page.getByRole('heading', { name: '手牌消费' })).toBeVisible();
  }

  async tab(name: '绑定手牌' | '场内消费' | '结账'): Promise<void> {
    await this.page.getByRole('radiogroup').getByText(name, { exact: true }).click();
  }

  /** Taps the demo wristband of a locker on the emulated reader. */
  async tap(locker: number): Promise<void> {
    const helper = this.page.getByTestId('demo-tap');
    await helper.getByLabel('演示柜号').fill(String(locker));
    await helper.getByRole('button', { name: '演示：刷手牌' }).click();
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
  }

  async bindParty(lockers: number[], phone: string, wristbandQuota: string, partyQuota: string): Promise<void> {
    await this.tab('绑定手牌');
    const collected = this.page.getByTestId('bind-collected');
    for (const n of lockers) {
      await this.tap(n);
      await expect(collected).toContainText(String(n));
    }
    await this.page.getByLabel('客人手机号').fill(phone);
    await this.page.getByLabel('单个手牌额度（元）').fill(wristbandQuota);
    await this.page.getByLabel('同行总额度（元）').fill(partyQuota);
    await this.page.getByRole('button', { name: '绑定手牌', exact: true }).last().click();
    await this.confirm();
  }

  /** Taps the wristband, picks an outlet, then items (by name) or a typed amount, and confirms. */
  async charge(locker: number, outlet: '餐厅' | '按摩' | '商店', what: { items?: string[]; amount?: string }): Promise<void> {
    await this.tab('场内消费');
    await this.tap(locker);
    await expect(this.page.getByTestId('charge-locker')).toHaveText(`柜号 ${locker}`);
    await this.page.getByRole('radiogroup').last().getByText(outlet, { exact: true }).click();
    for (const item of what.items ?? []) await this.item(item).click();
    if (what.amount !== undefined) await this.page.getByLabel('金额（元）').fill(what.amount);
    await this.page.getByRole('button', { name: /^记入手牌/ }).click();
    await this.confirm();
  }

  /** A catalog item's button (not the cart's remove button of the same name). */
  item(name: string): Locator {
    return this.page.getByTestId('charge-items').getByRole('button', { name: new RegExp(name) });
  }

  lockerBadge(n: number): Locator {
    return this.page.getByTestId('locker-grid').locator(`[data-locker="${n}"]`);
  }

  /** What the emulated printer printed so far (the demo writes it to <data dir>/demo-printer.txt). */
  static async printed(dataDir: string, expected: RegExp): Promise<string> {
    const file = path.join(dataDir, 'demo-printer.txt');
    let text = '';
    await expect
      .poll(() => {
        text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        return text;
      }, { timeout: 10_000 })
      .toMatch(expected);
    return text;
  }
}
