import { expect, type Locator, type Page } from '@playwright/test';

/** The shift and day-close screen as a cashier and a manager use it (zh-CN labels). */
export class SettlementPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '交班日结' }).click();
    await expect(this.page.getByRole('heading', { name: '交班日结' })).toBeVisible();
  }

  async tab(name: '班次' | '日结' | '经营看板'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** Types a count by denomination: { '¥100.00': 5 }. */
  async count(pieces: Record<string, number>): Promise<void> {
    for (const [denomination, n] of Object.entries(pieces)) await this.page.getByLabel(`${denomination} 张（枚）数`).fill(String(n));
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async confirm(name = '确认'): Promise<void> {
    await this.dialog().getByRole('button', { name, exact: true }).click();
  }

  /** The manager approves on this screen: picks 王芳 and types 1234 on the pad. */
  async approveAsManager(): Promise<void> {
    const d = this.page.getByRole('dialog').filter({ has: this.page.getByTestId('approval-action') });
    await d.getByRole('radio', { name: '王芳 Wang Fang' }).click();
    for (const digit of '1234') await d.getByRole('button', { name: digit, exact: true }).click();
    await d.getByRole('button', { name: '授权' }).click();
  }

  get report(): Locator {
    return this.page.getByTestId('day-report');
  }
}
